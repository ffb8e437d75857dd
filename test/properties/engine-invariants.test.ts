import { registerProperties } from '../support/props.js';
import { engineInvariantDefs, threadInvariantDefs } from './engine-invariants.js';

// A few generated scenarios per registered engine and invariant; `npm run test:props` runs them long.
registerProperties('engine invariants (quick)', [...engineInvariantDefs(), ...threadInvariantDefs()], 'quick');

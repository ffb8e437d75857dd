import { registerProperties } from '../support/props.js';
import { engineInvariantDefs, threadInvariantDefs } from './engine-invariants.js';

// SCHEDBENCH_PROP_RUNS (default 1 000) generated scenarios per registered engine and invariant.
registerProperties('engine invariants', [...engineInvariantDefs(), ...threadInvariantDefs()], 'long');

import { registerProperties } from '../support/props.js';
import { lifecycleDefs } from './lifecycle.js';

registerProperties('lifecycle invariants (quick)', lifecycleDefs(), 'quick');

import { registerProperties } from '../support/props.js';
import { lifecycleDefs } from './lifecycle.js';

// SCHEDBENCH_PROP_RUNS (default 1 000) generated lifecycle scenarios per registered engine and invariant.
registerProperties('lifecycle invariants', lifecycleDefs(), 'long');

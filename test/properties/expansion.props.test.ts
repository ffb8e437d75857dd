import { registerProperties } from '../support/props.js';
import { expansionDefs } from './expansion.js';

registerProperties('scenario expansion properties', expansionDefs(), 'long');

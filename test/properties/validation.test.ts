import { registerProperties } from '../support/props.js';
import { validationDefs } from './validation.js';

registerProperties('scenario validation properties (quick)', validationDefs(), 'quick');

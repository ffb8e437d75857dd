import { registerProperties } from '../support/props.js';
import { kernelDefs } from './kernel.js';

registerProperties('kernel properties', kernelDefs(), 'long');

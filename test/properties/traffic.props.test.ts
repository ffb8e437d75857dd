import { registerProperties } from '../support/props.js';
import { trafficDefs } from './traffic.js';

registerProperties('request-traffic properties', trafficDefs(), 'long');

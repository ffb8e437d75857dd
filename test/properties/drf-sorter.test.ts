import { registerProperties } from '../support/props.js';
import { drfSorterDefs } from './drf-sorter.js';

registerProperties('Mesos DRF sorter properties (quick)', drfSorterDefs(), 'quick');

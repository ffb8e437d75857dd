import { registerProperties } from '../support/props.js';
import { schedulerPluginDefs } from './scheduler-plugins.js';

registerProperties('kube-scheduler score plugins properties', schedulerPluginDefs(), 'long');

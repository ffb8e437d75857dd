import { registerProperties } from '../support/props.js';
import { shardingDefs } from './sharding.js';

registerProperties('sharding properties', shardingDefs(), 'long');

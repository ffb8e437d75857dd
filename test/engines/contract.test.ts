import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { describeEngineContract } from './contract.js';

// Every registered engine keeps the contract: a new engine is checked the moment it is listed.
for (const name of ENGINE_NAMES) describeEngineContract(name);

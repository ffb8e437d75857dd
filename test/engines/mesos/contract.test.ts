import { describeEngineContract } from '../contract.js';

// The shared contract suite, for this engine alone (test/engines/contract.test.ts runs it for all).
describeEngineContract('mesos');

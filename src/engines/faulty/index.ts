export { faultyHangEngine, faultyThrowEngine } from './faulty-engines.js';

export { loadTrace, TraceError, tracePath } from './load-trace.js';
export { materialise, TraceFeed } from './trace-feed.js';
export { type Normalisation, type TraceRecord } from './trace-record.js';
export { type TraceTable } from './trace-table.js';
export { loadTraceTables, type TraceTables } from './trace-tables.js';

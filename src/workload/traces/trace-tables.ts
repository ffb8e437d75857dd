import { type NodeSpec } from '../../cluster/node.js';
import { type ScenarioDoc } from '../schema.js';
import { loadTrace, tracePath } from './load-trace.js';
import { type Normalisation } from './trace-record.js';
import { type TraceTable } from './trace-table.js';

/** The loaded tables of a scenario's Trace workloads, by workload name. */
export type TraceTables = ReadonlyMap<string, TraceTable>;

/** Most tables kept per process: a suite names a handful of traces; the cache only spares re-reading them per trial. */
const CACHE_LIMIT = 8;
const cache = new Map<string, Promise<TraceTable>>();

/** The unit of normalised requests: the scenario's largest node. */
export function normalisationOf(nodes: readonly NodeSpec[]): Normalisation {
  let cpu = 0;
  let memory = 0;
  for (const n of nodes) {
    cpu = Math.max(cpu, n.allocatable.cpu);
    memory = Math.max(memory, n.allocatable.memory);
  }
  return { cpu, memory };
}

/**
 * Loads every Trace workload of a scenario (I/O: call it in the worker before the trial, once per
 * trial; runTrial itself stays pure given the tables). A table depends only on the file and the
 * workload's fields (sampling happens per seed when jobs are fed), so tables are cached per process
 * by those and reused by the trials of the same scenario on the same worker.
 */
export async function loadTraceTables(doc: ScenarioDoc, scenarioDir: string, nodes: readonly NodeSpec[]): Promise<TraceTables> {
  const norm = normalisationOf(nodes);
  const out = new Map<string, TraceTable>();
  for (const w of doc.spec.workloads) {
    if (w.kind !== 'Trace') continue;
    const path = tracePath(w, scenarioDir);
    const key = JSON.stringify([path, w.format, w.window, w.timeScale, w.skipInvalid, w.tenant, w.tenants, w.groups, norm]);
    let table = cache.get(key);
    if (!table) {
      table = loadTrace(w, path, norm);
      cache.set(key, table);
      table.catch(() => cache.delete(key));
      while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    }
    out.set(w.name, await table);
  }
  return out;
}

import { formatDuration } from '../sim/duration.js';
import { toSeconds } from '../sim/time.js';
import { type ScenarioDoc } from '../workload/schema.js';

function cores(millis: number): string {
  return `${+(millis / 1000).toFixed(3)} CPU`;
}

function gib(bytes: number): string {
  return `${+(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/**
 * One paragraph that states a scenario's setup for the report: cluster, tenants, workloads, events
 * and the engine settings it overrides. Built from the validated document only.
 */
export function describeSetup(doc: ScenarioDoc): string {
  const s = doc.spec;
  const groups = s.cluster.nodeGroups.map((g) => `${g.count} × ${g.name} (${cores(g.resources.cpu)}, ${gib(g.resources.memory)}${g.resources.gpu ? `, ${g.resources.gpu} GPU` : ''}${Object.keys(g.labels).length ? `, ${Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''})`);
  if (s.cluster.nodes.length) groups.push(`${s.cluster.nodes.length} named node(s)`);
  const nodeCount = s.cluster.nodeGroups.reduce((n, g) => n + g.count, 0) + s.cluster.nodes.length;
  const parts = [`${nodeCount} nodes: ${groups.join(', ')}.`];
  if (s.tenants.length > 1) parts.push(`Tenants: ${s.tenants.map((t) => `${t.name} (weight ${t.weight})`).join(', ')}.`);
  const workloads = s.workloads.map((w) => {
    switch (w.kind) {
      case 'Service':
        return `service ${w.name}: ${w.replicas} replicas of ${cores(w.resources.cpu)}/${gib(w.resources.memory)}`;
      case 'BatchJob':
        return `batch ${w.name}: ${w.arrivals ? `jobs every ${formatDuration(w.arrivals.meanInterArrival)} on average (Poisson)` : 'one job'}, ${w.tasks.kind === 'constant' ? w.tasks.value : `${w.tasks.kind}-distributed`} task(s) of ${cores(w.resources.cpu)}/${gib(w.resources.memory)}`;
      case 'Trace':
        return `trace ${w.name} (${w.format}, ${w.file})`;
    }
  });
  if (workloads.length) parts.push(`Workloads: ${workloads.join('; ')}.`);
  if (s.events.length) parts.push(`Events: ${s.events.map((e) => `${e.kind} at ${formatDuration(e.at)}`).join(', ')}.`);
  const overrides = Object.entries(s.engines).filter(([, o]) => Object.keys(o).length > 0);
  if (overrides.length) parts.push(`Engine settings changed from their defaults: ${overrides.map(([e, o]) => `${e} ${Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`).join('; ')}.`);
  else parts.push('Every engine runs with its real-world defaults.');
  if (s.sweep) parts.push(`Sweep: ${s.sweep.parameter} over ${s.sweep.values.map(String).join(', ')}.`);
  parts.push(`Horizon ${formatDuration(s.duration)} (${toSeconds(s.duration)} s of virtual time).`);
  return parts.join(' ');
}

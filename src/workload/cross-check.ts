import { createDistribution } from '../sim/distributions.js';
import { formatDuration } from '../sim/duration.js';
import { type SimDuration } from '../sim/time.js';
import { expandCluster } from './expand.js';
import { matchesSelector, formatSelector } from './fault-targets.js';
import { claimProblems } from './claims-check.js';
import { type Problem, valueAt } from './issues.js';
import { closestMatch } from './suggest.js';
import { MAX_GENERATED_JOBS, MAX_NODES, type NodeTargetSpec, type ScenarioDoc } from './schema.js';
import { sweepPathProblem } from './sweep.js';

/**
 * Most tasks a scenario may generate in expectation (jobs × mean tasks per job). It bounds memory:
 * every task is an object of a few hundred bytes, so ten million is a few GB at most. Larger
 * experiments belong to a trace with sampling.
 */
export const MAX_EXPECTED_TASKS = 10_000_000;

/**
 * Checks what a schema cannot: names that refer to each other (services, jobs, tenants, nodes),
 * duplicates, times past the end of the run, selectors that match no node, and generated volume.
 * Runs on a document that passed the schema; `raw` is the document as written (for sweep paths).
 */
export function crossCheck(doc: ScenarioDoc, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const spec = doc.spec;
  const end = spec.duration;
  const late = (at: SimDuration, path: (string | number)[], what: string): void => {
    if (at >= end) problems.push({ path, message: `${what} ${formatDuration(at)} is not before the end of the run (spec.duration ${formatDuration(end)})` });
  };

  if (end <= 0) problems.push({ path: ['spec', 'duration'], message: 'must be longer than 0' });
  const seeds = new Set<number>();
  spec.seeds.forEach((seed, i) => {
    // Two trials with one seed would be the same trial twice, and their result rows would collide.
    if (seeds.has(seed)) problems.push({ path: ['spec', 'seeds', i], message: `seed ${seed} is listed twice` });
    seeds.add(seed);
  });

  // Nodes: group names, then every node name, unique.
  const groupNames = new Map<string, number>();
  spec.cluster.nodeGroups.forEach((g, i) => {
    if (groupNames.has(g.name)) problems.push({ path: ['spec', 'cluster', 'nodeGroups', i, 'name'], message: `duplicate node group name "${g.name}"` });
    groupNames.set(g.name, i);
  });
  const totalNodes = spec.cluster.nodeGroups.reduce((n, g) => n + g.count, 0) + spec.cluster.nodes.length;
  if (totalNodes > MAX_NODES) {
    // Stop here: every check below walks the nodes.
    return [...problems, { path: ['spec', 'cluster'], message: `${totalNodes} nodes; at most ${MAX_NODES} are allowed` }];
  }
  const nodes = expandCluster(doc);
  const nodeNames = new Set<string>();
  for (const g of spec.cluster.nodeGroups) for (let k = 0; k < g.count; k++) nodeNames.add(`${g.name}-${k}`);
  spec.cluster.nodes.forEach((n, i) => {
    if (nodeNames.has(n.name)) problems.push({ path: ['spec', 'cluster', 'nodes', i, 'name'], message: `duplicate node name "${n.name}" (node groups name their nodes <group>-<index>)` });
    nodeNames.add(n.name);
  });

  // Tenants.
  const tenants = new Set<string>();
  spec.tenants.forEach((t, i) => {
    if (tenants.has(t.name)) problems.push({ path: ['spec', 'tenants', i, 'name'], message: `duplicate tenant "${t.name}"` });
    tenants.add(t.name);
  });
  const checkTenant = (tenant: string, path: (string | number)[]): void => {
    if (tenants.has(tenant)) return;
    const declared = [...tenants].join(', ');
    // A workload without `tenant` belongs to "default", which a file declaring its own tenants may lack.
    const message =
      valueAt(raw, path) === undefined
        ? `no tenant given, so it is "${tenant}", which spec.tenants does not declare (declared: ${declared}); set tenant`
        : `tenant "${tenant}" is not declared in spec.tenants (declared: ${declared})`;
    problems.push({ path, message, ...suggest(tenant, [...tenants]) });
  };

  // Workloads.
  const workloadIndex = new Map<string, number>();
  let expectedTasks = 0;
  spec.workloads.forEach((w, i) => {
    const at = ['spec', 'workloads', i];
    if (workloadIndex.has(w.name)) problems.push({ path: [...at, 'name'], message: `duplicate workload name "${w.name}"` });
    workloadIndex.set(w.name, i);
    checkTenant(w.tenant, [...at, 'tenant']);
    if (w.kind === 'Trace') {
      // The file itself is read when the trial runs (its rows are checked there, with file and line).
      if (w.window.end !== undefined && w.window.end <= w.window.start) problems.push({ path: [...at, 'window', 'end'], message: 'the window ends before it starts' });
      for (const [group, tenant] of Object.entries(w.tenants)) checkTenant(tenant, [...at, 'tenants', group]);
      if (w.format !== 'job-list' && w.groups !== undefined) problems.push({ path: [...at, 'groups'], message: `groups selects JobList workload names; format ${w.format} has none` });
      if (w.format !== 'job-list' && Object.keys(w.tenants).length > 0) {
        problems.push({ path: [...at, 'tenants'], message: `tenants maps JobList workload names; format ${w.format} has none (use tenant)` });
      }
      return;
    }
    if (w.constraints.nodeName !== undefined && !nodeNames.has(w.constraints.nodeName)) {
      problems.push({ path: [...at, 'constraints', 'nodeName'], message: `no node is named "${w.constraints.nodeName}"`, ...suggest(w.constraints.nodeName, [...nodeNames]) });
    }
    if (w.kind === 'Service') {
      late(w.startAt, [...at, 'startAt'], 'startAt');
      // As Kubernetes's Deployment validation: a rolling update that may neither add nor remove a pod cannot progress.
      if (isZero(w.strategy.maxSurge) && isZero(w.strategy.maxUnavailable)) {
        problems.push({ path: [...at, 'strategy'], message: 'maxSurge and maxUnavailable may not both be 0 (a rollout could never progress)' });
      }
      expectedTasks += w.replicas;
      return;
    }
    const meanTasks = createDistribution(w.tasks).mean;
    if (w.arrivals) {
      const a = w.arrivals;
      late(a.start, [...at, 'arrivals', 'start'], 'start');
      if (a.until !== undefined && a.until < a.start) problems.push({ path: [...at, 'arrivals', 'until'], message: 'until is before start' });
      const window = Math.max(0, Math.min(end, a.until ?? end) - a.start);
      const jobs = Math.min(a.count ?? Number.POSITIVE_INFINITY, a.meanInterArrival > 0 ? window / a.meanInterArrival : Number.POSITIVE_INFINITY);
      if (jobs > MAX_GENERATED_JOBS * 0.9) {
        problems.push({
          path: [...at, 'arrivals', 'meanInterArrival'],
          message: `would generate about ${Number.isFinite(jobs) ? Math.round(jobs) : 'infinitely many'} jobs; at most ${MAX_GENERATED_JOBS * 0.9} are allowed (raise meanInterArrival or set count)`,
        });
      } else {
        expectedTasks += jobs * meanTasks;
      }
    } else {
      if (w.submitAt !== undefined) late(w.submitAt, [...at, 'submitAt'], 'submitAt');
      expectedTasks += meanTasks;
    }
  });
  // Generated job names (`<job>-<n>`, `<job>-burst<e>-<k>`) must not collide with a workload's own name.
  spec.workloads.forEach((w, i) => {
    const m = /^(.*)-(?:\d+|burst\d+-\d+)$/.exec(w.name);
    const owner = m ? spec.workloads.find((o) => o !== w && (o.kind === 'BatchJob' || o.kind === 'Trace') && o.name === m[1]) : undefined;
    if (owner) problems.push({ path: ['spec', 'workloads', i, 'name'], message: `"${w.name}" may collide with the names of jobs generated from ${owner.name} (<job>-<n>); choose another name` });
  });
  const namesOfKind = (kind: string): string[] => spec.workloads.filter((w) => w.kind === kind).map((w) => w.name);
  const kindOf = (name: string): string | undefined => {
    const i = workloadIndex.get(name);
    return i === undefined ? undefined : spec.workloads[i]?.kind;
  };

  // Events.
  spec.events.forEach((e, i) => {
    const at = ['spec', 'events', i];
    late(e.at, [...at, 'at'], 'at');
    switch (e.kind) {
      case 'scale':
      case 'rollout': {
        const kind = kindOf(e.service);
        if (kind !== 'Service') {
          problems.push({
            path: [...at, 'service'],
            message: kind === undefined ? `no workload is named "${e.service}"` : `"${e.service}" is a ${kind}, not a Service`,
            ...suggest(e.service, namesOfKind('Service')),
          });
        } else {
          const w = spec.workloads[workloadIndex.get(e.service) as number];
          if (w?.kind === 'Service' && e.at < w.startAt) problems.push({ path: [...at, 'at'], message: `${e.kind} of ${e.service} happens before it starts (startAt ${formatDuration(w.startAt)})` });
        }
        break;
      }
      case 'burst': {
        const kind = kindOf(e.job);
        if (kind !== 'BatchJob') {
          problems.push({
            path: [...at, 'job'],
            message: kind === undefined ? `no workload is named "${e.job}"` : `"${e.job}" is a ${kind}, not a BatchJob`,
            ...suggest(e.job, namesOfKind('BatchJob')),
          });
        } else {
          const w = spec.workloads[workloadIndex.get(e.job) as number];
          if (w?.kind === 'BatchJob') expectedTasks += e.count * createDistribution(w.tasks).mean;
        }
        break;
      }
      case 'scheduler-crash':
        if (e.tenant !== undefined) checkTenant(e.tenant, [...at, 'tenant']);
        break;
      default:
        checkTarget(e.nodes, [...at, 'nodes'], e.kind === 'crash' || e.kind === 'partition');
        if (e.kind === 'crash' && e.recoverAfter !== undefined && e.recoverAfter <= 0) problems.push({ path: [...at, 'recoverAfter'], message: 'must be longer than 0' });
        if (e.kind === 'partition' && e.healAfter !== undefined && e.healAfter <= 0) problems.push({ path: [...at, 'healAfter'], message: 'must be longer than 0' });
    }
  });

  function checkTarget(t: NodeTargetSpec, path: (string | number)[], countMatters: boolean): void {
    t.names?.forEach((n, k) => {
      if (!nodeNames.has(n)) problems.push({ path: [...path, 'names', k], message: `no node is named "${n}"`, ...suggest(n, [...nodeNames]) });
    });
    if (t.selector) {
      const matches = nodes.filter((n) => matchesSelector(n, t.selector)).length;
      if (matches === 0) problems.push({ path: [...path, 'selector'], message: `selector ${formatSelector(t.selector)} matches no node` });
      else if (countMatters && t.count !== undefined && t.count > matches) {
        problems.push({ path: [...path, 'count'], message: `count ${t.count} exceeds the ${matches} node(s) the selector matches` });
      }
    } else if (countMatters && t.count !== undefined && t.count > nodes.length) {
      problems.push({ path: [...path, 'count'], message: `count ${t.count} exceeds the ${nodes.length} node(s) of the cluster` });
    }
  }

  if (expectedTasks > MAX_EXPECTED_TASKS) {
    problems.push({ path: ['spec', 'workloads'], message: `the workloads would generate about ${Math.round(expectedTasks)} tasks; at most ${MAX_EXPECTED_TASKS} are allowed` });
  }
  if (spec.sampleEvery !== undefined && spec.sampleEvery <= 0) problems.push({ path: ['spec', 'sampleEvery'], message: 'must be longer than 0' });
  if (spec.sweep) {
    const problem = sweepPathProblem(raw, spec.sweep.parameter);
    if (problem !== undefined) problems.push({ path: ['spec', 'sweep', 'parameter'], message: problem });
  }
  problems.push(...claimProblems(doc));
  return problems;
}

function suggest(word: string, candidates: readonly string[]): { suggestion?: string } {
  const s = closestMatch(word, candidates);
  return s !== undefined && s !== word ? { suggestion: s } : {};
}

function isZero(v: number | string): boolean {
  return typeof v === 'number' ? v === 0 : Number.parseInt(v, 10) === 0;
}

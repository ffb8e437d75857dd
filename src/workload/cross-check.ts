import { createDistribution } from '../sim/distributions.js';
import { formatDuration } from '../sim/duration.js';
import { type NodeSpec } from '../cluster/node.js';
import { type SimDuration } from '../sim/time.js';
import { expandCluster } from './expand.js';
import { matchesSelector, formatSelector } from './fault-targets.js';
import { claimProblems } from './claims-check.js';
import { lifecycleProblems } from './lifecycle-check.js';
import { type Problem, valueAt } from './issues.js';
import { closestMatch } from './suggest.js';
import { MAX_GENERATED_JOBS, MAX_NODES, type NodeTargetSpec, type ScenarioDoc, type ScenarioSpec } from './schema.js';
import { sweepPathProblem } from './sweep.js';
import { trafficProblems } from './traffic-check.js';

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
 * Problems come in document order: run, nodes, tenants, workloads, events, then volume.
 */
export function crossCheck(doc: ScenarioDoc, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const spec = doc.spec;
  if (spec.duration <= 0) problems.push({ path: ['spec', 'duration'], message: 'must be longer than 0' });
  checkSeeds(spec, problems);
  checkNodeGroupNames(spec, problems);
  const totalNodes = spec.cluster.nodeGroups.reduce((n, g) => n + g.count, 0) + spec.cluster.nodes.length;
  if (totalNodes > MAX_NODES) {
    // Stop here: every check below walks the nodes.
    return [...problems, { path: ['spec', 'cluster'], message: `${totalNodes} nodes; at most ${MAX_NODES} are allowed` }];
  }
  const nodes = expandCluster(doc);
  const c: Checking = {
    spec,
    raw,
    end: spec.duration,
    problems,
    nodes,
    nodeNames: nodeNamesOf(spec, problems),
    tenants: tenantsOf(spec, problems),
    workloadIndex: new Map(),
    expectedTasks: 0,
  };
  spec.workloads.forEach((w, i) => checkWorkload(c, w, i));
  checkGeneratedNames(spec, problems);
  spec.events.forEach((e, i) => checkEvent(c, e, i));
  checkExtensions(c);
  problems.push(...lifecycleProblems(spec));
  if (c.expectedTasks > MAX_EXPECTED_TASKS) {
    problems.push({
      path: ['spec', 'workloads'],
      message: `the workloads would generate about ${Math.round(c.expectedTasks)} tasks; at most ${MAX_EXPECTED_TASKS} are allowed`,
    });
  }
  if (spec.sampleEvery !== undefined && spec.sampleEvery <= 0) problems.push({ path: ['spec', 'sampleEvery'], message: 'must be longer than 0' });
  if (spec.sweep) {
    const problem = sweepPathProblem(raw, spec.sweep.parameter);
    if (problem !== undefined) problems.push({ path: ['spec', 'sweep', 'parameter'], message: problem });
    spec.sweep.alsoSet?.forEach((parameter, k) => {
      const also = sweepPathProblem(raw, parameter);
      if (also !== undefined) problems.push({ path: ['spec', 'sweep', 'alsoSet', k], message: also });
      else if (parameter.trim() === spec.sweep?.parameter.trim())
        problems.push({ path: ['spec', 'sweep', 'alsoSet', k], message: 'is the sweep parameter itself' });
    });
  }
  problems.push(...trafficProblems(spec));
  problems.push(...claimProblems(doc));
  return problems;
}

/** What the checks of workloads and events share: the names declared, and the problems and expected tasks so far. */
interface Checking {
  readonly spec: ScenarioSpec;
  readonly raw: unknown;
  readonly end: SimDuration;
  readonly problems: Problem[];
  readonly nodes: readonly NodeSpec[];
  readonly nodeNames: ReadonlySet<string>;
  readonly tenants: ReadonlySet<string>;
  /** Workload name → its index in spec.workloads (filled as the workloads are checked). */
  readonly workloadIndex: Map<string, number>;
  /** Tasks the workloads and bursts would generate, in expectation. */
  expectedTasks: number;
}

type Path = (string | number)[];
type Workload = ScenarioSpec['workloads'][number];
type ScenarioEvent = ScenarioSpec['events'][number];

function late(c: Checking, at: SimDuration, path: Path, what: string): void {
  if (at >= c.end)
    c.problems.push({ path, message: `${what} ${formatDuration(at)} is not before the end of the run (spec.duration ${formatDuration(c.end)})` });
}

function checkSeeds(spec: ScenarioSpec, problems: Problem[]): void {
  const seeds = new Set<number>();
  spec.seeds.forEach((seed, i) => {
    // Two trials with one seed would be the same trial twice, and their result rows would collide.
    if (seeds.has(seed)) problems.push({ path: ['spec', 'seeds', i], message: `seed ${seed} is listed twice` });
    seeds.add(seed);
  });
}

function checkNodeGroupNames(spec: ScenarioSpec, problems: Problem[]): void {
  const groupNames = new Map<string, number>();
  spec.cluster.nodeGroups.forEach((g, i) => {
    if (groupNames.has(g.name)) problems.push({ path: ['spec', 'cluster', 'nodeGroups', i, 'name'], message: `duplicate node group name "${g.name}"` });
    groupNames.set(g.name, i);
  });
}

/** Every node name (groups name theirs `<group>-<index>`), reporting duplicates. */
function nodeNamesOf(spec: ScenarioSpec, problems: Problem[]): Set<string> {
  const nodeNames = new Set<string>();
  for (const g of spec.cluster.nodeGroups) for (let k = 0; k < g.count; k++) nodeNames.add(`${g.name}-${k}`);
  spec.cluster.nodes.forEach((n, i) => {
    if (nodeNames.has(n.name))
      problems.push({
        path: ['spec', 'cluster', 'nodes', i, 'name'],
        message: `duplicate node name "${n.name}" (node groups name their nodes <group>-<index>)`,
      });
    nodeNames.add(n.name);
  });
  return nodeNames;
}

/** The declared tenants, reporting duplicates. */
function tenantsOf(spec: ScenarioSpec, problems: Problem[]): Set<string> {
  const tenants = new Set<string>();
  spec.tenants.forEach((t, i) => {
    if (tenants.has(t.name)) problems.push({ path: ['spec', 'tenants', i, 'name'], message: `duplicate tenant "${t.name}"` });
    tenants.add(t.name);
  });
  return tenants;
}

function checkTenant(c: Checking, tenant: string, path: Path): void {
  if (c.tenants.has(tenant)) return;
  const declared = [...c.tenants].join(', ');
  // A workload without `tenant` belongs to "default", which a file declaring its own tenants may lack.
  const message =
    valueAt(c.raw, path) === undefined
      ? `no tenant given, so it is "${tenant}", which spec.tenants does not declare (declared: ${declared}); set tenant`
      : `tenant "${tenant}" is not declared in spec.tenants (declared: ${declared})`;
  c.problems.push({ path, message, ...suggest(tenant, [...c.tenants]) });
}

/** A Mesos framework extension registers under a declared tenant and takes over workloads that exist, each at most once. */
function checkExtensions(c: Checking): void {
  const owner = new Map<string, number>();
  c.spec.extensions?.forEach((x, i) => {
    if (x.engine !== 'mesos') return;
    checkTenant(c, x.role, ['spec', 'extensions', i, 'role']);
    x.workloads.forEach((name, k) => {
      const path = ['spec', 'extensions', i, 'workloads', k];
      if (!c.workloadIndex.has(name)) c.problems.push({ path, message: `no workload is named "${name}"`, ...suggest(name, [...c.workloadIndex.keys()]) });
      else if (owner.has(name)) c.problems.push({ path, message: `"${name}" is already run by spec.extensions[${owner.get(name)}]` });
      else owner.set(name, i);
    });
  });
}

function checkWorkload(c: Checking, w: Workload, i: number): void {
  const problems = c.problems;
  const at = ['spec', 'workloads', i];
  if (c.workloadIndex.has(w.name)) problems.push({ path: [...at, 'name'], message: `duplicate workload name "${w.name}"` });
  c.workloadIndex.set(w.name, i);
  checkTenant(c, w.tenant, [...at, 'tenant']);
  if (w.kind === 'Trace') {
    // The file itself is read when the trial runs (its rows are checked there, with file and line).
    if (w.window.end !== undefined && w.window.end <= w.window.start)
      problems.push({ path: [...at, 'window', 'end'], message: 'the window ends before it starts' });
    for (const [group, tenant] of Object.entries(w.tenants)) checkTenant(c, tenant, [...at, 'tenants', group]);
    if (w.format !== 'job-list' && w.groups !== undefined)
      problems.push({ path: [...at, 'groups'], message: `groups selects JobList workload names; format ${w.format} has none` });
    if (w.format !== 'job-list' && Object.keys(w.tenants).length > 0) {
      problems.push({ path: [...at, 'tenants'], message: `tenants maps JobList workload names; format ${w.format} has none (use tenant)` });
    }
    return;
  }
  if (w.constraints.nodeName !== undefined && !c.nodeNames.has(w.constraints.nodeName)) {
    problems.push({
      path: [...at, 'constraints', 'nodeName'],
      message: `no node is named "${w.constraints.nodeName}"`,
      ...suggest(w.constraints.nodeName, [...c.nodeNames]),
    });
  }
  if (w.kind === 'Service') {
    late(c, w.startAt, [...at, 'startAt'], 'startAt');
    // As Kubernetes's Deployment validation: a rolling update that may neither add nor remove a pod cannot progress.
    if (isZero(w.strategy.maxSurge) && isZero(w.strategy.maxUnavailable)) {
      problems.push({ path: [...at, 'strategy'], message: 'maxSurge and maxUnavailable may not both be 0 (a rollout could never progress)' });
    }
    c.expectedTasks += w.replicas;
    return;
  }
  const meanTasks = createDistribution(w.tasks).mean;
  if (w.arrivals) {
    const a = w.arrivals;
    late(c, a.start, [...at, 'arrivals', 'start'], 'start');
    if (a.until !== undefined && a.until < a.start) problems.push({ path: [...at, 'arrivals', 'until'], message: 'until is before start' });
    const window = Math.max(0, Math.min(c.end, a.until ?? c.end) - a.start);
    const jobs = Math.min(a.count ?? Number.POSITIVE_INFINITY, a.meanInterArrival > 0 ? window / a.meanInterArrival : Number.POSITIVE_INFINITY);
    if (jobs > MAX_GENERATED_JOBS * 0.9) {
      problems.push({
        path: [...at, 'arrivals', 'meanInterArrival'],
        message: `would generate about ${Number.isFinite(jobs) ? Math.round(jobs) : 'infinitely many'} jobs; at most ${MAX_GENERATED_JOBS * 0.9} are allowed (raise meanInterArrival or set count)`,
      });
    } else {
      c.expectedTasks += jobs * meanTasks;
    }
  } else {
    if (w.submitAt !== undefined) late(c, w.submitAt, [...at, 'submitAt'], 'submitAt');
    c.expectedTasks += meanTasks;
  }
}

/** Generated job names (`<job>-<n>`, `<job>-burst<e>-<k>`) must not collide with a workload's own name. */
function checkGeneratedNames(spec: ScenarioSpec, problems: Problem[]): void {
  spec.workloads.forEach((w, i) => {
    const m = /^(.*)-(?:\d+|burst\d+-\d+)$/.exec(w.name);
    const owner = m ? spec.workloads.find((o) => o !== w && (o.kind === 'BatchJob' || o.kind === 'Trace') && o.name === m[1]) : undefined;
    if (owner)
      problems.push({
        path: ['spec', 'workloads', i, 'name'],
        message: `"${w.name}" may collide with the names of jobs generated from ${owner.name} (<job>-<n>); choose another name`,
      });
  });
}

/** The workload an event names, if it is of `kind`; otherwise reports the event's `field`. */
function namedWorkload(c: Checking, name: string, kind: 'Service' | 'BatchJob', path: Path): Workload | undefined {
  const index = c.workloadIndex.get(name);
  const found = index === undefined ? undefined : c.spec.workloads[index];
  if (found?.kind === kind) return found;
  c.problems.push({
    path,
    message: found === undefined ? `no workload is named "${name}"` : `"${name}" is a ${found.kind}, not a ${kind}`,
    ...suggest(
      name,
      c.spec.workloads.filter((w) => w.kind === kind).map((w) => w.name),
    ),
  });
  return undefined;
}

function checkEvent(c: Checking, e: ScenarioEvent, i: number): void {
  const problems = c.problems;
  const at = ['spec', 'events', i];
  late(c, e.at, [...at, 'at'], 'at');
  switch (e.kind) {
    case 'scale':
    case 'rollout':
    case 'restart': {
      const w = namedWorkload(c, e.service, 'Service', [...at, 'service']);
      if (w?.kind === 'Service' && e.at < w.startAt)
        problems.push({ path: [...at, 'at'], message: `${e.kind} of ${e.service} happens before it starts (startAt ${formatDuration(w.startAt)})` });
      break;
    }
    case 'burst': {
      const w = namedWorkload(c, e.job, 'BatchJob', [...at, 'job']);
      if (w?.kind === 'BatchJob') c.expectedTasks += e.count * createDistribution(w.tasks).mean;
      break;
    }
    case 'scheduler-crash':
      if (e.tenant !== undefined) checkTenant(c, e.tenant, [...at, 'tenant']);
      break;
    case 'run-once-per-node':
      checkTenant(c, e.tenant, [...at, 'tenant']);
      break;
    case 'config-change':
      break; // lifecycle-check.ts
    default:
      checkTarget(c, e.nodes, [...at, 'nodes'], e.kind === 'crash' || e.kind === 'partition');
      if (e.kind === 'crash' && e.recoverAfter !== undefined && e.recoverAfter <= 0)
        problems.push({ path: [...at, 'recoverAfter'], message: 'must be longer than 0' });
      if (e.kind === 'partition' && e.healAfter !== undefined && e.healAfter <= 0)
        problems.push({ path: [...at, 'healAfter'], message: 'must be longer than 0' });
  }
}

function checkTarget(c: Checking, t: NodeTargetSpec, path: Path, countMatters: boolean): void {
  const { problems, nodes, nodeNames } = c;
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

function suggest(word: string, candidates: readonly string[]): { suggestion?: string } {
  const s = closestMatch(word, candidates);
  return s !== undefined && s !== word ? { suggestion: s } : {};
}

function isZero(v: number | string): boolean {
  return typeof v === 'number' ? v === 0 : Number.parseInt(v, 10) === 0;
}

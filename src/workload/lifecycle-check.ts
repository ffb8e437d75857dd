import { type Problem } from './issues.js';
import { closestMatch } from './suggest.js';
import { type ScenarioSpec, type ServiceSpec } from './schema.js';

type Path = (string | number)[];

/**
 * The checks of the application lifecycle a schema cannot make (cross-check.ts runs them): every
 * `dependsOn` names another Service and the dependencies form no cycle; every `config` a service or a
 * `config-change` names is in `configs`, declared once; `configUse` comes with a `config`; operation
 * names of `run-once-per-node` events are unique and collide with no workload. Problems carry the field
 * path; the loader adds the file and line.
 */
export function lifecycleProblems(spec: ScenarioSpec): Problem[] {
  const problems: Problem[] = [];
  const services = new Map<string, { readonly spec: ServiceSpec; readonly index: number }>();
  spec.workloads.forEach((w, index) => {
    if (w.kind === 'Service' && !services.has(w.name)) services.set(w.name, { spec: w, index });
  });
  const configs = configNames(spec, problems);
  spec.workloads.forEach((w, i) => {
    if (w.kind !== 'Service') return;
    const at: Path = ['spec', 'workloads', i];
    w.dependsOn?.forEach((d, k) => {
      const path = [...at, 'dependsOn', k];
      if (d === w.name) problems.push({ path, message: `service ${w.name} depends on itself` });
      else if (!services.has(d)) problems.push({ path, message: `no Service is named "${d}"`, ...suggest(d, [...services.keys()]) });
      else if (w.dependsOn?.indexOf(d) !== k) problems.push({ path, message: `"${d}" is listed twice` });
    });
    if (w.config !== undefined && !configs.has(w.config))
      problems.push({ path: [...at, 'config'], message: `no config is named "${w.config}" in spec.configs`, ...suggest(w.config, [...configs]) });
    if (w.configUse !== undefined && w.config === undefined) problems.push({ path: [...at, 'configUse'], message: 'configUse needs a config' });
  });
  problems.push(...cycleProblems(services));
  const operations = new Set(spec.workloads.map((w) => w.name));
  spec.events.forEach((e, i) => {
    const at: Path = ['spec', 'events', i];
    if (e.kind === 'config-change' && !configs.has(e.config))
      problems.push({ path: [...at, 'config'], message: `no config is named "${e.config}" in spec.configs`, ...suggest(e.config, [...configs]) });
    if (e.kind === 'run-once-per-node') {
      // Its tasks' keys are `<name>#<node>`: the name must not be one a batch job could get (`<workload>-<n>`).
      const generator = spec.workloads.find((w) => w.kind !== 'Service' && e.name.startsWith(`${w.name}-`));
      if (operations.has(e.name)) problems.push({ path: [...at, 'name'], message: `"${e.name}" already names a workload or another operation` });
      else if (generator)
        problems.push({ path: [...at, 'name'], message: `"${e.name}" could name a job of ${generator.kind} ${generator.name} (${generator.name}-<n>)` });
      operations.add(e.name);
    }
  });
  return problems;
}

/** The declared config names, reporting duplicates. */
function configNames(spec: ScenarioSpec, problems: Problem[]): Set<string> {
  const names = new Set<string>();
  spec.configs?.forEach((c, i) => {
    if (names.has(c.name)) problems.push({ path: ['spec', 'configs', i, 'name'], message: `duplicate config name "${c.name}"` });
    names.add(c.name);
  });
  return names;
}

/**
 * One problem per dependency cycle, at the `dependsOn` entry that closes it (found by a depth-first
 * walk in workload order, so the same file always reports the same entry), naming the whole cycle.
 */
function cycleProblems(services: ReadonlyMap<string, { readonly spec: ServiceSpec; readonly index: number }>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    const s = services.get(name);
    s?.spec.dependsOn?.forEach((d, k) => {
      if (d === name || !services.has(d)) return; // reported above
      if (state.get(d) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(d)), d];
        problems.push({ path: ['spec', 'workloads', s.index, 'dependsOn', k], message: `dependency cycle: ${cycle.join(' → ')}` });
      } else if (state.get(d) === undefined) visit(d);
    });
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of services.keys()) if (state.get(name) === undefined) visit(name);
  return problems;
}

function suggest(word: string, candidates: readonly string[]): { suggestion?: string } {
  const s = closestMatch(word, candidates);
  return s !== undefined && s !== word ? { suggestion: s } : {};
}

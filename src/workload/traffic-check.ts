import { closestMatch } from './suggest.js';
import { type Problem } from './issues.js';
import { type ScenarioSpec } from './schema.js';

/**
 * Cross-checks of request traffic, prices and service levels (what the schema cannot see): a service
 * level selects a declared Service that has `traffic`, names are unique, a cost cap needs `prices`,
 * and a load step lies before the end of the run.
 */
export function trafficProblems(spec: ScenarioSpec): Problem[] {
  const problems: Problem[] = [];
  const services = new Map(spec.workloads.flatMap((w) => (w.kind === 'Service' ? [[w.name, w] as const] : [])));
  spec.workloads.forEach((w, i) => {
    if (w.kind !== 'Service' || w.traffic === undefined || w.traffic.rate.kind !== 'steps') return;
    w.traffic.rate.steps.forEach((s, k) => {
      if (s.at >= spec.duration)
        problems.push({ path: ['spec', 'workloads', i, 'traffic', 'rate', 'steps', k, 'at'], message: 'is not before the end of the run (spec.duration)' });
    });
  });
  const names = new Set<string>();
  spec.serviceLevels.forEach((sl, i) => {
    const at = ['spec', 'serviceLevels', i];
    if (names.has(sl.name)) problems.push({ path: [...at, 'name'], message: `duplicate service level name "${sl.name}"` });
    names.add(sl.name);
    const svc = services.get(sl.service);
    if (svc === undefined) {
      const near = closestMatch(sl.service, [...services.keys()]);
      problems.push({ path: [...at, 'selector', 'app'], message: `no Service named "${sl.service}"${near !== undefined ? ` (did you mean "${near}"?)` : ''}` });
    } else if (svc.traffic === undefined) {
      problems.push({
        path: [...at, 'selector', 'app'],
        message: `Service "${sl.service}" declares no traffic, so it has no request latency to hold to a goal`,
      });
    }
    if (sl.costPerHour !== undefined && spec.prices === undefined) problems.push({ path: [...at, 'cost'], message: 'a cost cap needs spec.prices' });
  });
  return problems;
}

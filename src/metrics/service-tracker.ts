import { type SimTime } from '../sim/time.js';

/** Why an instance of a service was wanted: initial deployment, a scale-up, a rollout, or replacing a lost one. */
export type DemandCause = 'submit' | 'scale' | 'rollout' | 'replacement';

interface Demand {
  readonly time: SimTime;
  readonly cause: DemandCause;
}

/** Desired and actual state of one service, kept incrementally from intents and the cluster's truth. */
export interface ServiceState {
  readonly name: string;
  desired: number;
  version: string;
  /** Instances running (any version). */
  running: number;
  /** Instances running the current version. */
  runningCurrent: number;
  /** Instances launched on a node (starting or running, any version). */
  launched: number;
  /** Instances launched on a node (starting or running) of the current version. */
  launchedCurrent: number;
  /** Unmet wants in arrival order; a placement satisfies the oldest. */
  readonly demands: Demand[];
  demandHead: number;
}

/** Creates the state of a newly declared service. */
export function newServiceState(name: string, desired: number, version: string): ServiceState {
  return { name, desired, version, running: 0, runningCurrent: 0, launched: 0, launchedCurrent: 0, demands: [], demandHead: 0 };
}

/** True when actual equals desired: exactly `desired` instances run, all of the current version. */
export function isConverged(s: ServiceState): boolean {
  return s.runningCurrent === s.desired && s.running === s.desired;
}

/** Adds `n` demands at `time`. */
export function addDemands(s: ServiceState, n: number, time: SimTime, cause: DemandCause): void {
  for (let i = 0; i < n; i++) s.demands.push({ time, cause });
}

/** Removes up to `n` unmet demands, newest first (a scale-down cancels the most recent wants). */
export function dropDemands(s: ServiceState, n: number): void {
  while (n-- > 0 && s.demands.length > s.demandHead) s.demands.pop();
}

/** Drops every unmet demand (a rollout replaces what was wanted). */
export function clearDemands(s: ServiceState): void {
  s.demands.length = 0;
  s.demandHead = 0;
}

/** Number of unmet demands. */
export function unmetDemands(s: ServiceState): number {
  return s.demands.length - s.demandHead;
}

/** Takes the oldest unmet demand, or undefined when the placement was not asked for. */
export function takeDemand(s: ServiceState): Demand | undefined {
  if (s.demandHead >= s.demands.length) return undefined;
  const d = s.demands[s.demandHead++] as Demand;
  if (s.demandHead > 1024 && s.demandHead * 2 > s.demands.length) {
    s.demands.splice(0, s.demandHead);
    s.demandHead = 0;
  }
  return d;
}

/** The service totals a convergence window tracks. */
export interface ServiceGauges {
  readonly excess: number;
  readonly surge: number;
  readonly available: number;
  readonly desired: number;
}

/** Sums over services: running beyond desired, launched beyond desired, running up to desired, desired. */
export function serviceGauges(services: Iterable<ServiceState>): ServiceGauges {
  let excess = 0;
  let surge = 0;
  let available = 0;
  let desired = 0;
  for (const s of services) {
    excess += Math.max(0, s.running - s.desired);
    surge += Math.max(0, s.launched - s.desired);
    available += Math.min(s.running, s.desired);
    desired += s.desired;
  }
  return { excess, surge, available, desired };
}

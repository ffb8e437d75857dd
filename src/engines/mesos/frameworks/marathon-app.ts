import { type ConfigVersionRef } from '../../../cluster/app-behaviour.js';
import { type Resources } from '../../../cluster/resources.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type ServiceTemplate } from '../../../intents/index.js';
import { type RolloutBounds, rolloutBounds } from '../../kit/index.js';
import { type LaunchBackoff } from './backoff.js';
import { type InstanceCounts } from './rollout.js';

/*
 * What the Marathon-like service framework keeps per app and per instance (service-framework.ts runs
 * the policy, instance-beliefs.ts what it believes of each instance's health and readiness).
 */

/** Where Marathon believes an instance is. */
export type InstanceState = 'launching' | 'staging' | 'running' | 'killing';

/** One instance (a Mesos task) of an app, as Marathon knows it. */
export interface Instance {
  readonly id: string;
  /** The app revision it was launched for (a new version, a restart, a config change: + 1). */
  readonly revision: number;
  state: InstanceState;
  /** The agent it runs on, once a status update said so. */
  agent: string | undefined;
  /** The last health check result its status updates carried (undefined: none yet). */
  healthy: boolean | undefined;
  /** Marathon's readiness check answered ready. */
  readyChecked: boolean;
  /** Marathon counts it as ready: running, and healthy and ready when the app has checks. */
  believed: boolean;
}

/** One app (a service) and its instances. */
export interface App {
  template: ServiceTemplate;
  desired: number;
  /** The template's version (what launches carry, and what the harness compares). */
  version: string;
  /** Marathon's app version: every change that replaces instances (version, restart, config) adds 1. */
  revision: number;
  /** The config version new instances start with (absent: the service runs no config). */
  config: ConfigVersionRef | undefined;
  /** A deployment of the app is in progress (AppDirectory). */
  deploying: boolean;
  resources: Resources;
  readonly instances: Map<string, Instance>;
  readonly backoff: LaunchBackoff;
  backoffTimer: TimerHandle | undefined;
  seq: number;
  pendingReason: string;
  /** Instances the last sync wanted to launch: Marathon revives only when this grows. */
  wanted: number;
}

/**
 * How far an app's rolling restart may go over and under its desired count: the template's maxSurge and
 * maxUnavailable (absent: Marathon's own 100 % / 0 %, i.e. upgradeStrategy maximumOverCapacity 1,
 * minimumHealthCapacity 1), with Marathon's fencepost.
 */
export function bounds(app: App): RolloutBounds {
  return rolloutBounds(app.template.maxSurge ?? '100%', app.template.maxUnavailable ?? 0, app.desired, 'one-surge');
}

/** The app declares the lifecycle (startup, readiness, dependencies, config): Marathon's view of it is reported. */
export function hasLifecycle(app: App): boolean {
  return app.template.lifecycle !== undefined;
}

/** The app declares readiness: Marathon gives it a health check and a readiness check. */
export function hasChecks(app: App): boolean {
  return app.template.lifecycle?.readiness !== undefined;
}

/**
 * The app's live instances (not being killed) by revision and availability, as the rolling restart
 * counts them: available means running, or, for an app with a lifecycle, believed ready.
 */
export function instanceCounts(app: App): InstanceCounts {
  const lifecycle = hasLifecycle(app);
  let newAlive = 0;
  let oldAlive = 0;
  let newRunning = 0;
  let oldRunning = 0;
  for (const i of app.instances.values()) {
    if (i.state === 'killing') continue;
    const available = lifecycle ? i.believed : i.state === 'running';
    if (i.revision === app.revision) {
      newAlive++;
      if (available) newRunning++;
    } else {
      oldAlive++;
      if (available) oldRunning++;
    }
  }
  return { desired: app.desired, newAlive, newRunning, oldAlive, oldRunning };
}

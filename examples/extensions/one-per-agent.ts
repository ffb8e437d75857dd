/*
 * A Mesos framework scheduler written against schedbench's extension API (docs/extending.md): it
 * runs each of its services with at most one instance per agent, as a node-level agent (a log
 * shipper, a monitoring exporter) is run with Marathon's `hostname:UNIQUE` constraint or Aurora's
 * `limit:host=1`. The scenario entry hands it its workloads:
 *
 *   extensions:
 *     - engine: mesos
 *       framework: ../examples/extensions/one-per-agent.ts
 *       role: ops                 # a tenant of the scenario
 *       workloads: [node-agent]   # Services whose intents go to this framework
 *       config: { refuseSeconds: 5 }
 *
 * Everything Kubernetes's controllers would do for it, the framework does itself: it keeps its own
 * books of which agent runs which instance, matches offers against them, replaces instances whose
 * status says they are gone, kills the surplus after a scale-in, and asks for offers (REVIVE) only
 * while it is short, SUPPRESSing them otherwise.
 */
import type { Intent, MesosFramework, Offer, SchedulerDriver, ServiceTemplate, TaskStatus } from '../../src/engines/mesos/extension/index.js';

/** Task states after which the instance no longer runs (include/mesos/mesos.proto). */
const GONE = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE', 'TASK_ERROR']);

interface App {
  template: ServiceTemplate;
  desired: number;
  /** Instance id → agent, for instances launched and not known to be gone. */
  readonly instances: Map<string, string>;
  seq: number;
}

const apps = new Map<string, App>();

function agentsOf(app: App): Set<string> {
  return new Set(app.instances.values());
}

function short(): boolean {
  for (const app of apps.values()) if (app.instances.size < app.desired) return true;
  return false;
}

/** Ask for offers while some app is short, stop them otherwise. */
function wantOffersIfShort(driver: SchedulerDriver): void {
  if (short()) driver.revive();
  else driver.suppress();
}

/** Kills the newest instances beyond the desired count (scale-in). */
function killSurplus(driver: SchedulerDriver, app: App): void {
  const ids = [...app.instances.keys()];
  for (const id of ids.slice(app.desired).reverse()) {
    driver.kill(id);
    app.instances.delete(id);
  }
}

function refuseSeconds(driver: SchedulerDriver): number {
  const r = driver.config['refuseSeconds'];
  return typeof r === 'number' ? r : 5;
}

const onePerAgent: MesosFramework = {
  name: 'one-per-agent',

  workload(driver: SchedulerDriver, intent: Intent): void {
    if (intent.kind === 'service-declared') {
      const app = apps.get(intent.service.name);
      if (app === undefined) apps.set(intent.service.name, { template: intent.service, desired: intent.service.replicas, instances: new Map(), seq: 0 });
      else {
        app.template = intent.service;
        app.desired = intent.service.replicas;
      }
    } else if (intent.kind === 'service-scaled') {
      const app = apps.get(intent.service);
      if (app !== undefined) app.desired = intent.replicas;
    } else {
      // A rollout or a batch job: not what this framework is for; counted so that results show it.
      driver.count(`ignored-${intent.kind}`);
      return;
    }
    for (const app of apps.values()) killSurplus(driver, app);
    wantOffersIfShort(driver);
  },

  resourceOffers(driver: SchedulerDriver, offers: readonly Offer[]): void {
    for (const offer of offers) {
      const launches = [];
      let left = offer.resources;
      for (const app of apps.values()) {
        if (launches.length >= offer.slots) break;
        if (app.instances.size + launches.filter((t) => t.workload === app.template.name).length >= app.desired) continue;
        if (agentsOf(app).has(offer.agent) || !driver.admits(offer, app.template.constraints)) continue;
        const r = app.template.resources;
        if (r.cpu > left.cpu || r.memory > left.memory || r.gpu > left.gpu) continue;
        launches.push({
          id: `${app.template.name}.${offer.agent}.${++app.seq}`,
          workload: app.template.name,
          tenant: app.template.tenant,
          version: app.template.version,
          priority: app.template.priority,
          resources: r,
        });
        left = { ...left, cpu: left.cpu - r.cpu, memory: left.memory - r.memory, gpu: left.gpu - r.gpu };
      }
      if (launches.length === 0) {
        driver.decline(offer, { refuseSeconds: refuseSeconds(driver) });
        continue;
      }
      driver.launch(offer, launches);
      for (const t of launches) apps.get(t.workload)?.instances.set(t.id, offer.agent);
      driver.count('launched', launches.length);
    }
    if (!short()) driver.suppress();
  },

  statusUpdate(driver: SchedulerDriver, status: TaskStatus): void {
    const app = apps.get(status.task.workload);
    if (app === undefined) return;
    if (GONE.has(status.state) || status.state === 'TASK_UNREACHABLE') {
      if (app.instances.delete(status.taskId)) driver.count('replaced');
      wantOffersIfShort(driver);
    }
  },

  registered(driver: SchedulerDriver, liveTasks: readonly TaskStatus[]): void {
    // After a failover the master's view wins: forget instances it no longer knows.
    const live = new Set(liveTasks.filter((s) => !GONE.has(s.state) && s.state !== 'TASK_UNREACHABLE').map((s) => s.taskId));
    for (const app of apps.values()) for (const id of [...app.instances.keys()]) if (!live.has(id)) app.instances.delete(id);
    wantOffersIfShort(driver);
  },
};

export default onePerAgent;

import { describe, expect, it } from 'vitest';
import { checkMesosFramework, type MesosFramework, type Offer, type SchedulerDriver, type TaskStatus } from '../../../../src/engines/mesos/extension/index.js';
import { scenarioYaml } from '../../../support/scenario.js';
import { runWithExtensions } from '../../extension-trial.js';

/*
 * A user framework runs on the scheduler-driver half the built-in frameworks share: it gets offers,
 * rescinds and status updates, and its calls (launch, decline with filters, suppress, revive, kill)
 * reach the master as theirs do.
 */

const YAML = scenarioYaml({
  name: 'fw',
  duration: '60s',
  seeds: [1],
  nodes: 4,
  workloads: `- kind: Service
  name: web
  replicas: 2
  resources: { cpu: 500m, memory: 512Mi }`,
});

function framework(parts: Partial<MesosFramework> & Pick<MesosFramework, 'resourceOffers'>): MesosFramework {
  return { name: 'fw', statusUpdate: () => undefined, ...parts };
}

/** Launches one task of `web` per offer until `n` are launched; declines the rest for `refuse` seconds. */
function launcher(n: number, refuse: number, onStatus: (d: SchedulerDriver, s: TaskStatus) => void = () => undefined): MesosFramework {
  let launched = 0;
  return framework({
    resourceOffers: (d, offers: readonly Offer[]) => {
      for (const o of offers) {
        if (launched < n) {
          d.launch(o, [
            {
              id: `web-u${++launched}`,
              workload: 'web',
              tenant: 'default',
              priority: 0,
              version: 'v1',
              resources: { cpu: 500, memory: 512 * 2 ** 20, gpu: 0 },
            },
          ]);
        } else d.decline(o, { refuseSeconds: refuse });
      }
    },
    statusUpdate: onStatus,
  });
}

const counter = (r: ReturnType<typeof runWithExtensions>, name: string): number => r.metrics?.counters[name] ?? 0;

describe('a user Mesos framework', () => {
  it('runs the workloads it is given: its launches are the service replicas the results count', () => {
    const r = runWithExtensions(YAML, 'mesos', [{ module: launcher(2, 5), role: 'default', workloads: ['web'] }]);
    expect(r.status).toBe('ok');
    expect(r.metrics?.accounting.replicasRunning).toBe(2);
  });

  it('declines with its own filter: refusing for an hour stops the offers that refusing for a second keeps coming', () => {
    const short = runWithExtensions(YAML, 'mesos', [{ module: launcher(2, 1), role: 'default', workloads: ['web'] }]);
    const long = runWithExtensions(YAML, 'mesos', [{ module: launcher(2, 3600), role: 'default', workloads: ['web'] }]);
    expect(counter(long, 'offers-declined')).toBeLessThanOrEqual(4);
    expect(counter(short, 'offers-declined')).toBeGreaterThan(10 * counter(long, 'offers-declined'));
  });

  it('gets no offers while suppressed, and offers again after revive', () => {
    let offers = 0;
    const module = framework({
      registered: (d) => {
        d.suppress();
        d.after(30_000_000, () => d.revive());
      },
      resourceOffers: (d, os) => {
        offers += os.length;
        if (d.now() < 30_000_000) throw new Error(`offer while suppressed at ${d.now()}`);
        for (const o of os) d.decline(o, { refuseSeconds: 3600 });
      },
    });
    const r = runWithExtensions(YAML, 'mesos', [{ module, role: 'default', workloads: ['web'] }]);
    expect(r.status).toBe('ok');
    expect(offers).toBeGreaterThan(0);
  });

  it('kills a task through the master: TASK_KILLED comes back as a status update', () => {
    const states: string[] = [];
    const module = launcher(1, 3600, (d, s) => {
      states.push(s.state);
      if (s.state === 'TASK_RUNNING') d.kill(s.taskId);
    });
    const r = runWithExtensions(YAML, 'mesos', [{ module, role: 'default', workloads: ['web'] }]);
    expect(r.status).toBe('ok');
    expect(states).toEqual(['TASK_RUNNING', 'TASK_KILLED']);
  });

  it('fails the trial with a clear error when it launches more than an offer holds', () => {
    const module = framework({
      resourceOffers: (d, os) => {
        const o = os[0] as Offer;
        d.launch(o, [{ id: 'huge', workload: 'web', tenant: 'default', priority: 0, resources: { cpu: 1_000_000, memory: 0, gpu: 0 } }]);
      },
    });
    const r = runWithExtensions(YAML, 'mesos', [{ module, role: 'default', workloads: ['web'] }]);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(
      /^ExtensionError: test\.yaml: spec\.extensions\[0\]\.framework \(fw\): Error: launch on offer o\d+ \(node-\d\): task huge needs cpu=1000000m .*, the offer has cpu=4000m/,
    );
  });
});

describe('checkMesosFramework', () => {
  const none = (): undefined => undefined;
  it.each<[unknown, RegExp]>([
    [null, /got null/],
    [{ name: 'fw', statusUpdate: none }, /resourceOffers must be a function/],
    [{ name: 'fw', resourceOffers: none, statusUpdate: none, registered: 3 }, /registered, when given, must be a function/],
  ])('says why %j is not a framework', (exported, reason) => {
    expect(checkMesosFramework(exported)).toMatch(reason);
  });

  it('accepts { name, resourceOffers, statusUpdate }', () => {
    expect(checkMesosFramework({ name: 'fw', resourceOffers: () => undefined, statusUpdate: () => undefined })).toBeUndefined();
  });
});

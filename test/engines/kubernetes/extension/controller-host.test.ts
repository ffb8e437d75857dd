import { describe, expect, it } from 'vitest';
import { checkKubeController, type ControllerApi, type KubeController } from '../../../../src/engines/kubernetes/extension/index.js';
import { scenarioYaml } from '../../../support/scenario.js';
import { runWithExtensions } from '../../extension-trial.js';

/*
 * A user controller runs as its own process on the engine's machinery: informers that follow the
 * store, a work queue, writes behind its own client-side token bucket (20/30 like each of
 * kube-controller-manager's controllers), the engine's clock and rng; what it throws names it.
 */

const YAML = scenarioYaml({
  name: 'ctl',
  duration: '30s',
  seeds: [1],
  workloads: `- kind: Service
  name: web
  replicas: 3
  resources: { cpu: 500m, memory: 512Mi }`,
});

function controller(name: string, start: (api: ControllerApi) => void): KubeController {
  return { name, start };
}

describe('a user Kubernetes controller', () => {
  it('sees the store through informers: every pod the ReplicaSet controller creates, a watch hop after it is written', () => {
    const seen: number[] = [];
    const r = runWithExtensions(YAML, 'kubernetes', [
      {
        module: controller('pod-counter', (api) => {
          api.informer('Pod').addEventHandler({
            onAdd: () => {
              seen.push(api.now());
              api.count('pods');
            },
          });
        }),
      },
    ]);
    expect(r.status).toBe('ok');
    expect(r.metrics?.counters['counter:controller:pod-counter:pods']).toBe(3);
    expect(seen.every((t) => t > 0)).toBe(true);
  });

  it('writes behind its own token bucket: 40 writes at once, 30 go at once and 10 wait (client-go QPS 20, burst 30)', () => {
    const r = runWithExtensions(YAML, 'kubernetes', [
      {
        module: controller('burst', (api) => {
          api.after(5_000_000, () => {
            for (let i = 1; i <= 40; i++) api.client.scale('Deployment', 'default/web', 3 + (i % 2), (res) => api.count(res.kind));
          });
        }),
      },
    ]);
    expect(r.status).toBe('ok');
    expect(r.metrics?.counters['counter:controller:burst:ok']).toBe(40);
    expect(r.metrics?.counters['counter:api-throttled:controller:burst']).toBe(10);
  });

  it('takes its randomness from the engine stream: the same seed gives the same draws', () => {
    const draws = (): number[] => {
      const out: number[] = [];
      runWithExtensions(YAML, 'kubernetes', [{ module: controller('dice', (api) => out.push(api.rng.int(1, 6), api.rng.float())) }]);
      return out;
    };
    const a = draws();
    expect(a).toHaveLength(2);
    expect(draws()).toEqual(a);
  });

  it('fails the trial with an error naming the scenario file, the field and the callback when its sync throws', () => {
    const r = runWithExtensions(YAML, 'kubernetes', [
      {
        module: controller('broken', (api) => {
          const q = api.workQueue(() => {
            throw new Error('no such replica');
          });
          api.informer('Deployment').addEventHandler({ onAdd: (d) => q.add(api.keyOf(d)) });
        }),
      },
    ]);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^ExtensionError: test\.yaml: spec\.extensions\[0\]\.controller \(broken\) in sync: Error: no such replica/);
  });

  it('refuses an async start: work after an await would run outside virtual time', () => {
    const r = runWithExtensions(YAML, 'kubernetes', [{ module: { name: 'later', start: async () => undefined } }]);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/\(later\) in start: Error: returned a promise/);
  });
});

describe('checkKubeController', () => {
  const none = (): undefined => undefined;
  it.each<[unknown, RegExp]>([
    [undefined, /expected an object \{ name, start\(api\) \}, got undefined/],
    [{ start: none }, /name must be a string/],
    [{ name: 'Bad Name', start: none }, /lower-case letters/],
    [{ name: 'ok' }, /start\(api\) must be a function/],
  ])('says why %j is not a controller', (exported, reason) => {
    expect(checkKubeController(exported)).toMatch(reason);
  });

  it('accepts { name, start }', () => {
    expect(checkKubeController({ name: 'scaler', start: () => undefined })).toBeUndefined();
  });
});

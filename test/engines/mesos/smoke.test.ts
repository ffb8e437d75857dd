import { describe, expect, it } from 'vitest';
import { scenarioYaml } from '../../support/scenario.js';
import { mesosTrial } from './harness.js';

describe('smoke', () => {
  it('runs a service and a job', () => {
    const t = mesosTrial(scenarioYaml({ duration: '60s', workloads: `- kind: Service
  name: web
  replicas: 3
  resources: { cpu: 500m, memory: 512Mi }
- kind: BatchJob
  name: etl
  tasks: 4
  resources: { cpu: 500m, memory: 1Gi }
  duration: 10s
  submitAt: 5s` }));
    t.runTo(60);
    const placed = t.ofKind('task-placed');
    console.log(placed.map((p) => `${p.time / 1e6} ${p.taskId} ${p.node}`).join('\n'));
    console.log(t.ofKind('task-ended').map((p) => `${p.time / 1e6} ${p.task.id} ${p.how}`).join('\n'));
    const counters = new Map<string, number>();
    for (const c of t.ofKind('counter')) counters.set(c.name, (counters.get(c.name) ?? 0) + c.by);
    console.log(counters);
    expect(placed.length).toBe(7);
  });
});

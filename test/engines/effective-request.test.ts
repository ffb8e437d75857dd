import { describe, expect, it } from 'vitest';
import { figure, run } from '../scenarios/scenario-runs.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

/**
 * One 4-core node and a job of two 20 s tasks. Each task's app container asks for 1 core; with an
 * init container of 3 cores the pod's effective request is 3 cores (max of the init container and
 * the app containers, Kubernetes's PodRequests), so the two tasks cannot run side by side.
 */
const job = (pod: string) =>
  scenarioFromYaml(
    scenarioYaml({
      nodes: 1,
      duration: '2m',
      workloads: `- kind: BatchJob\n  name: job\n  tasks: 2\n  duration: 20s\n  submitAt: 1s\n${pod}`,
    }),
  ).doc;

describe('every engine places on the pod’s effective request', () => {
  const withInit = job('  containers: [{ name: app, requests: { cpu: 1, memory: 1Gi } }]\n  initContainers: [{ name: init, requests: { cpu: 3 } }]');
  const shorthand = job('  resources: { cpu: 1, memory: 1Gi }');
  it.each(['oracle', 'mesos', 'kubernetes'])('%s runs the tasks one after the other when the init container needs 3 of the 4 cores', (engine) => {
    expect(figure(run(withInit, engine), 'job_completion_p50_s')).toBeGreaterThan(40);
    expect(figure(run(shorthand, engine), 'job_completion_p50_s')).toBeLessThan(30);
  });
});

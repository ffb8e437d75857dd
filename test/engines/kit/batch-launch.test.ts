import { describe, expect, it } from 'vitest';
import { batchLaunch } from '../../../src/engines/kit/index.js';
import { type BatchTask } from '../../../src/intents/index.js';
import { seconds } from '../../../src/sim/time.js';

describe('batchLaunch', () => {
  const task: BatchTask = { index: 3, key: 'etl#3', resources: { cpu: 2, memory: 4, gpu: 0 }, runFor: seconds(30), firstAttempt: 'failed' };
  const job = { workload: 'etl', tenant: 'data', priority: 5 };

  it('takes workload, tenant and priority from the job and key, request and run time from the task', () => {
    expect(batchLaunch('etl#3.7', job, task, 'failed')).toEqual({
      id: 'etl#3.7',
      workload: 'etl',
      tenant: 'data',
      taskKey: 'etl#3',
      priority: 5,
      resources: { cpu: 2, memory: 4, gpu: 0 },
      runFor: seconds(30),
      exitAs: 'failed',
    });
  });

  it('ends the attempt as the caller says, not as the task’s first attempt', () => {
    expect(batchLaunch('etl#3.8', job, task, 'finished').exitAs).toBe('finished');
  });
});

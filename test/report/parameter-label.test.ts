import { describe, expect, it } from 'vitest';
import { engineName, parameterLabel } from '../../src/report/parameter-label.js';

describe('parameterLabel', () => {
  it.each([
    { path: 'spec.engines.mesos.thinkTimes.service.tJob', en: 'Mesos service framework t_job', zh: 'Mesos service 框架的 t_job' },
    { path: 'spec.engines.omega.thinkTimes.service.tJob', en: 'Omega service scheduler t_job', zh: 'Omega service 调度器的 t_job' },
    {
      path: 'spec.engines.kubernetes.nodeLifecycle.gracePeriod',
      en: 'Kubernetes node lifecycle grace period',
      zh: 'Kubernetes 设置 nodeLifecycle.gracePeriod',
    },
    { path: 'failureTimeout', en: 'failure timeout', zh: 'failureTimeout' },
  ])('$path', ({ path, en, zh }) => {
    expect(parameterLabel(path, 'en')).toBe(en);
    expect(parameterLabel(path, 'zh-CN')).toBe(zh);
  });

  it('capitalises an engine it does not know', () => {
    expect(engineName('borg')).toBe('Borg');
    expect(engineName('kubernetes')).toBe('Kubernetes');
  });
});

import { describe, expect, it } from 'vitest';
import { parseScenarioText, type ScenarioError } from '../../src/workload/load.js';
import { parseRateCsv, RateFileError, resolveTraffic } from '../../src/workload/rate-file.js';

const scenario = (traffic: string, extra = ''): string => `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: t }
spec:
  duration: 10m
  cluster: { nodeGroups: [{ name: n, count: 2, resources: { cpu: 8, memory: 32Gi } }] }
${extra}
  workloads:
    - kind: Service
      name: web
      replicas: 2
      resources: { cpu: 1, memory: 1Gi }
${traffic}
`;

const TRAFFIC = `      traffic:
        rate: { steps: [{ at: 0, rate: 100 }, { at: 2m, rate: 300 }] }
        capacityPerReplica: 50`;

function errors(text: string): ScenarioError[] {
  const r = parseScenarioText(text, 's.yaml');
  return r.ok ? [] : [...r.errors];
}

describe('traffic, prices and serviceLevels in a scenario', () => {
  it('accepts the seed shape and fills the service time from the capacity', () => {
    const r = parseScenarioText(
      scenario(
        TRAFFIC,
        '  prices: { cpuHour: 0.04, memoryGiBHour: 0.005 }\n  serviceLevels:\n    - { name: web-sla, percent: 99%, latency: 200ms, cost: 2.5$/h, selector: { app: web } }',
      ),
      's.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const web = r.scenario.doc.spec.workloads[0];
    expect(web?.kind === 'Service' ? web.traffic?.meanService : undefined).toBeCloseTo(0.02, 12);
    expect(r.scenario.doc.spec.serviceLevels[0]).toEqual({ name: 'web-sla', fraction: 0.99, latency: 200_000, costPerHour: 2.5, service: 'web' });
    expect(r.scenario.doc.spec.prices).toEqual({ kind: 'resources', cpuHour: 0.04, memoryGiBHour: 0.005 });
  });

  it('names the field and line of a service time that is not a whole number of servers', () => {
    const e = errors(scenario(`${TRAFFIC}\n        serviceTime: { mean: 30ms }`));
    expect(e[0]?.path).toBe('spec.workloads[0].traffic.serviceTime.mean');
    expect(e[0]?.message).toMatch(/whole number/);
    expect(e[0]?.line).toBeGreaterThan(0);
  });

  it('rejects a service level that selects a service without traffic, and a cost cap without prices', () => {
    const e = errors(scenario('', '  serviceLevels:\n    - { name: a, percent: 99.9%, latency: 1s, cost: 1, selector: { app: web } }'));
    expect(e.map((x) => x.path).sort()).toEqual(['spec.serviceLevels[0].cost', 'spec.serviceLevels[0].selector.app']);
  });

  it('rejects a percentage of 100 and steps out of order', () => {
    expect(errors(scenario(TRAFFIC, '  serviceLevels:\n    - { name: a, percent: 100%, latency: 1s, selector: { app: web } }'))[0]?.path).toBe(
      'spec.serviceLevels[0].percent',
    );
    const e = errors(scenario(`      traffic:\n        rate: { steps: [{ at: 2m, rate: 1 }, { at: 1m, rate: 2 }] }\n        capacityPerReplica: 5`));
    expect(e[0]?.path).toBe('spec.workloads[0].traffic.rate.steps');
  });

  it('rejects both price kinds at once', () => {
    expect(errors(scenario(TRAFFIC, '  prices: { cpuHour: 1, nodeHour: 2 }'))[0]?.path).toBe('spec.prices.nodeHour');
  });
});

describe('request-rate CSV files', () => {
  it('reads one rate per minute from the last field, after an optional header', () => {
    expect(parseRateCsv('minute,rate\n0,10\n1,20\n\n# note\n2,30\n', 'r.csv')).toEqual([10, 20, 30]);
    expect(parseRateCsv('5\n6\n', 'r.csv')).toEqual([5, 6]);
  });
  it('names the file and line of a bad row', () => {
    expect(() => parseRateCsv('rate\n1\nx\n', 'r.csv')).toThrow(
      new RateFileError('r.csv:3: the rate "x" is not a number (requests per second, one row per minute)'),
    );
    expect(() => parseRateCsv('rate\n-1\n', 'r.csv')).toThrow(/r\.csv:2: the rate -1 is negative/);
  });
  it('reads a scenario-relative file when the trial starts, and names the field when it is missing', () => {
    const r = parseScenarioText(scenario(`      traffic:\n        rate: { csv: ./missing.csv }\n        capacityPerReplica: 50`), 's.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(() => resolveTraffic(r.scenario.doc, '/nonexistent')).toThrow(/spec\.workloads\[0\]\.traffic\.rate\.csv: cannot read \/nonexistent\/missing\.csv/);
  });
});

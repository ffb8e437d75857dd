import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, type PlacementConstraints } from '../../../src/cluster/constraints.js';
import { BorgTask, EquivalenceClasses } from '../../../src/engines/borg/borg-task.js';
import { type ServiceTemplate } from '../../../src/intents/index.js';
import { job, res, task } from './borg-fixtures.js';

describe('EquivalenceClasses', () => {
  it('puts tasks of the same priority, demand and constraints object in one class', () => {
    const classes = new EquivalenceClasses();
    expect(classes.keyOf(5, res(1, 2), NO_CONSTRAINTS)).toBe(classes.keyOf(5, res(1, 2), NO_CONSTRAINTS));
  });

  it('tells apart another priority, demand, extended resource or constraints object', () => {
    const classes = new EquivalenceClasses();
    const base = classes.keyOf(5, res(1, 2), NO_CONSTRAINTS);
    const sameLooking: PlacementConstraints = { ...NO_CONSTRAINTS };
    const keys = [
      classes.keyOf(6, res(1, 2), NO_CONSTRAINTS),
      classes.keyOf(5, res(2, 2), NO_CONSTRAINTS),
      classes.keyOf(5, res(1, 3), NO_CONSTRAINTS),
      classes.keyOf(5, res(1, 2, 1), NO_CONSTRAINTS),
      classes.keyOf(5, { ...res(1, 2), ext: { fpga: 1 } }, NO_CONSTRAINTS),
      classes.keyOf(5, res(1, 2), sameLooking),
    ];
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });
});

describe('BorgTask', () => {
  it('starts pending on no machine and files itself under its job workload or its service name', () => {
    const t = task(job('etl'), res(1, 1));
    expect(t.state).toBe('pending');
    expect(t.machine).toBe(-1);
    expect(t.workload).toBe('etl');
    const template = { name: 'web' } as ServiceTemplate;
    const replica = new BorgTask({ kind: 'service', template, replicas: new Set() }, 'default', 0, res(1, 1), NO_CONSTRAINTS, 'k', undefined, 'v1');
    expect(replica.workload).toBe('web');
  });
});

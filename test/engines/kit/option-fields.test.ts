import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countOrPercentageField, cpuField, durationField, memoryField, resourcesField } from '../../../src/engines/kit/option-fields.js';
import { defaultEngineOptions, parseEngineOptions } from '../../../src/engines/kit/options-parse.js';

const GiB = 1024 ** 3;

const schema = z.strictObject({
  period: durationField.prefault('5s'),
  cpu: cpuField.optional(),
  memory: memoryField.optional(),
  reserve: resourcesField.optional(),
  surge: countOrPercentageField.prefault('25%'),
  nested: z.strictObject({ timeout: durationField.optional() }).prefault({}),
});

describe('option fields and parseEngineOptions', () => {
  it('fills defaults when the block is absent', () => {
    const r = parseEngineOptions(schema, undefined);
    expect(r).toEqual({ ok: true, options: { period: 5_000_000, surge: '25%', nested: {} } });
  });

  it('parses durations, quantities, resources and counts-or-percentages', () => {
    const r = parseEngineOptions(schema, { period: '250ms', cpu: '500m', memory: '4Gi', reserve: { cpu: 1, memory: '1Gi' }, surge: 3, nested: { timeout: 0 } });
    expect(r.ok && r.options).toEqual({
      period: 250_000,
      cpu: 500,
      memory: 4 * GiB,
      reserve: { cpu: 1000, memory: GiB, gpu: 0 },
      surge: 3,
      nested: { timeout: 0 },
    });
  });

  it('reports every problem with its field path and a readable message', () => {
    const r = parseEngineOptions(schema, { period: '5 parsecs', cpu: '-1', surge: '25', nested: { timeout: 'soon' }, extra: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.issues.map((i) => [i.path.join('.'), i.message]));
    expect([...byPath.keys()].sort()).toEqual(['', 'cpu', 'nested.timeout', 'period', 'surge']);
    expect(byPath.get('surge')).toMatch(/percentage such as 25%/);
    expect(byPath.get('')).toMatch(/extra/);
    expect(byPath.get('cpu')).toBeTruthy();
  });

  it('defaultEngineOptions gives the defaults, and names the engine when they do not validate', () => {
    expect(defaultEngineOptions(schema, 'test').period).toBe(5_000_000);
    expect(() => defaultEngineOptions(z.strictObject({ n: z.number() }), 'broken')).toThrow(/the broken defaults do not validate: n:/);
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defaultEngineOptions, parseEngineOptions } from '../../../src/engines/kit/options-parse.js';

const schema = z.strictObject({
  period: z.number().int().positive().default(3),
  nested: z.strictObject({ on: z.boolean().default(true) }).default({ on: true }),
});

describe('parseEngineOptions', () => {
  it('takes an absent block as {} so that every default applies', () => {
    expect(parseEngineOptions(schema, undefined)).toEqual({ ok: true, options: { period: 3, nested: { on: true } } });
  });

  it('lists each finding with its field path', () => {
    const r = parseEngineOptions(schema, { period: -1, nested: { on: 'yes' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual([['period'], ['nested', 'on']]);
    expect(r.issues.every((i) => i.message.length > 0)).toBe(true);
  });
});

describe('defaultEngineOptions', () => {
  it('returns the options with every default', () => {
    expect(defaultEngineOptions(schema, 'test')).toEqual({ period: 3, nested: { on: true } });
  });

  it('names the engine and the field when its defaults do not validate', () => {
    const broken = z.strictObject({ period: z.number().default(-1).pipe(z.number().positive()) });
    expect(() => defaultEngineOptions(broken, 'borg')).toThrow(/the borg defaults do not validate: period: /);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/workload/json-schema.js';

describe('scenarios/schema.json', () => {
  it('is up to date with src/workload/schema.ts (run `npm run schema` if not)', () => {
    expect(readFileSync('scenarios/schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the document: required top-level fields, strict objects, named definitions', () => {
    const schema = scenarioJsonSchema() as { required: string[]; additionalProperties: boolean; $defs: Record<string, unknown>; title: string };
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Duration', 'Resources', 'DurationDistribution', 'NodeTarget']));
    expect(schema.$defs.Duration).toMatchObject({ anyOf: [{ type: 'string' }, { const: 0 }] });
  });

  it('the duration and quantity patterns accept what the parsers accept', () => {
    const defs = (scenarioJsonSchema() as { $defs: Record<string, { anyOf: { pattern?: string }[] }> }).$defs;
    const duration = new RegExp(defs.Duration?.anyOf[0]?.pattern as string);
    const quantity = new RegExp(defs.CpuQuantity?.anyOf[0]?.pattern as string);
    for (const ok of ['250ms', '5s', '1h30m', '1.5s', '10us']) expect(duration.test(ok), ok).toBe(true);
    for (const bad of ['5', '5 s', 'soon', '']) expect(duration.test(bad), bad).toBe(false);
    for (const ok of ['500m', '2', '1.5', '1Gi', '1e3', '.5']) expect(quantity.test(ok), ok).toBe(true);
    for (const bad of ['-1', '1Qi', '4Gb']) expect(quantity.test(bad), bad).toBe(false);
  });
});

import { z } from 'zod';
import { bytesField, cpuField, durationField, scenarioSchema } from './schema.js';

/** Duration strings as parseDuration reads them: parts of a number and a unit, e.g. 1h30m, 250ms, 1.5s. */
const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?(us|µs|ms|s|m|h|d))+\\s*$';
/** Kubernetes quantities as parseQuantity reads them (non-negative ones: negative values are rejected). */
const QUANTITY_PATTERN = '^\\s*\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?\\s*$';

/** Where the schema says it lives; editors only need it to be stable. */
export const SCENARIO_SCHEMA_ID = 'https://schedbench.dev/schema/scenario-v1.json';

/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the zod schema so the two never
 * disagree. It describes the *input* side (what authors write: `5s`, `500m`, optional fields), which
 * is what editors complete and check. Cross-references (a scale of an unknown service) are beyond
 * JSON Schema; `schedbench validate` reports them. Output is deterministic (zod walks the schema in
 * declaration order), so scenarios/schema.json can be compared byte for byte.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // zod sees `string | number` with a transform; the file format is narrower, and saying so lets
    // editors flag `5` (no unit) or `1Qi` while typing.
    override: (ctx) => {
      const js = ctx.jsonSchema as Record<string, unknown>;
      if (ctx.zodSchema === durationField) {
        delete js.type;
        js.anyOf = [{ type: 'string', pattern: DURATION_PATTERN }, { const: 0 }];
      } else if (ctx.zodSchema === cpuField || ctx.zodSchema === bytesField) {
        delete js.type;
        js.anyOf = [
          { type: 'string', pattern: QUANTITY_PATTERN },
          { type: 'number', minimum: 0 },
        ];
      }
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: SCENARIO_SCHEMA_ID,
    title: 'schedbench scenario (apiVersion schedbench/v1, kind Scenario)',
    description:
      'A cluster, its tenants, workloads and events, run the same way against every scheduler engine. Write durations as 250ms, 5s, 2m, 1h; cpu as 500m or 2; memory as 512Mi or 1Gi.',
    ...rest,
  };
}

/** The schema as the text of scenarios/schema.json: two-space indented, ending in a newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

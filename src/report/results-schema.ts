import { z } from 'zod';
import { type TrialResult } from '../runner/trial-types.js';
import { ResultsFolderError } from './results-folder-error.js';
import { type RunMeta } from './results-folder.js';

/**
 * The shape of one trials.jsonl line (a trial result without its perf): what merge and `--resume`
 * take from a folder, checked so that a damaged or hand-edited record is refused with its line and
 * field path instead of being carried into new results. Metrics are checked to be an object; their
 * inner figures are re-rendered from it as they are.
 */
const trialLineSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  id: z.string().min(1),
  scenario: z.string().min(1),
  engine: z.string().min(1),
  seed: z.number().int().nonnegative(),
  sweep: z.strictObject({ parameter: z.string(), value: z.union([z.number(), z.string(), z.boolean()]) }).optional(),
  status: z.enum(['ok', 'failed', 'timeout', 'event-budget']),
  error: z.string().optional(),
  stopReason: z.enum(['horizon', 'drained', 'event-budget']).optional(),
  simulatedSeconds: z.number(),
  events: z.number().int().nonnegative(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});

/** The parts of meta.json the CLI and the report rely on; other fields pass through. */
const metaSchema = z.looseObject({
  command: z.string(),
  engines: z.array(z.string()),
  planned: z.number().int().nonnegative(),
  shard: z.strictObject({ i: z.number().int(), n: z.number().int() }).nullable(),
  scenarios: z.array(z.looseObject({ name: z.string(), file: z.string(), hash: z.string(), seeds: z.array(z.number()) })),
  plan: z
    .looseObject({
      scenarios: z.array(z.strictObject({ name: z.string(), file: z.string(), sha256: z.string() })),
      engines: z.array(z.string()),
      seeds: z.array(z.number().int().nonnegative()).nullable(),
      detail: z.boolean(),
      explain: z.boolean(),
      explainLevel: z.literal('full').optional(),
      shard: z.strictObject({ i: z.number().int(), n: z.number().int() }).nullable(),
      timeoutSeconds: z.number().positive().nullable(),
    })
    .optional(),
});

/** `a.b[2].c` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(the record)';
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${fieldPath(issue.path)}: ${issue.message}` : 'invalid';
}

/**
 * One trials.jsonl line, checked. `where` is `file:line`. A line that is not JSON is undefined when
 * `mayBeCut` (the last line of a checkpoint a kill cut off), an error otherwise; a record of the
 * wrong shape is always an error naming the field path.
 */
export function parseTrialLine(line: string, where: string, mayBeCut: boolean): Omit<TrialResult, 'perf'> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    if (mayBeCut) return undefined;
    throw new ResultsFolderError(`${where}: not a JSON line (the file is damaged; remove the line or run the trial again)`);
  }
  const r = trialLineSchema.safeParse(value);
  if (!r.success) throw new ResultsFolderError(`${where}: not a trial record: ${firstIssue(r.error)}`);
  return value as Omit<TrialResult, 'perf'>;
}

/** meta.json's text, checked; `file` names it in errors. */
export function parseMetaText(text: string, file: string): RunMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ResultsFolderError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)}); the file is damaged or was cut off`);
  }
  const r = metaSchema.safeParse(value);
  if (!r.success) throw new ResultsFolderError(`${file}: not a schedbench meta.json: ${firstIssue(r.error)}`);
  return value as RunMeta;
}

import { resolve } from 'node:path';
import { cycleInRange, decisionsText, type DecisionQuery, explainFile, findDecisions, knownNames } from '../report/explain/index.js';
import { closestMatch } from '../workload/suggest.js';
import { EXIT, InputError } from './exit-codes.js';

/** Options of `schedbench explain`. */
export interface ExplainOptions {
  readonly pod?: string;
  readonly task?: string;
  readonly trial?: string;
  readonly cycle?: string;
}

/** Exactly one of --pod and --task. */
function queryOf(opts: ExplainOptions): DecisionQuery {
  if (opts.pod !== undefined && opts.task !== undefined) throw new InputError(['--pod and --task: give one of them, not both']);
  if (opts.pod !== undefined) return { pod: opts.pod };
  if (opts.task !== undefined) return { task: opts.task };
  throw new InputError(['name what to explain: --pod NAME (a Kubernetes pod) or --task ID (a task instance of any engine)']);
}

function parseCycle(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InputError([`--cycle: "${text}" is not a whole number of at least 1`]);
  return n;
}

/**
 * `schedbench explain DIR --pod NAME | --task ID [--trial ID] [--cycle N]`: prints one decision of
 * DIR/explain.jsonl as a readable table (docs/explain.md). Bad input (no such folder, no
 * explain.jsonl, a name that matched nothing, a cycle out of range) is an error and exit code 2.
 */
export async function explainCommand(dir: string, opts: ExplainOptions): Promise<number> {
  const query = queryOf(opts);
  const cycle = parseCycle(opts.cycle);
  const file = explainFile(resolve(dir));
  const found = await findDecisions(file, query, opts.trial);
  const what = 'pod' in query ? `pod ${query.pod}` : `task ${query.task}`;
  if (found.decisions.length === 0) {
    if (opts.trial !== undefined && found.trials.length > 0)
      throw new InputError([`${file}: no decision about ${what} in trial ${opts.trial}; it has some in: ${found.trials.join(', ')}`]);
    const name = 'pod' in query ? query.pod : query.task;
    const suggestion = closestMatch(name, await knownNames(file, query));
    throw new InputError([
      `${file}: no decision about ${what}${opts.trial !== undefined ? ` in trial ${opts.trial}` : ''}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    ]);
  }
  if (cycle !== undefined && !cycleInRange(found, cycle))
    throw new InputError([`--cycle ${cycle}: ${what} has ${found.decisions.length} decision(s) in ${found.trial ?? ''} (1…${found.decisions.length})`]);
  process.stdout.write(`${decisionsText(found, cycle).join('\n')}\n`);
  return EXIT.ok;
}

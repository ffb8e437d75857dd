import { type ExplainRecord, listField, readExplainRecords, stringField } from './explain-records.js';

/** What to explain: a Kubernetes pod by name, or a task instance by id (any engine). */
export type DecisionQuery = { readonly pod: string } | { readonly task: string };

/**
 * One decision about the pod or task: a kube-scheduler cycle, an oracle placement, or a Mesos
 * framework's reply to an offer, with the allocator's record of that offer.
 */
export interface FoundDecision {
  readonly record: ExplainRecord;
  readonly offer?: ExplainRecord;
}

/** The decisions found, for one trial. */
export interface FoundDecisions {
  /** Every trial with a decision about the pod or task, in file order. */
  readonly trials: readonly string[];
  /** The trial shown: the one asked for, else the first of {@link trials}; undefined when nothing matched. */
  readonly trial: string | undefined;
  /** Its decisions, in file (time) order. */
  readonly decisions: readonly FoundDecision[];
}

/** Whether a record is a decision about the pod or task asked for. */
function isAbout(r: ExplainRecord, q: DecisionQuery): boolean {
  if ('pod' in q) return r.type === 'scheduling-decision' && r.fields['pod'] === q.pod;
  switch (r.type) {
    case 'scheduling-decision':
      return r.fields['pod'] === q.task;
    case 'placement':
      return r.fields['task'] === q.task;
    case 'offer-reply':
      return Array.isArray(r.fields['launched']) && r.fields['launched'].includes(q.task);
    default:
      return false;
  }
}

/**
 * The decisions of explain.jsonl about a pod or a task, in the trial asked for (or the first that has
 * any). A Mesos reply is paired with the last offer of the same agent to the same framework made
 * at or before it (the offer record carries no id; docs/explain.md).
 */
export async function findDecisions(file: string, query: DecisionQuery, trial?: string): Promise<FoundDecisions> {
  const quoted = JSON.stringify('pod' in query ? query.pod : query.task);
  const matches = (await readExplainRecords(file, (line) => line.includes(quoted))).filter((r) => isAbout(r, query));
  const trials = [...new Set(matches.map((r) => r.trial))];
  const shown = trial ?? trials[0];
  const records = matches.filter((r) => r.trial === shown);
  const replies = records.filter((r) => r.type === 'offer-reply');
  const offers = replies.length > 0 ? await offersFor(file, replies) : new Map<ExplainRecord, ExplainRecord>();
  return {
    trials,
    trial: records.length > 0 ? shown : undefined,
    decisions: records.map((record) => {
      const offer = offers.get(record);
      return offer ? { record, offer } : { record };
    }),
  };
}

/** For each offer reply, the offer it answers (see {@link findDecisions}). */
async function offersFor(file: string, replies: readonly ExplainRecord[]): Promise<Map<ExplainRecord, ExplainRecord>> {
  const keys = replies.map((r) => ({ reply: r, agent: stringField(r, 'agent'), framework: stringField(r, 'framework') }));
  const quotedTrial = JSON.stringify((replies[0] as ExplainRecord).trial);
  const candidates = await readExplainRecords(
    file,
    (line) =>
      line.includes('"type":"offer"') &&
      line.includes(quotedTrial) &&
      keys.some((k) => line.includes(JSON.stringify(k.agent)) && line.includes(JSON.stringify(k.framework))),
  );
  const out = new Map<ExplainRecord, ExplainRecord>();
  for (const k of keys) {
    let best: ExplainRecord | undefined;
    for (const o of candidates) {
      if (o.type !== 'offer' || o.trial !== k.reply.trial || o.fields['agent'] !== k.agent || o.fields['framework'] !== k.framework) continue;
      if (o.time <= k.reply.time) best = o;
    }
    if (best) out.set(k.reply, best);
  }
  return out;
}

/** The pod and task names explain.jsonl knows (for a suggestion when a name matched nothing). */
export async function knownNames(file: string, query: DecisionQuery): Promise<string[]> {
  const names = new Set<string>();
  const field = 'pod' in query ? /"pod":"((?:[^"\\]|\\.)*)"/ : /"(?:pod|task)":"((?:[^"\\]|\\.)*)"/;
  await readExplainRecords(file, (line) => {
    const m = field.exec(line);
    if (m?.[1] !== undefined) names.add(m[1]);
    return false;
  });
  return [...names];
}

/** The task ids an offer reply launched (for listing). */
export function launchedTasks(reply: ExplainRecord): string[] {
  return listField(reply, 'launched').map((t) => String(t));
}

import { type ExplainRecord } from './explain-records.js';
import { type FoundDecision, type FoundDecisions } from './find-decisions.js';
import { offerText, placementText } from './placement-text.js';
import { num, schedulingDecisionText } from './scheduling-decision-text.js';
import { textTable } from './text-table.js';

/** One decision as readable text, by record type. */
function oneDecision(d: FoundDecision): string[] {
  switch (d.record.type) {
    case 'scheduling-decision':
      return schedulingDecisionText(d.record);
    case 'placement':
      return placementText(d.record);
    default:
      return offerText(d.record, d.offer);
  }
}

/** A decision's outcome in a few words, for the list of a pod's cycles. */
function outcome(r: ExplainRecord): string {
  if (r.type === 'offer-reply') return `launched on ${String(r.fields['agent'])}`;
  const node = r.fields['node'];
  return typeof node === 'string' ? `placed on ${node}` : `unschedulable: ${String(r.fields['reason'])}`;
}

/**
 * The text `schedbench explain` prints for the decisions found: the one asked for (`cycle`, 1-based;
 * default the last, the one that placed it or the latest attempt) in full, preceded by a list of
 * all of them when there are several, and followed by the other trials that have decisions about
 * the same name. `cycle` outside 1…n is the caller's to refuse (see {@link cycleInRange}).
 */
export function decisionsText(found: FoundDecisions, cycle?: number): string[] {
  const all = found.decisions;
  const index = cycle !== undefined ? cycle - 1 : all.length - 1;
  const shown = all[index];
  if (!shown) return [];
  const lines: string[] = [];
  if (all.length > 1) {
    const rows = all.map((d, i) => [i === index ? '>' : '', String(i + 1), num(d.record.time), outcome(d.record)]);
    lines.push(
      `${all.length} decisions in ${found.trial ?? ''}; showing decision ${index + 1} (choose another with --cycle N):`,
      ...textTable(['', '#', 'time (s)', 'outcome'], rows, ['left', 'right', 'right', 'left']),
      '',
    );
  }
  lines.push(...oneDecision(shown));
  const others = found.trials.filter((t) => t !== found.trial);
  if (others.length > 0) lines.push('', `Also in ${others.length} other trial(s) (choose with --trial): ${others.join(', ')}`);
  return lines;
}

/** Whether `cycle` (1-based) names one of the decisions found. */
export function cycleInRange(found: FoundDecisions, cycle: number): boolean {
  return Number.isInteger(cycle) && cycle >= 1 && cycle <= found.decisions.length;
}

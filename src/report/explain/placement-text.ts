import { type ExplainRecord, listField, stringField } from './explain-records.js';
import { num } from './scheduling-decision-text.js';
import { textTable } from './text-table.js';

/** A resource object of explain.jsonl (cores, GiB, gpus, extended resources) in one line. */
export function resourcesText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v ?? '');
  const r = v as { cpuCores?: unknown; memoryGiB?: unknown; gpus?: unknown; ext?: Record<string, unknown> };
  const parts = [`${num(r.cpuCores)} cores`, `${num(r.memoryGiB)} GiB`];
  if (typeof r.gpus === 'number' && r.gpus > 0) parts.push(`${num(r.gpus)} gpus`);
  for (const [name, amount] of Object.entries(r.ext ?? {})) parts.push(`${num(amount)} ${name}`);
  return parts.join(', ');
}

/** An oracle `placement` record as readable text: the rule, and the nodes by leftover score. */
export function placementText(r: ExplainRecord): string[] {
  const chosen = stringField(r, 'node');
  const candidates = listField(r, 'candidates');
  const rows = candidates.map((c) => [c['node'] === chosen ? '*' : '', String(c['node']), num(c['leftover'])]);
  const withRoom = r.fields['nodesWithRoom'];
  const listed =
    candidates.length === withRoom
      ? `all ${num(withRoom)} nodes with room`
      : `${candidates.length} of ${num(withRoom)} nodes with room (run with --explain=full to list every one)`;
  return [
    `${r.trial}: oracle placement of task ${stringField(r, 'task')} (${String(r.fields['workload'])}) at ${num(r.time)} s`,
    `Requests: ${resourcesText(r.fields['requests'])}.`,
    `Chosen node: ${chosen}. Rule ${String(r.fields['rule'])}: ${String(r.fields['why'])}.`,
    '',
    'Leftover score per node (lower fits tighter):',
    ...textTable(['', 'node', 'leftover'], rows, ['left', 'left', 'right']),
    `* the chosen node. Listed: ${listed}.`,
  ];
}

/** A Mesos `offer-reply`, with the `offer` it answers when found, as readable text. */
export function offerText(reply: ExplainRecord, offer: ExplainRecord | undefined): string[] {
  const launched = listField(reply, 'launched').map(String);
  const lines = [
    `${reply.trial}: Mesos offer ${String(reply.fields['offer'])} of agent ${stringField(reply, 'agent')} to framework ${stringField(reply, 'framework')}, answered at ${num(reply.time)} s`,
  ];
  if (offer) {
    lines.push(
      `Offered at ${num(offer.time)} s: ${resourcesText(offer.fields['resources'])} (role ${String(offer.fields['role'])}, stage ${String(offer.fields['stage'])}, mode ${String(offer.fields['mode'])}).`,
      `Why this framework: ${String(offer.fields['why'])}.`,
      '',
      'DRF walk up to this framework (weighted dominant shares, ascending):',
      ...textTable(
        ['kind', 'name', 'share'],
        listField(offer, 'drfOrder').map((d) => [String(d['kind']), String(d['name']), num(d['share'])]),
        ['left', 'left', 'right'],
      ),
    );
    const skipped = listField(offer, 'skipped');
    if (skipped.length > 0) lines.push('', 'Passed over:', ...skipped.map((s) => `  ${String(s['framework'])}: ${String(s['why'])}`));
  } else {
    lines.push('(The offer record itself was not found in explain.jsonl.)');
  }
  const shown = launched.length > 8 ? [...launched.slice(0, 8), `… ${launched.length - 8} more`] : launched;
  lines.push(
    '',
    `Reply: launched ${launched.length} task(s)${shown.length > 0 ? `: ${shown.join(', ')}` : ''}.`,
    `Declined: ${resourcesText(reply.fields['declined'])}; refuse filter ${num(reply.fields['filterSeconds'])} s.`,
  );
  return lines;
}

import { describe, expect, it } from 'vitest';
import { type ExplainRecord } from '../../../src/report/explain/explain-records.js';
import { offerText, placementText, resourcesText } from '../../../src/report/explain/placement-text.js';
import { OFFER, PLACEMENT, REPLY } from './records.js';

const rec = (fields: Record<string, unknown>): ExplainRecord => ({
  trial: fields['trial'] as string,
  time: fields['time'] as number,
  type: fields['type'] as string,
  fields,
  where: 'explain.jsonl:1',
});

describe('placement and offer texts', () => {
  it('writes resources in cores and GiB, with gpus and extended resources only when there are any', () => {
    expect(resourcesText({ cpuCores: 1.5, memoryGiB: 2, gpus: 0 })).toBe('1.5 cores, 2 GiB');
    expect(resourcesText({ cpuCores: 1, memoryGiB: 2, gpus: 1, ext: { 'example.com/fpga': 2 } })).toBe('1 cores, 2 GiB, 1 gpus, 2 example.com/fpga');
  });

  it('shows an oracle placement as nodes by leftover score, the chosen one marked', () => {
    const text = placementText(rec(PLACEMENT)).join('\n');
    expect(text).toContain('s/oracle/seed-1: oracle placement of task job#0.0 (job) at 0.5 s');
    expect(text).toContain('Chosen node: b. Rule best-fit: the tightest fit.');
    expect(text).toMatch(/\*\s+b\s+0\.5\n\s+a\s+1\.25/);
    expect(text).toContain('Listed: all 2 nodes with room.');
  });

  it('shows a Mesos offer with its DRF walk, the frameworks passed over, and the reply', () => {
    const text = offerText(rec(REPLY), rec(OFFER)).join('\n');
    expect(text).toContain('Mesos offer o7 of agent a to framework fw, answered at 4 s');
    expect(text).toContain('Offered at 3 s: 2 cores, 4 GiB (role r, stage fair-sharing, mode whole-agent).');
    expect(text).toMatch(/framework\s+fw\s+0\.1/);
    expect(text).toContain('  other: filtered');
    expect(text).toContain('Reply: launched 2 task(s): job#0.0, job#0.1.');
    expect(offerText(rec(REPLY), undefined).join('\n')).toContain('The offer record itself was not found');
  });
});

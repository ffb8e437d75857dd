import { describe, expect, it } from 'vitest';
import { type ExplainRecord } from '../../../src/report/explain/explain-records.js';
import { schedulingDecisionText } from '../../../src/report/explain/scheduling-decision-text.js';
import { SCORED, UNSCHEDULABLE } from './records.js';

const rec = (fields: Record<string, unknown>): ExplainRecord => ({
  trial: fields['trial'] as string,
  time: fields['time'] as number,
  type: fields['type'] as string,
  fields,
  where: 'explain.jsonl:1',
});

describe('schedulingDecisionText', () => {
  it('shows the scored nodes × plugins as raw → normalized → weighted, the chosen node first and marked', () => {
    const text = schedulingDecisionText(rec(SCORED)).join('\n');
    expect(text).toContain('s/kubernetes/seed-1: kube-scheduler cycle for pod web-0 at 2.5 s (think time 0.0003 s)');
    expect(text).toContain('4 nodes evaluated, 3 feasible.');
    expect(text).toContain('Chosen node: n2, the highest total score, 490; 2 nodes tied at it, one picked uniformly at random (selectHost).');
    expect(text).toMatch(/node\s+TaintToleration ×3\s+NodeResourcesFit ×1\s+NodeResourcesBalancedAllocation ×1\s+total/);
    expect(text).toMatch(/\*\s+n2\s+0 → 100 → 300\s+95 → 95 → 95\s+95 → 95 → 95\s+490/);
    expect(text).toMatch(/\n\s+n3\s+2 → 0 → 0\s+150 → 150 → 150/);
    expect(text).toContain('Listed: all 3 feasible nodes.');
    expect(text).toContain('NodeAffinity (weight 2): PreScore returned Skip: the pod has no preferred node affinity terms');
    expect(text).toMatch(/NodeResourcesFit\s+Insufficient cpu\s+1/);
  });

  it('says the listing is partial when fewer nodes are listed than were feasible', () => {
    const text = schedulingDecisionText(rec({ ...SCORED, feasibleNodes: 40 })).join('\n');
    expect(text).toContain('3 of 40 feasible nodes (run with --explain=full to list every node)');
  });

  it('says when scoring was skipped', () => {
    const { candidates: _c, bestScore: _b, tiedAtBest: _t, skippedPlugins: _s, ...rest } = SCORED;
    const text = schedulingDecisionText(
      rec({ ...rest, feasibleNodes: 1, selectedBy: 'only-feasible-node', scoringSkipped: 'only one node passed the filters' }),
    );
    expect(text).toContain('Chosen node: n2. Scoring skipped: only one node passed the filters.');
    expect(text.join('\n')).not.toContain('Scores (');
  });

  it('explains an unschedulable pod: the FitError, the rejections, whom preemption evicts, and every rejected node at level full', () => {
    const rejectedNodes = ['n0', 'n1', 'n2'].map((node) => ({ node, plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }));
    const text = schedulingDecisionText(rec({ ...UNSCHEDULABLE, rejectedNodes })).join('\n');
    expect(text).toContain('3 nodes evaluated, none feasible.');
    expect(text).toContain('Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
    expect(text).toContain('Preemption: nominated n1, evicting low-0');
    expect(text).toMatch(/Rejected nodes:\nnode\s+plugin\s+reason\n[- ]+\nn0\s+NodeResourcesFit\s+Insufficient cpu/);
  });

  it('names the line of a record without the fields it needs', () => {
    expect(() => schedulingDecisionText(rec({ ...SCORED, pod: undefined }))).toThrow('explain.jsonl:1: field "pod" is missing or not a string');
  });
});

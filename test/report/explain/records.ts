import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Records shaped as the engines write them (docs/explain.md), for the explain readers' tests. */
export const K8S_TRIAL = 's/kubernetes/seed-1';

export const UNSCHEDULABLE = {
  trial: K8S_TRIAL,
  time: 1,
  type: 'scheduling-decision',
  pod: 'web-0',
  nodesEvaluated: 3,
  thinkSeconds: 0.0002,
  reason: '0/3 nodes are available: 3 Insufficient cpu.',
  rejections: [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', nodes: 3 }],
  preemption: { node: 'n1', victims: ['low-0'] },
};

const cell = (raw: number, normalized: number, weight: number): object => ({ raw, normalized, weight, weighted: normalized * weight });

export const SCORED = {
  trial: K8S_TRIAL,
  time: 2.5,
  type: 'scheduling-decision',
  pod: 'web-0',
  nodesEvaluated: 4,
  thinkSeconds: 0.0003,
  node: 'n2',
  feasibleNodes: 3,
  selectedBy: 'highest-score',
  bestScore: 490,
  tiedAtBest: 2,
  tieBreak: 'uniformly at random among the 2 nodes with the best score',
  listed: 'top-3',
  candidates: [
    {
      node: 'n2',
      total: 490,
      plugins: { TaintToleration: cell(0, 100, 3), NodeResourcesFit: cell(95, 95, 1), NodeResourcesBalancedAllocation: cell(95, 95, 1) },
    },
    {
      node: 'n0',
      total: 490,
      plugins: { TaintToleration: cell(0, 100, 3), NodeResourcesFit: cell(95, 95, 1), NodeResourcesBalancedAllocation: cell(95, 95, 1) },
    },
    {
      node: 'n3',
      total: 250,
      plugins: { TaintToleration: cell(2, 0, 3), NodeResourcesFit: cell(150, 150, 1), NodeResourcesBalancedAllocation: cell(100, 100, 1) },
    },
  ],
  skippedPlugins: [{ plugin: 'NodeAffinity', weight: 2, why: 'PreScore returned Skip: the pod has no preferred node affinity terms' }],
  rejections: [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', nodes: 1 }],
};

export const PLACEMENT = {
  trial: 's/oracle/seed-1',
  time: 0.5,
  type: 'placement',
  task: 'job#0.0',
  workload: 'job',
  requests: { cpuCores: 1, memoryGiB: 2, gpus: 0 },
  node: 'b',
  rule: 'best-fit',
  why: 'the tightest fit',
  leftover: 0.5,
  nodesWithRoom: 2,
  candidates: [
    { node: 'b', leftover: 0.5 },
    { node: 'a', leftover: 1.25 },
  ],
};

const drf = [
  { kind: 'role', name: 'r', share: 0.1 },
  { kind: 'framework', name: 'fw', share: 0.1 },
];
export const OFFER_EARLY = {
  trial: 's/mesos/seed-1',
  time: 0.2,
  type: 'offer',
  agent: 'a',
  framework: 'fw',
  role: 'r',
  resources: { cpuCores: 2, memoryGiB: 4, gpus: 0 },
  stage: 'fair-sharing',
  mode: 'whole-agent',
  why: 'first of the walk',
  drfOrder: drf,
  skipped: [],
};
export const OFFER = { ...OFFER_EARLY, time: 3, skipped: [{ framework: 'other', why: 'filtered' }] };
export const OFFER_OTHER_AGENT = { ...OFFER_EARLY, time: 3.5, agent: 'b' };
export const REPLY = {
  trial: 's/mesos/seed-1',
  time: 4,
  type: 'offer-reply',
  offer: 'o7',
  framework: 'fw',
  agent: 'a',
  launched: ['job#0.0', 'job#0.1'],
  declined: { cpuCores: 0, memoryGiB: 0, gpus: 0 },
  filterSeconds: 5,
};

/** A results folder holding an explain.jsonl of these records (and of a second trial with the same pod). */
export function explainFolder(
  records: readonly object[] = [UNSCHEDULABLE, SCORED, PLACEMENT, OFFER_EARLY, OFFER, OFFER_OTHER_AGENT, REPLY, { ...SCORED, trial: 's/kubernetes/seed-2' }],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'schedbench-explain-'));
  writeFileSync(join(dir, 'explain.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return dir;
}

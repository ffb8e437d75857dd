import { describe, expect, it } from 'vitest';
import { composeReport } from '../../../src/report/build-report.js';
import { type Block, plain } from '../../../src/report/doc.js';
import { readResults, type ResultsData } from '../../../src/report/read-results.js';
import { type ClaimSpec } from '../../../src/metrics/claims.js';
import { FIXTURE } from '../support.js';

const holds = {
  id: 'k8s-fast',
  text: 'Kubernetes places faster than Mesos.',
  metric: 'sched_p50_s',
  engines: ['kubernetes'],
  relation: '<',
  than: { engine: 'mesos', factor: 1 },
  on: 'every-seed',
} as ClaimSpec;
const fails = {
  id: 'mesos-fast',
  text: 'Mesos places faster than Kubernetes.',
  metric: 'sched_p50_s',
  engines: ['mesos'],
  relation: '<',
  than: { engine: 'kubernetes', factor: 1 },
  on: 'every-seed',
} as ClaimSpec;
const absent = {
  id: 'borg',
  text: 'Borg is faster still.',
  metric: 'sched_p50_s',
  engines: ['borg'],
  relation: '<',
  than: { value: 1, factor: 1 },
  on: 'every-seed',
} as ClaimSpec;

/** The synthetic fixture with claims added to its node-crash scenario (and a Chinese text for one). */
function withClaims(): ResultsData {
  const data = readResults(FIXTURE);
  const scenarios = data.meta.scenarios.map((s) =>
    s.name === 'node-crash'
      ? {
          ...s,
          claims: [holds, fails, absent],
          translations: { ...s.translations, 'zh-CN': { ...s.translations?.['zh-CN'], claims: { 'k8s-fast': 'Kubernetes 比 Mesos 放置得更快。' } } },
        }
      : s,
  );
  return { ...data, meta: { ...data.meta, scenarios } };
}

/** The blocks of one scenario's Claims subsection: its heading to the next heading. */
function claimsOf(blocks: readonly Block[]): Block[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && (b.text === 'Claims' || b.text === '断言'));
  if (start < 0) return [];
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading');
  return blocks.slice(start, end);
}

describe('the Claims subsection of the report', () => {
  it('follows the lesson with one row per claim: text, evidence per engine and seed, ✔ / ✘ / –', async () => {
    const { doc } = await composeReport(withClaims(), 'en');
    const section = claimsOf(doc.blocks);
    const lesson = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Lesson');
    expect(doc.blocks.indexOf(section[0] as Block)).toBe(lesson + 2);
    const table = section.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no claims table');
    expect(table.head).toEqual(['Claim', 'Evidence', 'Holds']);
    const rows = table.rows.map((r) => r.map((c) => plain(c.inlines)));
    expect(rows).toEqual([
      ['Kubernetes places faster than Mesos.', 'sched_p50_s < sched_p50_s (mesos) — kubernetes, seed 1: 0.02 < 0.4; kubernetes, seed 2: 0.02 < 0.4', '✔'],
      ['Mesos places faster than Kubernetes.', 'sched_p50_s < sched_p50_s (kubernetes) — mesos, seed 1: 0.4 < 0.02 ✘; mesos, seed 2: 0.4 < 0.02 ✘', '✘'],
      ['Borg is faster still.', 'sched_p50_s < 1 — not evaluated: borg did not run', '–'],
    ]);
  });

  it('shows a failed claim in bold, never hidden, and marks its result', async () => {
    const { doc } = await composeReport(withClaims(), 'en');
    const table = claimsOf(doc.blocks).find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no claims table');
    const failed = table.rows[1];
    expect(failed?.[0]?.inlines).toEqual([{ kind: 'strong', text: 'Mesos places faster than Kubernetes.' }]);
    expect(failed?.[2]).toEqual({ inlines: [{ kind: 'strong', text: '✘' }], mark: 'worse' });
    expect(table.rows[0]?.[0]?.inlines).toEqual(['Kubernetes places faster than Mesos.']);
  });

  it('sums the claims up in the header: k of n hold', async () => {
    const { doc } = await composeReport(withClaims(), 'en');
    const header = doc.blocks.find((b) => b.kind === 'table');
    if (header?.kind !== 'table') throw new Error('no header table');
    const row = header.rows.find((r) => plain(r[0]?.inlines ?? []) === 'Claims');
    expect(row?.[1]?.inlines).toEqual([{ kind: 'strong', text: '1 of 3 claims hold, 1 fail, 1 not evaluated' }]);
  });

  it('is written in Chinese too, with the scenario’s translated claim texts where it has them', async () => {
    const { doc } = await composeReport(withClaims(), 'zh-CN');
    const table = claimsOf(doc.blocks).find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no claims table');
    expect(table.head).toEqual(['断言', '证据', '成立']);
    expect(plain(table.rows[0]?.[0]?.inlines ?? [])).toBe('Kubernetes 比 Mesos 放置得更快。');
    expect(plain(table.rows[0]?.[1]?.inlines ?? [])).toContain('kubernetes, 种子 1: 0.02 < 0.4');
    expect(plain(table.rows[2]?.[1]?.inlines ?? [])).toContain('未求值：borg 没有运行');
    const header = doc.blocks.find((b) => b.kind === 'table');
    if (header?.kind !== 'table') throw new Error('no header table');
    expect(header.rows.some((r) => plain(r[1]?.inlines ?? []) === '3 条断言中 1 条成立，1 条不成立，1 条未求值')).toBe(true);
  });

  it('adds nothing for scenarios without claims (folders written before claims keep their report)', async () => {
    const { doc } = await composeReport(readResults(FIXTURE), 'en');
    expect(claimsOf(doc.blocks)).toEqual([]);
    const header = doc.blocks.find((b) => b.kind === 'table');
    expect(header?.kind === 'table' && header.rows.some((r) => plain(r[0]?.inlines ?? []) === 'Claims')).toBe(false);
  });
});

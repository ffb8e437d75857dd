import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/report/build-report.js';
import { plain, type Block } from '../../src/report/doc.js';
import { type ReportLang } from '../../src/report/i18n/messages.js';
import { readResults, type ResultsData } from '../../src/report/read-results.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { FIXTURE } from './support.js';

/** The fixture's results with engines dropped or renamed, as if the run had used other engines. */
function withEngines(data: ResultsData, rename: (engine: string) => string | undefined): ResultsData {
  const map = <T extends { engine: string }>(rows: readonly T[]): T[] =>
    rows.flatMap((r) => {
      const e = rename(r.engine);
      return e === undefined ? [] : [{ ...r, engine: e }];
    });
  return {
    ...data,
    meta: { ...data.meta, engines: data.meta.engines.flatMap((e) => rename(e) ?? []) },
    runs: map(data.runs),
    cdf: map(data.cdf),
    convergence: map(data.convergence),
    series: map(data.series),
    counters: map(data.counters),
  };
}

async function closingTable(data: ResultsData, lang: ReportLang = 'en'): Promise<Extract<Block, { kind: 'table' }>> {
  const built = await composeReport(data, lang);
  const table = built.doc.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.id === 'course-table');
  if (!table) throw new Error('no closing table');
  return table;
}

describe('closing course table', () => {
  it('has a column per engine that ran: a new engine gets its own column without code changes', async () => {
    const data = withEngines(readResults(FIXTURE), (e) => (e === 'mesos' ? 'condor' : e));
    const table = await closingTable(data);
    expect(table.head).toEqual(['Aspect', 'Kubernetes', 'Condor']);
    const condor = table.rows.map((r) => plain((r[2] as (typeof r)[number]).inlines));
    expect(condor[0]).toContain('Not described in the course.');
    expect(condor.join(' ')).toContain('Measured:');
  });

  it('gives Borg the words of its paper, not "not described"', async () => {
    const data = withEngines(readResults(FIXTURE), (e) => (e === 'mesos' ? 'borg' : e));
    const table = await closingTable(data);
    expect(table.head).toEqual(['Aspect', 'Kubernetes', 'Borg']);
    const borg = table.rows.map((r) => plain((r[2] as (typeof r)[number]).inlines));
    expect(borg[0]).toContain('Borgmaster');
    expect(borg.join(' ')).not.toContain('Not described in the course.');
  });

  it('keeps every cell short: the course’s words and one sentence per measure', async () => {
    const table = await closingTable(readResults(FIXTURE));
    for (const row of table.rows) {
      for (const cell of row.slice(1)) {
        const links = cell.inlines.filter((i) => typeof i !== 'string' && i.kind === 'link').length;
        expect(links).toBeLessThanOrEqual(3);
        expect(plain(cell.inlines).length).toBeLessThan(500);
      }
    }
  });
});

describe('texts follow the engines that ran', () => {
  it.each(['en', 'zh-CN'] as const)('%s: a run without the oracle never calls it the reference', async (lang) => {
    const data = withEngines(readResults(FIXTURE), (e) => (e === 'oracle' ? undefined : e));
    const md = renderMarkdown((await composeReport(data, lang)).doc);
    expect(md).not.toMatch(/oracle/i);
    const withOracle = renderMarkdown((await composeReport(readResults(FIXTURE), lang)).doc);
    expect(withOracle).toMatch(/oracle/);
  });
});

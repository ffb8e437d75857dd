import { describe, expect, it } from 'vitest';
import { type Block, textCell } from '../../src/report/doc.js';
import { columnGroups, MAX_HTML_COLUMNS, renderHtml } from '../../src/report/render-html.js';

function table(columns: number, leadingNumeric: number): Extract<Block, { kind: 'table' }> {
  const head = Array.from({ length: columns }, (_, i) => `c${i}`);
  const numeric = head.map((_, i) => i < leadingNumeric || i > leadingNumeric);
  return { kind: 'table', id: 't', head, numeric, rows: [head.map((h) => textCell(`${h}-value`))] };
}

describe('wide tables on the HTML page', () => {
  it('leaves a table of up to ten columns whole', () => {
    expect(columnGroups(table(MAX_HTML_COLUMNS, 0))).toEqual([Array.from({ length: MAX_HTML_COLUMNS }, (_, i) => i)]);
  });

  it('splits a sweep table of twelve columns in two, repeating the swept value and the engine', () => {
    const groups = columnGroups(table(12, 1));
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      expect(g.slice(0, 2)).toEqual([0, 1]);
      expect(g.length).toBeLessThanOrEqual(MAX_HTML_COLUMNS);
    }
    expect([...new Set(groups.flat())].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const html = renderHtml({ lang: 'en', title: 'x', blocks: [table(12, 1)] });
    expect(html.match(/<table>/g)).toHaveLength(2);
    expect(html.match(/c1-value/g)).toHaveLength(2);
    expect(html.match(/c11-value/g)).toHaveLength(1);
  });
});

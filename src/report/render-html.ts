import { type Block, type Cell, type Inline, type ReportDoc } from './doc.js';

/** Escapes text for HTML content and attribute values. */
export function escHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(i: Inline): string {
  if (typeof i === 'string') return escHtml(i);
  switch (i.kind) {
    case 'link':
      return `<a href="${escHtml(i.href)}">${escHtml(i.text)}</a>`;
    case 'code':
      return `<code>${escHtml(i.text)}</code>`;
    case 'strong':
      return `<strong>${escHtml(i.text)}</strong>`;
    case 'foreign':
      return `<span lang="${escHtml(i.lang)}">${escHtml(i.text)}</span>`;
  }
}

function inlines(list: readonly Inline[]): string {
  return list.map(inline).join('');
}

function cell(c: Cell, numeric: boolean | undefined): string {
  const cls = [numeric ? 'num' : '', c.mark ?? ''].filter(Boolean).join(' ');
  return `<td${cls ? ` class="${cls}"` : ''}>${inlines(c.inlines)}</td>`;
}

/** A table wider than this many columns is split for the page (a 960 px column holds about ten). */
export const MAX_HTML_COLUMNS = 10;

/**
 * The columns of each part of a table on the HTML page: all of them when the table is narrow
 * enough; otherwise its key columns (the leading ones up to the first text column: the swept
 * value and the engine) repeated in each part, and the other columns shared out evenly, so every
 * part fits the text column and each row can still be read on its own.
 */
export function columnGroups(b: Extract<Block, { kind: 'table' }>): number[][] {
  const all = b.head.map((_, i) => i);
  if (b.head.length <= MAX_HTML_COLUMNS) return [all];
  const firstText = all.find((i) => !b.numeric?.[i]) ?? 0;
  const keys = all.slice(0, firstText + 1);
  const rest = all.slice(firstText + 1);
  const parts = Math.ceil(rest.length / (MAX_HTML_COLUMNS - keys.length));
  const size = Math.ceil(rest.length / parts);
  return Array.from({ length: parts }, (_, p) => [...keys, ...rest.slice(p * size, (p + 1) * size)]);
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}${b.id ? ` id="${escHtml(b.id)}"` : ''}>${escHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}>${inlines(b.inlines)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${inlines(item)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const tables = columnGroups(b).map((cols) => {
        const head = cols.map((i) => `<th${b.numeric?.[i] ? ' class="num"' : ''}>${escHtml(b.head[i] as string)}</th>`).join('');
        const rows = b.rows.map((r) => `<tr>${cols.map((i) => (r[i] ? cell(r[i], b.numeric?.[i]) : '<td></td>')).join('')}</tr>`).join('\n');
        return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
      });
      return `<div class="table-wrap"${b.id ? ` id="${escHtml(b.id)}"` : ''}>${tables.join('\n')}</div>`;
    }
    case 'figure': {
      // The SVG is inlined (no external file, so the page opens offline); the XML prolog, if any, is dropped.
      const svg = b.svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg /, `<svg role="img" aria-label="${escHtml(b.title)}" `);
      // One figcaption per figure (HTML allows no more): the numbered title goes above as a paragraph.
      return `<figure id="${escHtml(b.id)}" class="chart">\n<p class="fig-title">${escHtml(b.title)}</p>\n${svg}\n<figcaption>${escHtml(b.caption)}</figcaption>\n</figure>`;
    }
  }
}

/** Styles of the report page: plain, printable, readable when projected; no external resource. */
const CSS = `
:root { color-scheme: light; }
body { font-family: "Schedbench Noto Sans SC", "Noto Sans", "DejaVu Sans", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.9rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.45rem; margin-top: 2.75rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.75rem; }
p.note { color: #444; font-size: 0.92rem; }
.table-wrap { overflow-x: auto; margin: 0.75rem 0 1.25rem; }
table { border-collapse: collapse; font-size: 0.92rem; max-width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { hyphens: auto; }
.table-wrap table + table { margin-top: 0.6rem; }
th { background: #f2f2f2; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.censored { background: #fff4d6; }
#course-table td:first-child { white-space: nowrap; }
#course-table { font-size: 0.86rem; }
#course-table td:not(:first-child) { min-width: 8.5rem; }
td.better { background: #d9f2e3; font-weight: 600; }
td.worse { background: #fadbd8; font-weight: 600; }
figure.chart { margin: 1.5rem 0 2rem; page-break-inside: avoid; break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.92rem; color: #333; margin-top: 0.35rem; }
p.fig-title { font-weight: 600; font-size: 1rem; color: #1a1a1a; margin: 0 0 0.4rem; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.88em; background: #f4f4f4; padding: 0 0.2em; word-break: break-all; }
a { color: #0059a0; }
@media print { body { max-width: none; margin: 0; } a { color: inherit; } }
`;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no external resource.
 * `fontCss` is added to the styles: the embedded CJK font of a Chinese report (cjk-font.ts).
 */
export function renderHtml(doc: ReportDoc, fontCss = ''): string {
  return `<!DOCTYPE html>
<html lang="${escHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escHtml(doc.title)}</title>
<style>${fontCss ? `${fontCss}\n` : ''}${CSS}</style>
</head>
<body>
<h1>${escHtml(doc.title)}</h1>
${doc.blocks.map(block).join('\n')}
</body>
</html>
`;
}

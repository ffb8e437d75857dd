import { type Block, type Cell, type Inline, type ReportDoc } from './doc.js';

/** Escapes the characters Markdown would read as syntax in running text. */
function esc(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function inline(i: Inline): string {
  if (typeof i === 'string') return esc(i);
  switch (i.kind) {
    case 'link':
      return `[${esc(i.text)}](${i.href})`;
    case 'code':
      // A pipe would end a table cell even inside a code span; GitHub reads \| there as a pipe.
      return `\`${i.text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
    case 'strong':
      return `**${esc(i.text)}**`;
    case 'foreign':
      return esc(i.text);
  }
}

function inlines(list: readonly Inline[]): string {
  return list.map(inline).join('');
}

function cell(c: Cell): string {
  const text = inlines(c.inlines).replace(/\n/g, ' ');
  return c.mark === 'better' || c.mark === 'worse' ? `**${text}**` : text;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${b.id ? `<a id="${b.id}"></a>\n\n` : ''}${'#'.repeat(b.level)} ${esc(b.text)}`;
    case 'paragraph':
      return b.note ? `*${inlines(b.inlines)}*` : inlines(b.inlines);
    case 'list':
      return b.items.map((item) => `- ${inlines(item)}`).join('\n');
    case 'table': {
      const head = `| ${b.head.map(esc).join(' | ')} |`;
      const rule = `|${b.head.map((_, i) => (b.numeric?.[i] ? '---:' : '---')).join('|')}|`;
      const rows = b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
      return `${b.id ? `<a id="${b.id}"></a>\n\n` : ''}${[head, rule, ...rows].join('\n')}`;
    }
    case 'figure':
      return `<a id="${b.id}"></a>\n\n**${esc(b.title)}**\n\n![${esc(b.title)}](${b.file})\n\n*${esc(b.caption)}*`;
  }
}

/** The report as Markdown (GitHub flavour: tables, explicit anchors before linked headings and figures). */
export function renderMarkdown(doc: ReportDoc): string {
  return `# ${esc(doc.title)}\n\n${doc.blocks.map(block).join('\n\n')}\n`;
}

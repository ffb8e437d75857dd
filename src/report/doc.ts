/**
 * The report as a small document tree, built once per language and written out twice (Markdown and
 * HTML) so that both files always say the same thing.
 */
export type Inline =
  | string
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  /** Text in another language than the report's (scenario authors' text), marked for screen readers. */
  | { readonly kind: 'foreign'; readonly lang: string; readonly text: string };

/** A table cell; `mark` highlights it (comparison differences, censored values). */
export interface Cell {
  readonly inlines: readonly Inline[];
  readonly mark?: 'better' | 'worse' | 'censored';
}

/** A figure: a chart rendered to SVG, saved as `file` (relative to the report) and inlined in HTML. */
export interface Figure {
  readonly kind: 'figure';
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly caption: string;
  readonly file: string;
  readonly svg: string;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[]; readonly note?: boolean }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly Cell[])[];
      readonly id?: string;
      readonly numeric?: readonly boolean[];
    }
  | Figure;

/** A whole report: a title and its blocks. */
export interface ReportDoc {
  readonly lang: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** A cell of plain text. */
export function textCell(text: string, mark?: Cell['mark']): Cell {
  return mark ? { inlines: [text], mark } : { inlines: [text] };
}

/** Plain text of inlines (for alt text and tests). */
export function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (typeof i === 'string' ? i : i.text)).join('');
}

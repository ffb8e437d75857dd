import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

/**
 * A Chinese report must read on a machine without a CJK font (a lecture-hall PC, a fresh Linux
 * install): there the browser draws boxes ("tofu"). So the page carries its own font: Noto Sans SC
 * (© Google, SIL Open Font License 1.1, shipped by the npm package @fontsource/noto-sans-sc), cut
 * down to exactly the glyphs the page uses, inlined as WOFF2 data URLs. The package splits the
 * font by unicode-range into about a hundred chunks; only chunks holding a used character are read,
 * each is subset to the used characters with harfbuzz (subset-font), and each becomes one
 * @font-face of the same family with a unicode-range of those characters. The same text gives
 * the same bytes (harfbuzz and brotli are deterministic), so the report stays reproducible.
 */

/** The family name of the embedded font, listed in the page's and the charts' font stacks. */
export const CJK_FAMILY = 'Schedbench Noto Sans SC';

/** Characters the Latin fonts do not cover and the embedded font should: CJK, kana, full-width forms. */
function needsCjkFont(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x20000 && code <= 0x2fa1f)
  );
}

/** The distinct characters of `text` that need the CJK font, in code point order. */
export function cjkCodePoints(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (needsCjkFont(code)) set.add(code);
  }
  return [...set].sort((a, b) => a - b);
}

/** One chunk of the packaged font: its file and the code point ranges it covers. */
interface Chunk {
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

/** The regular-weight chunks of the packaged font, read from the package's own 400.css. */
function chunks(): Chunk[] {
  const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css');
  const text = readFileSync(css, 'utf8');
  const out: Chunk[] = [];
  for (const face of text.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = face[1] as string;
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a as string, 16), parseInt(b ?? (a as string), 16)];
    });
    out.push({ file: join(dirname(css), file), ranges });
  }
  return out;
}

/** CSS unicode-range of a sorted list of code points, consecutive ones merged. */
function unicodeRange(codes: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && (codes[j + 1] as number) === (codes[j] as number) + 1) j++;
    const a = (codes[i] as number).toString(16);
    parts.push(j > i ? `U+${a}-${(codes[j] as number).toString(16)}` : `U+${a}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * @font-face rules embedding the subset of Noto Sans SC that `text` needs, or '' when the text has
 * no CJK character (an English report embeds nothing).
 */
export async function cjkFontCss(text: string): Promise<string> {
  const codes = cjkCodePoints(text);
  if (codes.length === 0) return '';
  const rules: string[] = [
    `/* ${CJK_FAMILY}: a subset of Noto Sans SC (c) Google, SIL Open Font License 1.1 (https://openfontlicense.org), from @fontsource/noto-sans-sc */`,
  ];
  const left = new Set(codes);
  for (const chunk of chunks()) {
    const mine = codes.filter((c) => left.has(c) && chunk.ranges.some(([a, b]) => c >= a && c <= b));
    if (mine.length === 0) continue;
    for (const c of mine) left.delete(c);
    const font = await subsetFont(readFileSync(chunk.file), String.fromCodePoint(...mine), { targetFormat: 'woff2' });
    rules.push(
      `@font-face { font-family: '${CJK_FAMILY}'; font-style: normal; font-weight: 400; src: url(data:font/woff2;base64,${font.toString('base64')}) format('woff2'); unicode-range: ${unicodeRange(mine)}; }`,
    );
  }
  return rules.join('\n');
}

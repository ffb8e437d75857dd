/**
 * Approximate rendered width of a label, in pixels, for a sans-serif font (metrics close to DejaVu
 * Sans and Noto Sans). Vega lays out axes and legends from text widths; without a canvas in Node it
 * guesses 0.8 em for every character, which is far too wide for Latin text (titles get pushed away,
 * labels cut short) and too narrow for Chinese. A per-character-class table is closer on both, and
 * it is a pure function, so the SVG stays byte-identical from run to run.
 */
export function approximateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize * (bold ? 1.08 : 1);
}

const NARROW = new Set([...'iljtfrI.,:;|!\'"()[]` ']);
const WIDE = new Set([...'mwMW@%']);

function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  // CJK ideographs, kana, Hangul, full-width forms and CJK punctuation take a full em.
  if (
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xffef)
  )
    return 1;
  if (NARROW.has(ch)) return 0.32;
  if (WIDE.has(ch)) return 0.9;
  if (ch >= '0' && ch <= '9') return 0.62;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch >= 'a' && ch <= 'z') return 0.57;
  if (ch === '—' || ch === '–' || ch === '…') return ch === '–' ? 0.5 : 1;
  return 0.6;
}

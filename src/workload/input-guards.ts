/*
 * Cheap, linear scans that turn hostile input away before the YAML parser sees it: the parser
 * recurses on nesting and can exhaust the stack or memory on a few hundred KB of brackets or
 * dashes. Each scan is a single pass with no recursion and no regular expressions over the text.
 */

/**
 * The deepest bracket nesting of flow collections (`[`/`{`) outside quotes, and its line. Block
 * nesting needs indentation and cannot get deep within the size limit cheaply, so flow brackets
 * are what hostile input uses; counting them is linear and needs no recursion.
 */
export function nestingDepth(text: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let maxLine = 1;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) comment = true;
    else if (c === '"' || (c === "'" && depth > 0)) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        maxLine = line;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth: max, line: maxLine };
}

/** The widest run of spaces and block indicators at the start of a line, and its line. */
export function deepestIndent(text: string): { width: number; line: number } {
  let width = 0;
  let line = 1;
  let current = 0;
  let counting = true;
  let lineNo = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineNo++;
      current = 0;
      counting = true;
    } else if (counting && (c === ' ' || c === '-' || c === '?' || c === ':')) {
      current++;
      if (current > width) {
        width = current;
        line = lineNo;
      }
    } else {
      counting = false;
    }
  }
  return { width, line };
}

/** Offset of the first byte that is not part of well-formed UTF-8, or undefined. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → number of continuation bytes and the smallest code point that needs them (no overlongs).
    const [extra, min] = b >= 0xc2 && b <= 0xdf ? [1, 0x80] : b >= 0xe0 && b <= 0xef ? [2, 0x800] : b >= 0xf0 && b <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (extra === 0) return i;
    if (i + extra >= bytes.length) return i; // truncated sequence at the end
    let cp = b & (0xff >> (extra + 2));
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return undefined;
}

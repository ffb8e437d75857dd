import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import { type DocPath } from './scenario-error.js';

/** A 1-based line and column in a scenario file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps field paths of a parsed YAML (or JSON) document to where they are written. A path that does
 * not exist in the file (a missing field) maps to the nearest enclosing node that does, so an
 * error always points somewhere useful.
 */
export interface SourceMap {
  locate(path: DocPath, atKey?: boolean): SourcePosition | undefined;
}

/** Builds a {@link SourceMap} over a document parsed with a LineCounter. */
export function createSourceMap(doc: Document, lines: LineCounter): SourceMap {
  const at = (offset: number | undefined): SourcePosition | undefined => {
    if (offset === undefined) return undefined;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    locate(path, atKey = false) {
      let node: unknown = doc.contents;
      let best = rangeStart(node);
      for (let i = 0; i < path.length; i++) {
        const part = path[i] as string | number;
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(part));
          if (!pair) break;
          if (last && atKey) return at(rangeStart(pair.key) ?? best);
          node = pair.value;
          // An empty value (`key:`) has no node of its own: point at the key.
          best = rangeStart(node) ?? rangeStart(pair.key) ?? best;
        } else if (isSeq(node) && typeof part === 'number') {
          const item = node.items[part];
          if (item === undefined) break;
          node = item;
          best = rangeStart(node) ?? best;
        } else {
          break;
        }
      }
      return at(best);
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

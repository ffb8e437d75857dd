import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { formatPath, type DocPath, type ScenarioError } from './scenario-error.js';

/**
 * Finds keys written twice in one mapping (YAML and JSON both let the last one win silently, which
 * hides mistakes). The yaml package can check this itself, but its check compares every key with
 * every other (quadratic: a hostile file of 100 000 keys takes minutes); this walk keeps a set per
 * mapping and an explicit stack, so it is linear and cannot overflow the call stack.
 */
export function duplicateKeyErrors(doc: Document, lines: LineCounter, file: string, limit: number): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const stack: { node: unknown; path: DocPath }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0 && errors.length < limit) {
    const { node, path } = stack.pop() as { node: unknown; path: DocPath };
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) {
          const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          const pos = lines.linePos(offset);
          errors.push({ file, line: pos.line, column: pos.col, path: formatPath([...path, key]), message: 'duplicate key (the same mapping already has it)' });
        }
        seen.add(key);
        stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return errors;
}

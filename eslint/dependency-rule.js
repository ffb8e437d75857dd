// The lint rule `layers/dependency-rule`: every import, export-from and dynamic import of a file in src/
// must keep DESIGN.md §2's table (eslint/layers.js). Paths are resolved, so an engine folder added later
// is isolated from the others with no edit here.
import { importViolation } from './layers.js';

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the layer table of DESIGN.md §2 (eslint/layers.js)' },
    messages: { forbidden: 'DESIGN.md §2: {{why}}' },
    schema: [],
  },
  create(context) {
    /** @param {import('estree').Node & { source?: unknown }} node */
    const check = (node) => {
      const source = /** @type {{ type?: string; value?: unknown } | null | undefined} */ (node.source);
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const why = importViolation(context.filename, source.value);
      if (why !== undefined) context.report({ node, messageId: 'forbidden', data: { why } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/** The plugin eslint.config.js registers as `layers`. */
export const layersPlugin = { rules: { 'dependency-rule': dependencyRule } };

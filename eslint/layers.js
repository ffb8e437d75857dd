// The one table of DESIGN.md §2: which layer of src/ may import which. eslint.config.js turns it into a
// lint rule (`layers/dependency-rule`) and test/lint/dependency-rule.test.ts checks every file of src/
// against it; both call `importViolation`, so the two can never disagree.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The absolute path of src/. */
export const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Stands for every folder under src/engines/ except `kit`: each is one engine. */
export const ENGINE_FOLDER = 'engines/<engine>';

/**
 * Each layer: what it may import besides itself, and whether it may use `node:*` built-ins. A layer is
 * a top-level folder of src/, except under engines/: `engines/engine.ts` is the contract,
 * `engines/registry.ts` the registry, `engines/kit/` the shared building blocks and every other folder
 * an engine. `metrics/events.ts` is a layer of its own: the event vocabulary engines may speak.
 * @type {Readonly<Record<string, { readonly mayImport: readonly string[]; readonly node: boolean; readonly deterministic: boolean }>>}
 */
export const LAYERS = {
  sim: { mayImport: [], node: false, deterministic: true },
  cluster: { mayImport: ['sim'], node: false, deterministic: true },
  intents: { mayImport: ['sim', 'cluster'], node: false, deterministic: true },
  'metrics/events': { mayImport: ['sim', 'cluster'], node: false, deterministic: true },
  metrics: { mayImport: ['sim', 'cluster', 'intents', 'metrics/events'], node: false, deterministic: true },
  workload: { mayImport: ['sim', 'cluster', 'intents'], node: true, deterministic: true },
  'engines/engine.ts': { mayImport: ['sim', 'cluster', 'intents', 'metrics/events'], node: false, deterministic: true },
  'engines/kit': { mayImport: ['engines/engine.ts', 'sim', 'cluster', 'intents', 'metrics/events'], node: false, deterministic: true },
  [ENGINE_FOLDER]: { mayImport: ['engines/engine.ts', 'engines/kit', 'sim', 'cluster', 'intents', 'metrics/events'], node: false, deterministic: true },
  'engines/registry.ts': { mayImport: ['engines/engine.ts', ENGINE_FOLDER], node: false, deterministic: true },
  runner: {
    mayImport: ['sim', 'cluster', 'intents', 'metrics/events', 'metrics', 'workload', 'engines/engine.ts', 'engines/registry.ts'],
    node: true,
    deterministic: false,
  },
  report: { mayImport: ['metrics/events', 'metrics', 'runner'], node: true, deterministic: false },
  cli: { mayImport: ['runner', 'report', 'workload', 'engines/registry.ts'], node: true, deterministic: false },
};

/**
 * The layer of a file, from its path relative to src/ (with `/`); `engines/mesos` for a file of the
 * mesos engine (the table knows it as {@link ENGINE_FOLDER}).
 * @param {string} rel
 * @returns {string}
 */
export function layerOf(rel) {
  const parts = rel.split('/');
  if (parts[0] === 'metrics' && parts[1] === 'events.ts') return 'metrics/events';
  if (parts[0] === 'engines' && parts.length > 1) return `engines/${parts[1]}`;
  return parts[0] ?? rel;
}

/**
 * The row of the table that rules a layer: an engine folder's layer is ruled by {@link ENGINE_FOLDER}.
 * @param {string} layer
 * @returns {string}
 */
export function ruleOf(layer) {
  if (layer.startsWith('engines/') && !layer.endsWith('.ts') && !(layer in LAYERS)) return ENGINE_FOLDER;
  return layer;
}

/**
 * Why an import breaks the rule, or undefined when it keeps it. `fromFile` is absolute; `specifier` is
 * the text of the import. Only relative imports and `node:*` are checked (packages are free).
 * @param {string} fromFile
 * @param {string} specifier
 * @returns {string | undefined}
 */
export function importViolation(fromFile, specifier) {
  const rel = relative(SRC, fromFile).split(sep).join('/');
  if (rel.startsWith('..')) return undefined;
  const from = layerOf(rel);
  const rule = LAYERS[ruleOf(from)];
  if (rule === undefined) return `${rel}: its layer "${from}" is not in the table of eslint/layers.js`;
  if (specifier.startsWith('node:')) return rule.node ? undefined : `${from} may not use node built-ins (${specifier})`;
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(SRC, resolve(dirname(fromFile), specifier.replace(/\.js$/, '.ts')))
    .split(sep)
    .join('/');
  if (target.startsWith('..')) return undefined;
  const to = layerOf(target);
  if (to === from) return undefined;
  const allowed = rule.mayImport.some((l) => l === to || (l === ENGINE_FOLDER && ruleOf(to) === ENGINE_FOLDER));
  return allowed ? undefined : `${from} may not import ${to} (${specifier})`;
}

/** Globs of the files of the deterministic layers (no wall clock, no timers, no Math.random). */
export const DETERMINISTIC_FILES = Object.entries(LAYERS)
  .filter(([, rule]) => rule.deterministic)
  .map(([layer]) =>
    layer === ENGINE_FOLDER
      ? 'src/engines/*/**'
      : layer === 'metrics/events'
        ? 'src/metrics/events.ts'
        : layer.endsWith('.ts')
          ? `src/${layer}`
          : `src/${layer}/**`,
  );

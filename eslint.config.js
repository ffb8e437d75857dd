// Lint: typescript-eslint's recommended rules, plus DESIGN.md §2's dependency rule (one table,
// eslint/layers.js, read by this file and by test/lint/dependency-rule.test.ts) and the ban on wall
// clock, timers and Math.random inside the deterministic layers.
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/dependency-rule.js';
import { DETERMINISTIC_FILES } from './eslint/layers.js';

const wallClockGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'performance', 'process'].map((name) => ({
  name,
  message: 'virtual time only: the deterministic layers never read the wall clock or use timers',
}));

const wallClockProperties = [
  { object: 'Math', property: 'random', message: 'use the seeded Rng passed in (sim/rng.ts)' },
  { object: 'Date', property: 'now', message: 'virtual time only: use ctx.now() / sim.now()' },
  { object: 'performance', property: 'now', message: 'virtual time only' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Small files with one concept each and functions that read in one sitting (the house's caps: a
    // file of src/ ≤ 400 lines, a function ≤ 80, blank lines and comments not counted). Warnings: a
    // function over the cap says why at its top (`scripts/long-functions.ts` lists them with reasons).
    files: ['src/**'],
    rules: {
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Every layer, engine folders included (each folder under src/engines/ but kit is an engine).
    files: ['src/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/dependency-rule': 'error' },
  },
  {
    files: [...DETERMINISTIC_FILES],
    rules: {
      'no-restricted-globals': ['error', ...wallClockGlobals],
      'no-restricted-properties': ['error', ...wallClockProperties],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'virtual time only: no new Date()' }],
    },
  },
);

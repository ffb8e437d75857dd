// Lint: typescript-eslint's recommended rules, plus DESIGN.md §2's dependency rule and the ban
// on wall clock, timers and Math.random inside the deterministic layers.
import tseslint from 'typescript-eslint';

const DETERMINISTIC = ['src/sim/**', 'src/cluster/**', 'src/engines/**', 'src/workload/**', 'src/metrics/**'];

const wallClockGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'performance', 'process'].map((name) => ({
  name,
  message: 'virtual time only: the deterministic layers never read the wall clock or use timers',
}));

const wallClockProperties = [
  { object: 'Math', property: 'random', message: 'use the seeded Rng passed in (sim/rng.ts)' },
  { object: 'Date', property: 'now', message: 'virtual time only: use ctx.now() / sim.now()' },
  { object: 'performance', property: 'now', message: 'virtual time only' },
];

/** Forbidden import patterns per layer (DESIGN.md §2). */
const layers = {
  'src/sim/**': ['**/cluster/**', '**/metrics/**', '**/workload/**', '**/engines/**', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'],
  'src/cluster/**': ['**/metrics/**', '**/workload/**', '**/engines/**', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'],
  // workload/intents.ts is a types-only contract module (what the harness hands engines and the
  // observer); metrics and engines may import its types, nothing else of workload.
  'src/metrics/**': [['**/workload/**', '!**/workload/intents*'], '**/engines/**', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'],
  'src/workload/**': ['**/metrics/**', '**/engines/**', '**/runner/**', '**/report/**', '**/cli/**'],
  'src/engines/engine.ts': ['**/engines/*/**', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'],
  'src/engines/*/**': ['**/workload/schema*', '**/workload/load*', '**/workload/expand*', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'],
  'src/runner/**': ['**/report/**', '**/cli/**', '**/engines/*/**'],
  'src/report/**': ['**/engines/**', '**/sim/event-queue*', '**/sim/simulator*', '**/cli/**'],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...Object.entries(layers).map(([files, patterns]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: Array.isArray(group) ? group : [group], message: 'DESIGN.md §2: this layer may not import that' })) }],
    },
  })),
  {
    // One engine folder never imports another: each engine imports only engine.ts, sim, cluster, metrics/events.
    files: ['src/engines/kubernetes/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/mesos/**', '**/oracle/**', '**/faulty/**', '**/workload/schema*', '**/workload/load*', '**/workload/expand*', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'], message: 'DESIGN.md §2: engines are independent' }] }] },
  },
  {
    files: ['src/engines/mesos/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/kubernetes/**', '**/oracle/**', '**/faulty/**', '**/workload/schema*', '**/workload/load*', '**/workload/expand*', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'], message: 'DESIGN.md §2: engines are independent' }] }] },
  },
  {
    files: ['src/engines/oracle/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/kubernetes/**', '**/mesos/**', '**/faulty/**', '**/workload/schema*', '**/workload/load*', '**/workload/expand*', '**/runner/**', '**/report/**', '**/cli/**', 'node:*'], message: 'DESIGN.md §2: engines are independent' }] }] },
  },
  {
    files: DETERMINISTIC,
    rules: {
      'no-restricted-globals': ['error', ...wallClockGlobals],
      'no-restricted-properties': ['error', ...wallClockProperties],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'virtual time only: no new Date()' }],
    },
  },
);

import { defineConfig } from 'vitest/config';

/** Long property runs: `npm run test:props` (SCHEDBENCH_PROPS=long, runs set by SCHEDBENCH_PROP_RUNS). */
export default defineConfig({
  test: {
    include: ['test/**/*.props.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});

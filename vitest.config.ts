import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Long property runs have their own config (vitest.props.config.ts, `npm run test:props`).
    exclude: ['**/node_modules/**', 'test/**/*.props.test.ts'],
    // Property tests run in the default suite with few runs; `npm run test:props` runs them long.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

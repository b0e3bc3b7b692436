import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A guard against a hung test, not a speed check: end-to-end tests start the CLI several times and
    // must pass on a loaded 2-core machine, so the limit is generous. No test asserts a wall time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

// Test files run in separate forked processes; each one that touches Postgres or Redis
// creates its own database / key prefix (see src/test-support), so files may run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'solver/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});

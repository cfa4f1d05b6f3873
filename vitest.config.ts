import { defineConfig } from 'vitest/config';

// One run covers unit tests beside the code, the Kubernetes conformance suite, platform API tests and
// browser tests. Integration suites start their own servers on free ports, so files may run in parallel.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'packages/*/test/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,trainer,sdk,infra,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // two cores: tfjs suites compete for them, so keep the fan-out small
    maxWorkers: 2,
  },
});

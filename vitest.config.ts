import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest leaves a core free by default: on a 2-core machine that is one test file at a time, while the
    // longest files (detection on simulated dumps, CLI runs) spend much of their time in child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration files start servers and processes of their own: two test files at a time fit a
    // 2-core machine; tests inside a file run one after another.
    maxWorkers: 2,
    minWorkers: 1,
    // s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy
    // provider (jamhall/s3rver#818): tests that page through s3rver listings need it.
    poolOptions: { forks: { execArgv: ['--openssl-legacy-provider'] } },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts'],
          testTimeout: 30_000,
          // Opening and migrating an embedded PGlite database takes seconds, more on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: pure code (parsers, chunking, linking, query builders and their Cypher, config, bench
 * helpers), no Neo4j, Java or model, files in parallel. `db`: the real managed Neo4j and the real model
 * (integration, API, browser), started once by the global setup, one file at a time.
 */
const UNIT_TESTS = [
  'test/ingest/**/*.test.ts',
  'test/queries/**/*.test.ts',
  'test/unit/**/*.test.ts',
  'test/bench/**/*.test.ts',
];
const DB_TESTS = ['test/integration/**/*.test.ts', 'test/api/**/*.test.ts', 'test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          // Pure files share nothing but imports: threads without per-file isolation halve the tier's CPU time.
          pool: 'threads',
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: DB_TESTS,
          globalSetup: ['test/support/global-setup.ts'],
          // Community Edition has one user database: files that write to it run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

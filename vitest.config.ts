import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql in tests, as under Node: Vite would resolve our imports to graphql's ESM build while Apollo's
  // CommonJS packages load the CommonJS one, and a schema from one copy cannot be run by the other.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/**/e2e/**'],
    globalSetup: ['test/browser/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});

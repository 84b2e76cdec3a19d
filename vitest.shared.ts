import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources
 * (the `@lola-ts/source` export condition), so tests never need a prior build.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@lola-ts/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@lola-ts/source', 'module', 'node', 'import', 'default'], externalConditions: ['@lola-ts/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});

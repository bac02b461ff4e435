// Test projects: Node services (real HTTP, real files, real keychain) and Svelte components (jsdom).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * Time limits that only catch a hang: many tests start real processes, servers and the whole App, and a loaded 2-core CI
 * runner took more than 20 s (and 10 s for a setup hook) where a quiet one takes 8. Speed is measured by `npm run bench`.
 */
const hangGuards = { testTimeout: 60_000, hookTimeout: 60_000, setupFiles: ['test/unit/wait-defaults.ts'] };

export default defineConfig({
  root: resolve(import.meta.dirname, '..'),
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/src-renderer/**', 'test/unit/keychain-system/**'],
          // renderer-csp and bridge-fuzz read the built app: built here when out/ is missing or stale.
          globalSetup: ['test/unit/build-once.ts'],
          ...hangGuards,
        },
      },
      {
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['test/unit/keychain-system/**/*.test.ts'],
          ...hangGuards,
        },
      },
      {
        plugins: [svelte({ configFile: false, compilerOptions: { dev: true } }), svelteTesting()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/src-renderer/**/*.test.ts'],
          ...hangGuards,
        },
      },
    ],
  },
});

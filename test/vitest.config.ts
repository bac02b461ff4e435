// Test projects: Node services (real HTTP, real files, real keychain) and Svelte components (jsdom).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

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
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['test/unit/keychain-system/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [svelte({ configFile: false, compilerOptions: { dev: true } }), svelteTesting()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/src-renderer/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});

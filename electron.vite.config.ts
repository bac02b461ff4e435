// Build config for the three runtimes, with the client's fixed folder names.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(root, 'src-main/index.ts') },
      rolldownOptions: { external: ['keytar', 'electron-store', 'electron'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(root, 'src-preload/index.ts'), formats: ['cjs'] },
      externalizeDeps: { exclude: ['zod'] },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [svelte({ configFile: false, emitCss: true })],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      cssCodeSplit: false,
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});

// Build config for the three runtimes, with the client's fixed folder names.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { runtimeExternals } from './resources/packaging/shipped-modules.mjs';
import { buildCli } from './resources/cli/build-cli.mjs';

const root = import.meta.dirname;

/** The page's policy while electron-vite's dev server serves it: Svelte injects component styles and Vite reloads over a loopback websocket. */
export const devContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; base-uri 'none'; form-action 'none'";

/** `npm run dev` only: swaps the strict CSP meta for the dev policy; `apply: 'serve'` keeps it out of every build. */
export function devCsp(): Plugin {
  return {
    name: 'cloudmc-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(
        /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i,
        (_m, open: string, close: string) => `${open}${devContentSecurityPolicy}${close}`,
      ),
  };
}

/** Builds the command line's bundled entry (out/cli/cloudmc.mjs, what `npm run cli` runs) once main's build is written. */
function cliBundle(): Plugin {
  return { name: 'cloudmc-cli-bundle', apply: 'build', closeBundle: async () => void (await buildCli(root, { clean: true })) };
}

export default defineConfig({
  main: {
    plugins: [cliBundle()],
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(root, 'src-main/index.ts') },
      // Every dependency is bundled (zod, electron-store, conf...) except the few loaded from node_modules at run time (shipped-modules.mjs).
      externalizeDeps: false,
      rolldownOptions: { external: ['electron', ...runtimeExternals, ...runtimeExternals.map((name) => new RegExp(`^${name}/`))] },
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
    plugins: [svelte({ configFile: false, emitCss: true }), devCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      cssCodeSplit: false,
      // electron-vite leaves the renderer unminified by default; minified, the start-up JS is smaller to read and parse (issue 22).
      minify: true,
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});

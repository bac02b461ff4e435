// The command line's bundled entry for a checkout: src-main/cli/main.ts and everything it imports (but keytar, native) in one ES module,
// out/cli/cloudmc.mjs, so that `npm run cli` starts plain Node on JavaScript instead of compiling TypeScript at each call.
// electron-vite builds it with the app (electron.vite.config.ts); cli-launch.mjs rebuilds it when a source is newer.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** The bundle's path under `root`. */
export const cliBundlePath = (root) => path.join(root, 'out', 'cli', 'cloudmc.mjs');

/** What the bundle is built from: a newer file among these makes it stale. */
export const cliSources = (root) => ['src-main', 'src-preload', 'package.json'].map((f) => path.join(root, f));

/** Bundles the command line into out/cli/cloudmc.mjs and its chunks (ES modules, Node target, keytar left to node_modules). */
export async function buildCli(root) {
  const outfile = cliBundlePath(root);
  const outdir = path.dirname(outfile);
  // No chunk of an earlier build left behind.
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { cloudmc: path.join(root, 'src-main', 'cli', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    // What main.ts imports dynamically (the services, conf) is a chunk loaded only when a command needs it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['keytar', 'electron'],
    // Bundled CommonJS dependencies call require(): give the module one.
    banner: { js: "import { createRequire as __cloudmcCreateRequire } from 'node:module'; const require = __cloudmcCreateRequire(import.meta.url);" },
    logLevel: 'silent',
    legalComments: 'none',
    minify: true,
    keepNames: true,
  });
  return outfile;
}

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

/**
 * Bundles the command line into out/cli/cloudmc.mjs and its chunks (ES modules, Node target, keytar left to node_modules).
 * Each file is written beside its place then renamed over it, chunks first and the entry last, so a command starting meanwhile
 * (another test, another shell) reads the old bundle or the new one, never half of one. `clean` first removes the folder
 * (electron-vite's build, which nothing runs from meanwhile); the launcher's rebuilds leave older chunks (content-named) in place.
 */
export async function buildCli(root, { clean = false } = {}) {
  const outfile = cliBundlePath(root);
  const outdir = path.dirname(outfile);
  if (clean) fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
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
    write: false,
  });
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  for (const file of files) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, file.contents);
    fs.renameSync(temp, file.path);
  }
  return outfile;
}

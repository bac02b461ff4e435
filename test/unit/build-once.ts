// Vitest globalSetup for the node project: the few tests that read the built app (out/) get a build that matches the sources,
// made once per run and only when out/ is missing or older than a source file (test/run-all.sh has just built: nothing to do).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/cloudmc.mjs'].map((f) => path.join(root, f));
const sources = ['src-main', 'src-preload', 'src-renderer', 'electron.vite.config.ts', 'resources/cli', 'package.json'].map((f) =>
  path.join(root, f),
);

/** The newest modification time among the files under `paths`. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** True when out/ holds a build at least as new as every source. */
export function buildIsFresh(): boolean {
  if (!outputs.every((f) => fs.existsSync(f))) return false;
  const built = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  return built >= newestMtime(sources);
}

/** Builds out/ with electron-vite unless it is fresh. */
export default function setup(): void {
  if (buildIsFresh()) return;
  const run = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`electron-vite build failed (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
}

// Which npm packages the packaged app loads from node_modules at run time: the one list electron.vite.config.ts (main's externals)
// and electron-builder.config.mjs (the node_modules inside app.asar) share. Everything else main imports is bundled into out/main.
import fs from 'node:fs';
import path from 'node:path';

/** Packages main loads from node_modules at run time: keytar is native (its .node cannot be bundled); electron-updater reads its own files. */
export const runtimeExternals = ['keytar', 'electron-updater'];

/** Dependencies keytar declares but needs only while npm installs it (to fetch or compile keytar.node), never at run time. */
export const installOnlyDependencies = ['prebuild-install', 'node-addon-api'];

/** The folder of an installed package as Node would resolve it from `fromDir` (nested node_modules first, then each parent's). */
function packageDir(name, fromDir, root) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return null;
  }
}

/** The names of `names` and of everything they depend on (package.json `dependencies`, transitively), skipping `skip`. */
function dependencyClosure(names, root, skip = []) {
  const seen = new Set();
  const queue = names.map((name) => ({ name, from: root }));
  while (queue.length > 0) {
    const { name, from } = queue.shift();
    if (skip.includes(name)) continue;
    const dir = packageDir(name, from, root);
    if (dir === null || seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir });
  }
  return new Set([...seen].map((dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name));
}

/** The packages the app loads from node_modules at run time: the run-time externals and their dependencies, by name. */
export function packagesShipped(root) {
  return [...dependencyClosure(runtimeExternals, root, installOnlyDependencies)].sort();
}

/** The production packages electron-builder would copy that the app never loads: bundled into out/main, or install-only. */
export function packagesLeftOut(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const installed = dependencyClosure(Object.keys(manifest.dependencies ?? {}), root);
  const loaded = packagesShipped(root);
  return [...installed].filter((name) => !loaded.includes(name)).sort();
}

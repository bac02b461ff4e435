// Issue 22 item 7: the built bundles' sizes (the preload carries names only; the renderer's JS, gzipped), read from the build the bench runs on.
// The renderer's figure is the JS a window loads at start: index.html's scripts and module preloads, and what they import statically;
// chunks only imported on demand (the languages not shown) are printed apart.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Report } from './report';

/** Every `.js` file under `dir` (none when the folder is missing). */
function scriptsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.[cm]?js$/.test(f))
    .map((f) => path.join(dir, f));
}

/** The scripts index.html loads (module scripts, module preloads), then every file they import statically, as absolute paths. */
function startupScripts(rendererDir: string): string[] {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) =>
    path.resolve(rendererDir, m[1]!),
  );
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports only (`import{a}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is loaded on demand.
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return [...seen];
}

const gzipped = (files: string[]): number => files.reduce((sum, f) => sum + gzipSync(fs.readFileSync(f)).length, 0);

/** Prints the preload bundle's size (target ≤ 20 KB), the renderer's start-up JS gzipped (target ≤ 150 KB, held) and its on-demand chunks. */
export async function bundleFigures(report: Report, rendererDir: string, preloadDir: string): Promise<void> {
  report.begin('Bundles (the build the bench runs on)');
  const preload = scriptsUnder(preloadDir).reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const atStart = startupScripts(rendererDir);
  const later = scriptsUnder(rendererDir).filter((f) => !atStart.includes(f));
  report.bounded('preload bundle', preload / 1024, 'KB', 20);
  report.bounded('renderer JS (gzip)', gzipped(atStart) / 1024, 'KB', 150);
  report.figure(`  renderer JS loaded on demand (gzip), ${later.length} chunks (languages not shown at start)`, gzipped(later) / 1024, 'KB');
}

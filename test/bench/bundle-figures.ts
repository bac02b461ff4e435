// Issue 22 item 7: the built bundles' sizes (the preload carries names only; the renderer's JS, gzipped), read from the build the bench runs on.
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

/** Prints the preload bundle's size (target ≤ 20 KB) and the renderer's JS gzipped (target ≤ 150 KB, held). */
export async function bundleFigures(report: Report, rendererDir: string, preloadDir: string): Promise<void> {
  report.begin('Bundles (the build the bench runs on)');
  const preload = scriptsUnder(preloadDir).reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const renderer = scriptsUnder(rendererDir).reduce((sum, f) => sum + gzipSync(fs.readFileSync(f)).length, 0);
  report.bounded('preload bundle', preload / 1024, 'KB', 20);
  report.bounded('renderer JS (gzip)', renderer / 1024, 'KB', 150);
}

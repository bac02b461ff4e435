// A private copy of the built renderer for one bench run: the app's script gets a start mark as its first statement, and the floor page sits beside it.
import fs from 'node:fs';
import path from 'node:path';

const floorDir = path.join(import.meta.dirname, 'floor-page');
/** Where the floor page is served from, relative to the web host's root. */
export const floorPagePath = '/bench-floor.html';
/** The probe to inject into every page before its scripts (page.addInitScript({ path })). */
export const probeScriptPath = path.join(floorDir, 'probe.js');
/** The mark the app's copied script and the floor page's script both set first (the probe reads it). */
export const scriptStartMark = 'cloudmc-bench:script-start';

/**
 * Copies `rendererDir` into `into` (a run's own copy: a rebuild of out/renderer during the run changes nothing), prepends
 * `performance.mark(scriptStartMark)` to the module script index.html loads, and adds the floor page and its script.
 */
export function prepareRendererCopy(rendererDir: string, into: string): void {
  fs.cpSync(rendererDir, into, { recursive: true });
  const html = fs.readFileSync(path.join(into, 'index.html'), 'utf8');
  const src = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`no module script in ${path.join(rendererDir, 'index.html')}`);
  const entry = path.join(into, src);
  const code = fs.readFileSync(entry, 'utf8');
  // A static import would run its module before the mark: the bundle has none today; say so if that changes.
  if (/^import[\s{*"']/m.test(code)) throw new Error(`${src} has static imports: the start mark would no longer be the first thing it runs`);
  fs.writeFileSync(entry, `performance.mark(${JSON.stringify(scriptStartMark)});\n${code}`);
  fs.copyFileSync(path.join(floorDir, 'floor.html'), path.join(into, floorPagePath.slice(1)));
  fs.copyFileSync(path.join(floorDir, 'floor.js'), path.join(into, 'bench-floor.js'));
}

// `npm run cli -- ...`: runs the bundled command line (out/cli/cloudmc.mjs), first rebuilding it (esbuild, well under a second)
// when it is missing or older than a source, so a checkout never runs a stale bundle nor compiles TypeScript at each call.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBundlePath, cliSources } from './build-cli.mjs';

const root = path.resolve(import.meta.dirname, '../..');

/** True when some file under `p` was modified after `time`. */
function newerThan(p, time) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return fs.readdirSync(p).some((name) => newerThan(path.join(p, name), time));
}

const bundle = cliBundlePath(root);
const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : -1;
if (built < 0 || cliSources(root).some((p) => newerThan(p, built))) await (await import('./build-cli.mjs')).buildCli(root);
await import(pathToFileURL(bundle).href);

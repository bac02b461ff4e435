// Issue 21 item 7: how fast the command line starts from a checkout (the bundle `npm run cli` runs, out/cli/) and its size.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { medianOf, type Report } from './report';

/** Wall-clock ms of one `node args...` run to its exit; throws when it exits with another code than `expected`. */
function timeNode(args: string[], expected = 0): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = performance.now() - start;
  if (run.status !== expected) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/** Prints `--version` and a command that loads the services, each above node's own start (`node -e 0`, runs interleaved), and the bundle's size. */
export function cliFigures(report: Report, bundleDir: string, runs: number): void {
  report.begin('Command line (the bundle `npm run cli` runs)');
  const entry = path.join(bundleDir, 'cloudmc.mjs');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-cli-'));
  const floor: number[] = [];
  const version: number[] = [];
  const command: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      floor.push(timeNode(['-e', '0']));
      version.push(timeNode([entry, '--version']));
      // An empty data folder: exit 3 ("no app data") once the services and the store are loaded.
      command.push(timeNode([entry, '--data-dir', empty, 'profiles', 'list'], 3));
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
  const floorMs = medianOf(floor);
  report.figure(`node's own start, \`node -e 0\` (median of ${runs})`, floorMs, 'ms');
  report.bounded(`CLI start-up: \`--version\` above node's own start (median of ${runs})`, medianOf(version) - floorMs, 'ms', 150);
  report.figure(`CLI start-up: \`profiles list\` (services loaded) above node's own start (median of ${runs})`, medianOf(command) - floorMs, 'ms');
  const files = fs.readdirSync(bundleDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
  const bytes = files.reduce((sum, f) => sum + fs.statSync(path.join(bundleDir, f)).size, 0);
  report.figure(`CLI bundle (out/cli, ${files.length} files)`, bytes / 1024, 'KB');
}

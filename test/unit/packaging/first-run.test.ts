// `npm install && npm start` on a machine where Electron's binary cannot be downloaded (issue 20, item 12): one paragraph saying what
// failed, that the download is needed once, and how to try the app now (`npm run demo`), not a stack trace. `npm run dev` the same.
// The real scripts run through npm; Electron's own install.js really tries the download, from a loopback mirror that answers 503.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let mirror: http.Server;
let mirrorUrl: string;
const requested: string[] = [];
let scratch: string;

beforeAll(async () => {
  mirror = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    res.writeHead(503).end('mirror unavailable');
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-first-run-'));
});
afterAll(async () => {
  await new Promise((resolve) => mirror.close(resolve));
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs `npm run --silent SCRIPT` as on a fresh clone without the binary: an empty dist, an empty download cache, an unreachable mirror. */
function npmRun(script: string): Promise<{ code: number | null; output: string }> {
  const dist = fs.mkdtempSync(path.join(scratch, 'dist-'));
  const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
  const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, electron_config_cache: cache, ELECTRON_MIRROR: mirrorUrl };
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe.each([
  ['start', '`npm start`'],
  ['dev', '`npm run dev`'],
])('npm run %s without Electrons binary and without internet', (script, command) => {
  let run: { code: number | null; output: string };
  beforeAll(async () => {
    requested.length = 0;
    run = await npmRun(script);
  }, 60_000);

  it('tried the download once, through Electron’s own installer', () => {
    expect(
      requested.some((url) => /electron-v[\d.]+-[a-z0-9]+-[a-z0-9]+\.zip$/.test(url)),
      JSON.stringify(requested),
    ).toBe(true);
    expect(fs.existsSync(path.join(root, 'node_modules/electron/path.txt'))).toBe(false); // nothing was written into node_modules
  });

  it('fails with one paragraph: what failed, that it needs internet once, and `npm run demo` to try the app now', () => {
    expect(run.code).toBe(1);
    const paragraph = run.output.slice(run.output.indexOf(command)).trim();
    expect(paragraph.startsWith(`${command} could not start the app: Electron's binary`), run.output).toBe(true);
    expect(paragraph).not.toMatch(/\n\s*\n/); // one paragraph
    expect(paragraph.replaceAll('\n', ' ')).toMatch(
      /downloading it failed \(.+\)\. It is downloaded once, on the first start, and that needs internet access/,
    );
    expect(paragraph.replaceAll('\n', ' ')).toContain('run `npm run demo`: it serves the same app to your browser');
  });

  it('prints no stack trace and none of the advice that cannot work', () => {
    expect(run.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(run.output).not.toMatch(/delete `node_modules\/electron`|install-electron --no|Electron uninstall/);
    expect(run.output).not.toContain('vite'); // stopped before building or starting a dev server
  });
});

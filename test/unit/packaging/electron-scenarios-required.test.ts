// A release run in which every Electron scenario skipped is a failure, not green (issue 20, item 4): with CLOUDMC_REQUIRE_ELECTRON=1
// (set by the release workflow) a scenario file that cannot run here fails to load, and Playwright exits non-zero. Without it, the
// same files skip with their one-line reason, as on every machine without Electron's binary. Playwright runs for real, on this machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const outputs = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-required-'));
afterAll(() => fs.rmSync(outputs, { recursive: true, force: true }));

/** `playwright test --project PROJECT` with the packaged app and Electron's binary absent (as here); returns its exit code and output. */
function playwright(project: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, ELECTRON_OVERRIDE_DIST_PATH: path.join(outputs, 'no-electron-here') };
  delete childEnv['CLOUDMC_PACKAGED_APP'];
  if (!('CLOUDMC_REQUIRE_ELECTRON' in env)) delete childEnv['CLOUDMC_REQUIRE_ELECTRON'];
  const child = spawn(
    path.join(root, 'node_modules/.bin/playwright'),
    [
      'test',
      '--config',
      'test/playwright.config.ts',
      '--project',
      project,
      '--reporter',
      'list',
      '--output',
      fs.mkdtempSync(path.join(outputs, 'out-')),
    ],
    { cwd: root, env: childEnv },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('the packaged-app smoke test where no packaged app exists', () => {
  it('skips with its reason on an ordinary run', async () => {
    const run = await playwright('electron-packaged', {});
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/3 skipped/);
    expect(run.output).toContain('Electron scenarios skipped: No packaged app to smoke-test: set CLOUDMC_PACKAGED_APP');
  }, 90_000);

  it('fails the run when the scenarios are required (the release workflow), instead of a green run that tested nothing', async () => {
    const run = await playwright('electron-packaged', { CLOUDMC_REQUIRE_ELECTRON: '1' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('Electron scenarios are required here (CLOUDMC_REQUIRE_ELECTRON=1) but cannot run: No packaged app to smoke-test');
    expect(run.output).not.toMatch(/\d+ passed/);
  }, 90_000);
});

describe('the checkout scenarios where Electron’s binary is missing', () => {
  it('fail the run when required', async () => {
    const run = await playwright('electron', { CLOUDMC_REQUIRE_ELECTRON: '1' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("cannot run: Electron's binary is not installed here");
  }, 90_000);
});

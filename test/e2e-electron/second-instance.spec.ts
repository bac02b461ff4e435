// One writer per data dir (docs/security.md 24): a second launch on the same --user-data-dir hands over to the first and exits at
// once with code 0, and the first keeps answering. Runs where Electron's binary exists, inside test/with-secret-service.sh and
// with a display; skipped otherwise with the reason, never counted as a pass.
import { spawn } from 'node:child_process';
import { appStateAnswers } from './bridge-shape';
import { childEnv, expect, launchArgs, repoRoot, skipWhereTheSuiteCannotRun, test } from './fixtures';
import { electronExecutable, runningAsRoot } from './suite-guard';

skipWhereTheSuiteCannotRun();

/** How long a second instance may take to hand over and exit before the scenario kills it and fails. */
const exitDeadlineMs = 20_000;

/** Runs the binary to its exit (killed at the deadline); returns its exit code, signal and output. */
function runToExit(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean; output: string }> {
  const child = spawn(electronExecutable(), args, { cwd: repoRoot, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, exitDeadlineMs);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, timedOut, output });
    });
  });
}

test('a second instance on the same data dir exits at once with code 0, and the first stays responsive', async ({
  electronApp,
  mainWindow,
  userDataDir,
}) => {
  await electronApp.evaluate(({ app }) => {
    const seen = { count: 0 };
    (globalThis as unknown as { __secondInstances: { count: number } }).__secondInstances = seen;
    app.on('second-instance', () => {
      seen.count += 1;
    });
  });
  // Chromium refuses to start as root with its sandbox; the first instance got the same switch from Playwright.
  const second = await runToExit([...(runningAsRoot ? ['--no-sandbox'] : []), ...launchArgs(userDataDir)]);
  expect({ code: second.code, signal: second.signal, timedOut: second.timedOut }, second.output).toEqual({ code: 0, signal: null, timedOut: false });
  await expect
    .poll(() => electronApp.evaluate(() => (globalThis as unknown as { __secondInstances: { count: number } }).__secondInstances.count))
    .toBe(1);
  // The first instance is still the one window, and still answers through its bridge.
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await appStateAnswers(mainWindow)).toBe(true);
});

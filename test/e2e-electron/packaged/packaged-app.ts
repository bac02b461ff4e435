// The packaged app started from its own executable and reached over Chromium's DevTools protocol. Playwright's _electron cannot start
// it: it attaches to main through Node's --inspect, which the packaged app's fuses switch off (security.md 9), so the window is driven
// with chromium.connectOverCDP and main is left alone. Also runs the packaged `--cli`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import asar from '@electron/asar';
import { chromium, type Browser, type Page } from '@playwright/test';
import { childEnv } from '../fixtures';
import { runningAsRoot } from '../suite-guard';

/** Chromium refuses to start as root with its sandbox: only then is it turned off (never on the release runners). */
const sandboxArgs = runningAsRoot ? ['--no-sandbox'] : [];

/** A program started with `--remote-debugging-port=0`, once it printed where its DevTools listen. */
export interface DevToolsProcess {
  child: ChildProcess;
  /** ws://127.0.0.1:PORT/devtools/browser/ID */
  endpoint: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Ends the process this harness started (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Starts `executable ...args --remote-debugging-port=0` and waits for "DevTools listening on ws://..." (or fails with what it printed). */
export function launchWithDevTools(executable: string, args: string[], env = childEnv(), timeoutMs = 30_000): Promise<DevToolsProcess> {
  const child = spawn(executable, [...args, '--remote-debugging-port=0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no DevTools endpoint within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer): void => {
      output += data.toString();
      const endpoint = /DevTools listening on (ws:\/\/\S+)/.exec(output)?.[1];
      if (endpoint) {
        clearTimeout(timer);
        resolve({ child, endpoint, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(executable)} exited (${code ?? signal}) before its DevTools listened; output:\n${output}`));
    });
  });
}

/** A DevTools connection to a running program, and its first page whose URL starts with `urlPrefix`. */
export async function connectToPage(endpoint: string, urlPrefix: string, timeoutMs = 30_000): Promise<{ browser: Browser; page: Page }> {
  // noDefaults: no download policy or emulation is pushed to the program (Electron refuses Browser.setDownloadBehavior).
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith(urlPrefix));
    if (page) return { browser, page };
    if (Date.now() > deadline)
      throw new Error(
        `no page at ${urlPrefix}: ${browser
          .contexts()
          .flatMap((c) => c.pages())
          .map((p) => p.url())}`,
      );
    await browser
      .contexts()[0]
      ?.waitForEvent('page', { timeout: 1_000 })
      .catch(() => undefined);
  }
}

/** The packaged app's desktop window, started on its own data dir in English. */
export async function startPackagedApp(executable: string, userDataDir: string): Promise<DevToolsProcess & { browser: Browser; page: Page }> {
  const app = await launchWithDevTools(executable, [`--user-data-dir=${userDataDir}`, '--lang=en-US', ...sandboxArgs]);
  try {
    return { ...app, ...(await connectToPage(app.endpoint, 'app://ui/')) };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** Runs the packaged `--cli ARGS...` to completion (no window), with extra environment variables and Electron switches first. */
export function runPackagedCli(
  executable: string,
  args: string[],
  opts: { env?: Record<string, string>; switches?: string[] } = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(executable, [...sandboxArgs, ...(opts.switches ?? []), '--cli', ...args], {
    env: { ...childEnv(), ...opts.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The version in the packaged app's own package.json (inside resources/app.asar beside the executable). */
export function packagedVersion(executable: string): string {
  const archive = path.join(path.dirname(executable), 'resources/app.asar');
  if (!fs.existsSync(archive)) throw new Error(`no app.asar beside ${executable}`);
  return (JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { version: string }).version;
}

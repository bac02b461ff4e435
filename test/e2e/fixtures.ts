// Playwright fixtures: a fresh simulator and web host per test, and a page in the requested language.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { startWebHost, type WebHost } from '../web-host/server';
import type { KeychainMode } from '../web-host/host-services';

/** Where screenshots go: a test artifact, never committed. */
export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screens');

/** A CloudMC simulator seeded with the demo data, and the access key of its main user. */
export interface SeededSimulator {
  sim: Simulator;
  apiKey: string;
}

interface Fixtures {
  cloudmc: SeededSimulator;
  dataDir: string;
  /** Every line the host's main-process services logged (after redaction), for secret scans. */
  hostLog: string[];
  keychainMode: KeychainMode;
  host: WebHost;
  app: Page;
}

/** The test object with the app fixtures. */
export const test = base.extend<Fixtures>({
  keychainMode: ['memory', { option: true }],
  cloudmc: async ({}, use) => {
    const state = new SimState();
    const { apiKey } = seedDemo(state);
    const sim = await startSimulator({ state });
    await use({ sim, apiKey });
    await sim.close();
  },
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  hostLog: async ({}, use) => {
    await use([]);
  },
  host: async ({ dataDir, keychainMode, hostLog }, use) => {
    const host = await startWebHost({
      dataDir,
      rendererDir: path.resolve(import.meta.dirname, '../../out/renderer'),
      keychain: keychainMode,
      clientOptions: { timeoutMs: 3000, backoffMs: 20, maxRetryAfterMs: 2000 },
      logSink: (level, line) => hostLog.push(`${level} ${line}`),
    });
    await use(host);
    await host.close();
  },
  app: async ({ page, host, context }, use) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    await page.goto(host.url);
    await use(page);
  },
});

/** Saves a screenshot of the current state under test-results/screens. */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Every file under a directory, with its bytes as latin1 text (for secret scans). */
export function filesWithText(dir: string): { file: string; text: string }[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile())
    .map((file) => ({ file, text: fs.readFileSync(file, 'latin1') }));
}

/** Reads the browser's clipboard. */
export function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

export { expect };

/** A key row's action button: its accessible name is the action's label followed by the key's name. */
export function rowAction(row: Locator, label: string): Locator {
  return row.getByRole('button', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) });
}

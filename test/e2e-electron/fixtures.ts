// Playwright fixtures for the real Electron app: per scenario a loopback CloudMC simulator, a fresh --user-data-dir, and the app
// launched from Electron's own binary with every native dialog and shell.openExternal answered by a stub in main.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { labels } from '../e2e/labels';
import { electronExecutable, privateBusMarker, requireScenariosVariable, runningAsRoot, suiteBlocker, suiteDecision } from './suite-guard';

/** The checkout: Electron runs it as `electron .` (package.json main = out/main/index.js, built by `npm run build`). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The scenarios' UI language (passed as --lang) and its accessible names from test/e2e/labels.ts. */
export const t = labels.en;

const enLocale = JSON.parse(fs.readFileSync(path.join(repoRoot, 'src-renderer/src/lib/i18n/locales/en.json'), 'utf8')) as {
  generate: { storeCopy: string };
};

/** The label of the generate form's "store a copy" checkbox, from the renderer's English locale. */
export const storeCopyLabel = enLocale.generate.storeCopy;

/** A simulator seeded with the demo data on 127.0.0.1, and the access key of its main user. */
export interface SeededSimulator {
  sim: Simulator;
  apiKey: string;
}

/** One native dialog main asked for, as the stub recorded it. */
export interface DialogCall {
  method: string;
  message: string | null;
  buttons: string[];
}

/** The stubs installed in main: every dialog answers at once and is recorded; no native window ever blocks a run. */
export interface MainStubs {
  /** The button index every message box answers from now on (0 = the first button, e.g. "Quit anyway"). */
  answerDialogsWith(index: number): Promise<void>;
  /** Every dialog main asked for, in order. */
  dialogCalls(): Promise<DialogCall[]>;
  /** Every URL main handed to shell.openExternal (never opened for real). */
  openedExternally(): Promise<string[]>;
}

interface Fixtures {
  cloudmc: SeededSimulator;
  userDataDir: string;
  electronApp: ElectronApplication;
  stubs: MainStubs;
  mainWindow: Page;
}

/** The app's command line: `electron .` on this checkout, with the scenario's own data dir, in English, with a fake camera. */
export function launchArgs(userDataDir: string): string[] {
  return ['.', `--user-data-dir=${userDataDir}`, '--lang=en-US', '--use-fake-device-for-media-stream'];
}

/** process.env without undefined values, as Playwright's `env` option wants it. */
export function childEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

type StubState = { answer: number; calls: DialogCall[]; external: string[] };

/** Replaces dialog.* and shell.openExternal in main by recording stubs (run through electronApp.evaluate, so it is serialised). */
async function installMainStubs(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ dialog, shell, BrowserWindow }) => {
    const state: StubState = { answer: 0, calls: [], external: [] };
    (globalThis as unknown as { __e2eStubs: StubState }).__e2eStubs = state;
    const record = (method: string, args: unknown[]): void => {
      const options = (args.find((a) => typeof a === 'object' && a !== null && !(a instanceof BrowserWindow)) ?? {}) as {
        message?: unknown;
        buttons?: unknown;
      };
      state.calls.push({
        method,
        message: typeof options.message === 'string' ? options.message : null,
        buttons: Array.isArray(options.buttons) ? options.buttons.map(String) : [],
      });
    };
    const answering =
      (method: string, answer: () => unknown) =>
      (...args: unknown[]): unknown => {
        record(method, args);
        return answer();
      };
    const stubbed = dialog as unknown as Record<string, (...args: unknown[]) => unknown>;
    stubbed['showMessageBoxSync'] = answering('showMessageBoxSync', () => state.answer);
    stubbed['showMessageBox'] = answering('showMessageBox', async () => ({ response: state.answer, checkboxChecked: false }));
    stubbed['showErrorBox'] = (title, content) => {
      state.calls.push({ method: 'showErrorBox', message: `${String(title)}: ${String(content)}`, buttons: [] });
    };
    stubbed['showOpenDialogSync'] = answering('showOpenDialogSync', () => undefined);
    stubbed['showOpenDialog'] = answering('showOpenDialog', async () => ({ canceled: true, filePaths: [] }));
    stubbed['showSaveDialogSync'] = answering('showSaveDialogSync', () => undefined);
    stubbed['showSaveDialog'] = answering('showSaveDialog', async () => ({ canceled: true, filePath: '' }));
    (shell as unknown as Record<string, (url: string) => Promise<void>>)['openExternal'] = async (url) => {
      state.external.push(url);
    };
  });
}

/** The Electron-level test object: each scenario gets its own simulator, data dir and app. */
export const test = base.extend<Fixtures>({
  cloudmc: async ({}, use) => {
    const state = new SimState();
    const { apiKey } = seedDemo(state);
    const sim = await startSimulator({ state }); // 127.0.0.1, a free port: never a real endpoint
    await use({ sim, apiKey });
    await sim.close();
  },
  userDataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-electron-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  electronApp: async ({ userDataDir }, use) => {
    expect(fs.existsSync(path.join(repoRoot, 'out/main/index.js')), 'out/main/index.js is missing: run `npm run build` first').toBe(true);
    const app = await electron.launch({
      executablePath: electronExecutable(),
      args: launchArgs(userDataDir),
      cwd: repoRoot,
      env: childEnv(),
      // Playwright adds --no-sandbox on Linux unless asked for the sandbox; Chromium refuses to start as root with it.
      chromiumSandbox: !runningAsRoot,
    });
    try {
      await installMainStubs(app);
      // The app must be on this scenario's data dir and on the private keychain bus, or the scenario stops here.
      const where = await app.evaluate(
        ({ app: electronApp }, marker) => ({
          userData: electronApp.getPath('userData'),
          bus: process.env['DBUS_SESSION_BUS_ADDRESS'] ?? null,
          privateBus: process.env[marker] ?? null,
        }),
        privateBusMarker,
      );
      expect(where.userData).toBe(userDataDir);
      expect(where.bus).not.toBeNull();
      expect(where.bus).toBe(where.privateBus);
      await use(app);
    } finally {
      // Quit whatever is open: message boxes answer 0 ("Quit anyway"), so the close guard cannot hold the window.
      await app
        .evaluate(() => {
          (globalThis as unknown as { __e2eStubs?: StubState }).__e2eStubs!.answer = 0;
        })
        .catch(() => undefined);
      await app.close().catch(() => undefined);
      if (app.process().exitCode === null && app.process().signalCode === null) app.process().kill('SIGKILL');
    }
  },
  stubs: async ({ electronApp }, use) => {
    const read = (): Promise<StubState> => electronApp.evaluate(() => (globalThis as unknown as { __e2eStubs: StubState }).__e2eStubs);
    await use({
      answerDialogsWith: (index) =>
        electronApp.evaluate((_electron, answer) => {
          (globalThis as unknown as { __e2eStubs: StubState }).__e2eStubs.answer = answer;
        }, index),
      dialogCalls: async () => (await read()).calls,
      openedExternally: async () => (await read()).external,
    });
  },
  mainWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForURL('app://ui/index.html');
    await page.waitForLoadState('load');
    await use(page);
  },
});

let announced = false;

/**
 * Skips every scenario of the calling spec file when the suite cannot run here, with the one-line reason (also printed once); where
 * the scenarios are required (CLOUDMC_REQUIRE_ELECTRON=1, the release workflow) the spec file fails to load instead, so the run fails.
 */
export function skipWhereTheSuiteCannotRun(blocker = suiteBlocker()): void {
  const decision = suiteDecision(blocker);
  if (decision === 'fail') throw new Error(`Electron scenarios are required here (${requireScenariosVariable}=1) but cannot run: ${blocker}`);
  if (decision === 'skip' && !announced) {
    announced = true;
    process.stderr.write(`Electron scenarios skipped: ${blocker}\n`);
  }
  test.skip(decision === 'skip', blocker ?? '');
}

/** Adds the simulator's profile through the Add profile form and waits for the credentials screen. */
export async function addProfile(page: Page, cloudmc: SeededSimulator): Promise<void> {
  await expect(page.getByRole('heading', { name: t.addProfile })).toBeVisible();
  await page.getByLabel(t.profileName, { exact: true }).fill('Acme');
  await page.getByLabel(t.profileEndpoint, { exact: true }).fill(cloudmc.sim.endpoint);
  await page.getByLabel(t.profileKey, { exact: true }).fill(cloudmc.apiKey);
  await page.getByRole('button', { name: t.profileSave, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
}

/** Generates a key with "store a copy" set as asked (the private keychain must be available); returns its value. */
export async function generateKey(page: Page, name: string, opts: { storeCopy: boolean }): Promise<string> {
  await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
  const form = page.getByRole('dialog', { name: t.generateOpen });
  await form.getByLabel(t.nameField, { exact: true }).fill(name);
  const store = form.getByRole('checkbox', { name: storeCopyLabel, exact: true });
  await expect(store, 'the private keychain is available, so "store a copy" can be chosen').toBeEnabled();
  await store.setChecked(opts.storeCopy);
  await form.getByRole('button', { name: t.generate, exact: true }).click();
  const field = page.getByLabel(t.keyField, { exact: true });
  await expect(field).toHaveAttribute('type', 'password');
  return field.inputValue();
}

export { expect };

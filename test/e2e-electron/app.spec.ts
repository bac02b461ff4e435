// The real Electron app: window hardening and the credentials walkthrough. Runs only where Electron's binary exists; never counted as proof here.
import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary';
import { startSimulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { labels } from '../e2e/labels';

const binary = electronBinary();
test.skip(binary.path === null, binary.reason ?? '');

test('windows are sandboxed, isolated and without Node', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-electron-'));
  const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`], cwd: path.resolve(import.meta.dirname, '../..') });
  const page = await app.firstWindow();
  const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL());
  expect(url).toBe('app://ui/index.html');
  // Sandboxed and isolated: no Node globals, no ipcRenderer, only the named bridge functions.
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((window as unknown as { cloudmc: object }).cloudmc).length)).toBeGreaterThan(10);
  await app.close();
});

test('adds a profile and generates a key in the real app', async () => {
  const state = new SimState();
  const { apiKey } = seedDemo(state);
  const sim = await startSimulator({ state });
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-electron-'));
  const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`, '--lang=en-US'], cwd: path.resolve(import.meta.dirname, '../..') });
  const page = await app.firstWindow();
  const t = labels.en;
  await page.getByLabel(t.profileName, { exact: true }).fill('Acme');
  await page.getByLabel(t.profileEndpoint, { exact: true }).fill(sim.endpoint);
  await page.getByLabel(t.profileKey, { exact: true }).fill(apiKey);
  await page.getByRole('button', { name: t.profileSave, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
  await page.getByRole('dialog', { name: t.generateOpen }).getByRole('button', { name: t.generate, exact: true }).click();
  await expect(page.getByLabel(t.keyField, { exact: true })).toHaveAttribute('type', 'password');
  await app.close();
  await sim.close();
});

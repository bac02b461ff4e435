// The credentials flow in the real Electron app against the loopback simulator and the private keychain: add a profile, generate,
// API data as text, reload and DevTools keys inert, and the close guard (docs/security.md 11, 14, 15, 28). Runs where Electron's binary
// exists, inside test/with-secret-service.sh and with a display; skipped otherwise with the reason, never counted as a pass.
import fs from 'node:fs';
import path from 'node:path';
import { addProfile, expect, generateKey, skipWhereTheSuiteCannotRun, t, test } from './fixtures';

skipWhereTheSuiteCannotRun();

/** What the close guard's native box says (src-main/quit-guard.ts, English): button 0 quits, button 1 stays. */
const closeGuard = { method: 'showMessageBoxSync', message: 'A new API key has not been saved', buttons: ['Quit anyway', 'Cancel'] };

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

test('adds a profile and generates a key stored in the keychain; quitting then asks nothing', async ({ electronApp, mainWindow, cloudmc, stubs }) => {
  await addProfile(mainWindow, cloudmc);
  await generateKey(mainWindow, 'stored-at-generate', { storeCopy: true });
  await expect(mainWindow.getByText('Stored in keychain', { exact: false }).first()).toBeVisible();
  // A stored copy counts as saved: the window closes without a dialog even though every box would answer "Cancel".
  await stubs.answerDialogsWith(1);
  const closed = mainWindow.waitForEvent('close');
  await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await closed;
});

test('API data renders as text; the key field is masked and inert; no file in the data dir keeps a key', async ({
  electronApp,
  mainWindow,
  cloudmc,
  userDataDir,
  stubs,
}) => {
  const html = '<img src=x onerror="window.__pwned=1">';
  cloudmc.sim.state.issueKey(cloudmc.sim.state.listUsers()[0]!.id, { name: html });
  const pageDialogs: string[] = [];
  mainWindow.on('dialog', (d) => {
    pageDialogs.push(d.message());
    void d.dismiss();
  });
  await addProfile(mainWindow, cloudmc);
  const table = mainWindow.getByRole('table');
  await expect(table.getByText(html, { exact: true })).toBeVisible();
  await expect(table.locator('img')).toHaveCount(0);
  const secret = await generateKey(mainWindow, 'canary', { storeCopy: true });
  const field = mainWindow.getByLabel(t.keyField, { exact: true });
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toHaveAttribute('spellcheck', 'false');
  await mainWindow.getByRole('button', { name: t.copyKey, exact: true }).click();
  await expect.poll(() => electronApp.evaluate(({ clipboard }) => clipboard.readText())).toBe(secret);
  await mainWindow.getByRole('button', { name: t.dismiss, exact: true }).click();
  await expect(field).toHaveCount(0);
  expect(pageDialogs).toEqual([]);
  expect(await stubs.dialogCalls()).toEqual([]);
  expect(await mainWindow.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  for (const file of filesUnder(userDataDir)) {
    const bytes = fs.readFileSync(file);
    expect({ file, key: bytes.includes(secret), accessKey: bytes.includes(cloudmc.apiKey) }).toEqual({ file, key: false, accessKey: false });
  }
});

test('reload and DevTools keys never reach the page and reload nothing: an open key stays on screen', async ({ mainWindow, cloudmc }) => {
  await addProfile(mainWindow, cloudmc);
  await generateKey(mainWindow, 'unsaved', { storeCopy: false });
  await mainWindow.evaluate(() => {
    const seen: string[] = [];
    const page = globalThis as unknown as { __sameDocument: boolean; __keysSeen: string[] } & Window;
    page.__sameDocument = true;
    page.__keysSeen = seen;
    const modifiers = ['Control', 'Shift', 'Meta', 'Alt'];
    page.addEventListener(
      'keydown',
      (e) => {
        if (!modifiers.includes(e.key)) seen.push(e.key);
      },
      { capture: true },
    );
  });
  for (const combo of ['F5', 'Control+R', 'Meta+R', 'Control+Shift+R', 'F12', 'Control+Shift+I']) await mainWindow.keyboard.press(combo);
  // A harmless key after them, through the same input queue: once it arrives, every combo before it was delivered or swallowed.
  await mainWindow.keyboard.press('F2');
  await expect.poll(() => mainWindow.evaluate(() => (globalThis as unknown as { __keysSeen: string[] }).__keysSeen)).toEqual(['F2']);
  expect(await mainWindow.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(mainWindow.getByLabel(t.keyField, { exact: true })).toHaveCount(1);
});

test('closing with a key neither copied nor stored asks first; "Cancel" keeps it; once copied, closing asks nothing', async ({
  electronApp,
  mainWindow,
  cloudmc,
  stubs,
}) => {
  await addProfile(mainWindow, cloudmc);
  // "Store a copy" is on by default when the keychain works, which would count the key as saved: generate with it unchecked.
  const secret = await generateKey(mainWindow, 'unsaved', { storeCopy: false });
  await stubs.answerDialogsWith(1);
  const closeWindow = (): Promise<void> => electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await closeWindow();
  await expect.poll(() => stubs.dialogCalls()).toEqual([closeGuard]);
  // "Cancel" prevented the close: the same window takes a second close, and asks again.
  await closeWindow();
  await expect.poll(() => stubs.dialogCalls()).toEqual([closeGuard, closeGuard]);
  await expect(mainWindow.getByLabel(t.keyField, { exact: true })).toHaveCount(1);

  await mainWindow.getByRole('button', { name: t.copyKey, exact: true }).click();
  await expect.poll(() => electronApp.evaluate(({ clipboard }) => clipboard.readText())).toBe(secret);
  // Copied counts as saved: the window closes although the box would still answer "Cancel".
  const closed = mainWindow.waitForEvent('close');
  await closeWindow();
  await closed;
});

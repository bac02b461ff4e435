// Secrets and untrusted API data in the real renderer (docs/security.md 11, 15, 28): names render as isolated text, the key field is
// masked and inert, and after generate + copy + dismiss no file under the data dir holds the key or the access key.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { clipboardText, expect, rowAction, test, type SeededSimulator } from './fixtures';
import { labels } from './labels';
import type { WebHost } from '../web-host/server';

const t = labels.en;
test.use({ locale: 'en-US' });

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

async function openWithProfile(page: Page, host: WebHost, cloudmc: SeededSimulator): Promise<void> {
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
}

test('a key name made of HTML renders as text: no element, no script, no dialog', async ({ app: page, host, cloudmc }) => {
  const user = cloudmc.sim.state.listUsers()[0]!;
  const names = ['<img src=x onerror=alert(1)>', '<img src=x onerror="window.__pwned=1">', '<svg onload=alert(2)>', '{@html "<b>x</b>"}'];
  for (const name of names) cloudmc.sim.state.issueKey(user.id, { name });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openWithProfile(page, host, cloudmc);
  const table = page.getByRole('table');
  for (const name of names) await expect(table.getByText(name, { exact: true })).toBeVisible();
  await expect(table.locator('img')).toHaveCount(0);
  await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Select a row and open its rename dialog: the name goes through another component, still as text.
  await rowAction(table.getByRole('row', { name: /window\.__pwned/ }), t.edit).click();
  const rename = page.getByRole('dialog', { name: t.edit });
  await expect(rename.getByLabel(t.nameField, { exact: true })).toHaveValue('<img src=x onerror="window.__pwned=1">');
  await rename.getByRole('button', { name: t.cancel, exact: true }).click();
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a key name with a bidi override is isolated: it cannot reorder the text around it', async ({ app: page, host, cloudmc }) => {
  const user = cloudmc.sim.state.listUsers()[0]!;
  const spoof = 'prod\u202Egnp.exe';
  cloudmc.sim.state.issueKey(user.id, { name: spoof });
  await openWithProfile(page, host, cloudmc);
  const cell = page.getByRole('table').locator('bdi', { hasText: spoof });
  await expect(cell).toHaveCount(1);
  expect(await cell.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
  // The revoke dialog's sentence keeps its own order around the name.
  await rowAction(page.getByRole('table').getByRole('row', { name: /prod/ }), t.revoke).click();
  const revoke = page.getByRole('dialog', { name: t.revoke });
  const name = revoke.locator('strong > bdi', { hasText: spoof });
  await expect(name).toHaveCount(1);
  expect(await name.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
  await revoke.getByRole('button', { name: t.cancel, exact: true }).click();
});

test('the one-time key field is masked, read-only, without autocomplete or spellcheck; no file keeps the key', async ({
  app: page,
  host,
  cloudmc,
  dataDir,
}) => {
  await openWithProfile(page, host, cloudmc);
  await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
  const form = page.getByRole('dialog', { name: t.generateOpen });
  await form.getByLabel(t.nameField, { exact: true }).fill('canary');
  await form.getByRole('button', { name: t.generate, exact: true }).click();
  const field = page.getByLabel(t.keyField, { exact: true });
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toHaveAttribute('spellcheck', 'false');
  await expect(field).not.toBeEditable();
  const secret = await field.inputValue();
  expect(secret.length).toBeGreaterThanOrEqual(20);
  // It is the real key: CloudMC accepts it.
  expect((await fetch(`${cloudmc.sim.endpoint}/users/current`, { headers: { 'MC-Api-Key': secret } })).status).toBe(200);

  await page.getByRole('button', { name: t.copyKey, exact: true }).click();
  await expect.poll(() => clipboardText(page)).toBe(secret);
  await page.getByRole('button', { name: t.dismiss, exact: true }).click();
  await expect(field).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const files = filesUnder(dataDir);
  expect(files.length).toBeGreaterThan(0); // the store files exist: the scan looks at something
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    expect({ file: path.relative(dataDir, file), key: bytes.includes(secret), accessKey: bytes.includes(cloudmc.apiKey) }).toEqual({
      file: path.relative(dataDir, file),
      key: false,
      accessKey: false,
    });
  }
});

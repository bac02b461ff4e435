// Never lose a new key, in the browser against the real OS keychain (web host with --keychain system inside a D-Bus session).
import { spawnSync } from 'node:child_process';
import { clipboardText, expect, rowAction, snap, test } from './fixtures';
import { labels } from './labels';

const t = labels.en;
test.use({ keychainMode: 'system', locale: 'en-US' });
test.skip(
  !process.env['DBUS_SESSION_BUS_ADDRESS'],
  'needs a D-Bus session with gnome-keyring: npm test runs this suite through test/with-secret-service.sh',
);

function secretTool(...args: string[]): string {
  return spawnSync('secret-tool', args, { encoding: 'utf8', timeout: 15_000 }).stdout;
}

test('stores, badges, copies from the keychain, revokes with removal, and cleans up orphans', async ({ app: page, host, cloudmc }) => {
  const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();

  // Generate with "Also store a copy in the keychain" checked: stored and read back before the notification says so.
  await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
  const form = page.getByRole('dialog', { name: t.generateOpen });
  await form.getByLabel(t.nameField, { exact: true }).fill('stored-at-generate');
  await expect(form.getByRole('checkbox', { name: 'Also store a copy in the keychain' })).toBeChecked();
  await form.getByRole('button', { name: t.generate, exact: true }).click();
  await expect(page.getByText('Stored in keychain', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: t.show, exact: true }).click();
  const secret = await page.getByLabel(t.keyField, { exact: true }).inputValue();
  const row = table.getByRole('row', { name: /stored-at-generate/ });
  const keyId = (await host.services.credentials.listCached(profile.id)).list?.keys.find((k) => k.name === 'stored-at-generate')?.id ?? '';
  expect(secretTool('lookup', 'service', 'CloudMC Credentials', 'account', `key:${profile.id}:${keyId}`)).toBe(secret);
  await snap(page, 'en-keychain-stored');
  await page.getByRole('button', { name: t.dismiss, exact: true }).click();
  await expect(page.getByLabel(t.keyField, { exact: true })).toHaveCount(0);

  // The badge, and copying the value back from the keychain after dismissal.
  await expect(row.getByText('In keychain')).toBeVisible();
  await row.getByRole('button', { name: 'Copy stored key' }).click();
  await expect.poll(() => clipboardText(page)).toBe(secret);
  await snap(page, 'en-keychain-badge');

  // Revoke: the dialog offers, checked, to remove the stored copy too.
  await rowAction(row, t.revoke).click();
  const revoke = page.getByRole('dialog', { name: t.revoke });
  await expect(revoke.getByRole('checkbox', { name: 'Also remove the copy stored in the keychain' })).toBeChecked();
  await revoke.getByRole('button', { name: t.revokeConfirm, exact: true }).click();
  await expect(row).toHaveCount(0);
  expect(secretTool('lookup', 'service', 'CloudMC Credentials', 'account', `key:${profile.id}:${keyId}`)).toBe('');

  // A key revoked elsewhere leaves an orphaned copy: flagged, and cleaned up in one action.
  const orphan = await host.services.credentials.generate(profile.id, 'revoked-elsewhere', true);
  host.services.secretActions.dismiss(orphan.secretId);
  const user = cloudmc.sim.state.findUserByName('rwilson');
  cloudmc.sim.state.revokeKey(user!.id, orphan.key.id);
  await page.getByRole('button', { name: t.refresh, exact: true }).click();
  await expect(page.getByText('1 stored copy belongs to a key that no longer exists')).toBeVisible();
  await snap(page, 'en-keychain-orphan');
  // Clean up asks CloudMC first, then confirms naming the key; only then is the copy removed.
  await page.getByRole('button', { name: 'Clean up' }).click();
  const confirm = page.getByRole('dialog', { name: 'Clean up stored copies' });
  await expect(confirm.getByRole('listitem')).toHaveText([new RegExp(`revoked-elsewhere\\s*${orphan.key.id}`)]);
  expect(secretTool('lookup', 'service', 'CloudMC Credentials', 'account', `key:${profile.id}:${orphan.key.id}`)).not.toBe('');
  await snap(page, 'en-keychain-cleanup-confirm');
  await confirm.getByRole('button', { name: 'Remove 1 copy' }).click();
  await expect(page.getByText('1 stored copy removed.')).toBeVisible();
  await expect(page.getByText('1 stored copy belongs to a key that no longer exists')).toHaveCount(0);
  expect(secretTool('lookup', 'service', 'CloudMC Credentials', 'account', `key:${profile.id}:${orphan.key.id}`)).toBe('');
  await host.services.profiles.remove(profile.id);
});

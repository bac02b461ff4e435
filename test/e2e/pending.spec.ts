// A new key survives a reload of the window: its value stays in main, and the card still copies, stores or dismisses it.
import { clipboardText, expect, snap, test } from './fixtures';
import { labels } from './labels';

const t = labels.en;
test.use({ locale: 'en-US' });

test('after a reload, an unsaved key can still be copied and stored, but its value is never shown again', async ({ app: page, host, cloudmc }) => {
  const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
  const form = page.getByRole('dialog', { name: t.generateOpen });
  await form.getByLabel(t.nameField, { exact: true }).fill('survives-reload');
  await form.getByRole('checkbox').uncheck();
  await form.getByRole('button', { name: t.generate, exact: true }).click();
  await page.getByRole('button', { name: t.show, exact: true }).click();
  const secret = await page.getByLabel(t.keyField, { exact: true }).inputValue();

  await page.reload();
  await expect(page.getByText('was generated but not saved yet')).toBeVisible();
  await expect(page.getByLabel(t.keyField, { exact: true })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await snap(page, 'en-pending-after-reload');

  await page.getByRole('button', { name: t.copyKey, exact: true }).click();
  await expect.poll(() => clipboardText(page)).toBe(secret);
  await page.getByRole('button', { name: t.storeInKeychain, exact: true }).click();
  await expect(page.getByRole('button', { name: t.storeInKeychain, exact: true })).toHaveCount(0);
  const keyId = (await host.services.credentials.listCached(profile.id)).list?.keys.find((k) => k.name === 'survives-reload')?.id ?? '';
  expect((await host.services.storedCopies.list(profile.id)).map((c) => c.keyId)).toContain(keyId);

  await page.getByRole('button', { name: t.dismiss, exact: true }).click();
  await expect(page.getByText('was generated but not saved yet')).toHaveCount(0);
  expect(host.services.oneTimeSecrets.list()).toEqual([]);
});

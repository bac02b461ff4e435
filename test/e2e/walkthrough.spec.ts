// CloudMC's own how-to, step by step, in each language: add profile, copy endpoint, generate, reveal, copy, dismiss, rename, revoke.
import { clipboardText, expect, filesWithText, rowAction, snap, test } from './fixtures';
import { labels, type Lang } from './labels';

for (const lang of ['fr', 'en', 'es'] as Lang[]) {
  const t = labels[lang];
  test.describe(`walkthrough in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'America/Montreal' });

    test(`follows the document's steps (${lang})`, async ({ app: page, cloudmc, dataDir, hostLog }) => {
      // First run: add the profile.
      await expect(page.getByRole('heading', { name: t.addProfile })).toBeVisible();
      await snap(page, `${lang}-01-add-profile`);
      await page.getByLabel(t.profileName, { exact: true }).fill('Acme');
      await page.getByLabel(t.profileEndpoint, { exact: true }).fill(cloudmc.sim.endpoint);
      await page.getByLabel(t.profileKey, { exact: true }).fill(cloudmc.apiKey);
      await page.getByRole('button', { name: t.profileSave, exact: true }).click();

      // The API credentials screen with the seeded keys.
      await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: t.keysSection })).toBeVisible();
      for (const column of [t.colName, t.colLastIp, t.colLastActivity])
        await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
      const table = page.getByRole('table');
      await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
      await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toContainText('172.27.127.164');
      await snap(page, `${lang}-02-list`);

      // Copy the endpoint.
      await page.getByRole('button', { name: t.copyEndpoint, exact: true }).click();
      await expect.poll(() => clipboardText(page)).toBe(cloudmc.sim.endpoint);

      // Generate a key.
      await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
      const form = page.getByRole('dialog', { name: t.generateOpen });
      await expect(form).toBeVisible();
      await snap(page, `${lang}-03-generate-form`);
      await form.getByLabel(t.nameField, { exact: true }).fill(`Grab-instance-list-${lang}`);
      await form.getByRole('checkbox').uncheck(); // store it from the notification instead, below
      await form.getByRole('button', { name: t.generate, exact: true }).click();
      await expect(form).toBeHidden();

      // The notification: masked, reveal, copy.
      const field = page.getByLabel(t.keyField, { exact: true });
      await expect(field).toHaveAttribute('type', 'password');
      await expect(field).toHaveAttribute('readonly', '');
      await expect(page.getByText(`Grab-instance-list-${lang}`, { exact: true }).first()).toBeVisible();
      await snap(page, `${lang}-04-generated`);
      await page.getByRole('button', { name: t.show, exact: true }).click();
      await expect(field).toHaveAttribute('type', 'text');
      const secret = await field.inputValue();
      expect(secret.length).toBeGreaterThanOrEqual(20);
      await snap(page, `${lang}-05-revealed`);
      await page.getByRole('button', { name: t.hide, exact: true }).click();
      await expect(field).toHaveAttribute('type', 'password');
      await page.getByRole('button', { name: t.copyKey, exact: true }).click();
      await expect.poll(() => clipboardText(page)).toBe(secret);
      await page.getByRole('button', { name: t.storeInKeychain, exact: true }).click();
      await expect(page.getByRole('button', { name: t.storeInKeychain, exact: true })).toHaveCount(0);

      // The new key works and is in the list at once.
      const whoAmI = await fetch(`${cloudmc.sim.endpoint}/users/current`, { headers: { 'MC-Api-Key': secret } });
      expect(whoAmI.status).toBe(200);
      await expect(table.getByRole('row', { name: new RegExp(`Grab-instance-list-${lang}`) })).toBeVisible();

      // Dismiss: the value is gone from the page.
      await page.getByRole('button', { name: t.dismiss, exact: true }).click();
      await expect(field).toHaveCount(0);
      expect(await page.content()).not.toContain(secret);

      // Rename.
      const row = table.getByRole('row', { name: new RegExp(`Grab-instance-list-${lang}`) });
      await rowAction(row, t.edit).click();
      const rename = page.getByRole('dialog', { name: t.edit });
      await expect(rename.getByLabel(t.nameField, { exact: true })).toHaveValue(`Grab-instance-list-${lang}`);
      await rename.getByLabel(t.nameField, { exact: true }).fill(`Update KB ${lang}`);
      await snap(page, `${lang}-06-rename`);
      await rename.getByRole('button', { name: t.save, exact: true }).click();
      await expect(rename).toBeHidden();
      const renamedRow = table.getByRole('row', { name: new RegExp(`Update KB ${lang}`) });
      await expect(renamedRow).toBeVisible();

      // Revoke after confirmation; the key stops working at once.
      await rowAction(renamedRow, t.revoke).click();
      const confirm = page.getByRole('dialog', { name: t.revoke });
      await expect(confirm).toBeVisible();
      await snap(page, `${lang}-07-revoke`);
      await confirm.getByRole('button', { name: t.revokeConfirm, exact: true }).click();
      await expect(confirm).toBeHidden();
      await expect(renamedRow).toHaveCount(0);
      const afterRevoke = await fetch(`${cloudmc.sim.endpoint}/users/current`, { headers: { 'MC-Api-Key': secret } });
      expect(afterRevoke.status).toBe(401);

      // A key neither copied nor stored: dismissing it asks first.
      await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
      await form.getByRole('checkbox').uncheck();
      await form.getByRole('button', { name: t.generate, exact: true }).click();
      const unsaved = await page.getByLabel(t.keyField, { exact: true }).inputValue();
      await page.getByRole('button', { name: t.dismiss, exact: true }).click();
      const confirmDismiss = page.getByRole('dialog');
      await expect(confirmDismiss).toBeVisible();
      await snap(page, `${lang}-08-dismiss-unsaved`);
      await confirmDismiss.getByRole('button', { name: t.dismiss, exact: true }).click();
      await expect(page.getByLabel(t.keyField, { exact: true })).toHaveCount(0);

      // No key value in any file of the data dir or any log line.
      for (const { file, text } of filesWithText(dataDir))
        for (const value of [secret, unsaved, cloudmc.apiKey]) expect(text.includes(value), file).toBe(false);
      expect(hostLog.some((line) => line.includes('keys:generate ok'))).toBe(true); // the scan reads real lines
      for (const value of [secret, unsaved, cloudmc.apiKey]) expect(hostLog.some((line) => line.includes(value))).toBe(false);
    });
  });
}

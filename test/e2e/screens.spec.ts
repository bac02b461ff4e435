// Every screen beyond the walkthrough, in each language, saved as screenshots to look at: offline banner, stored-copy badge, switcher, settings, edit profile.
import { expect, snap, test } from './fixtures';
import { labels, type Lang } from './labels';

const words: Record<Lang, { switcher: string; settings: string; editProfile: string; badge: string }> = {
  en: { switcher: 'Switch profile', settings: 'Settings', editProfile: 'Edit profile', badge: 'In keychain' },
  fr: { switcher: 'Changer de profil', settings: 'Paramètres', editProfile: 'Modifier le profil', badge: 'Dans le trousseau' },
  es: { switcher: 'Cambiar de perfil', settings: 'Configuración', editProfile: 'Editar perfil', badge: 'En el llavero' },
};

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const w = words[lang];
  test.describe(`screens in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });

    test(`badge, offline, switcher, settings and edit profile (${lang})`, async ({ app: page, host, cloudmc }) => {
      const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      const generated = await host.services.credentials.generate(profile.id, 'nightly-backup', true);
      host.services.secretActions.dismiss(generated.secretId);
      await page.reload();
      const row = page.getByRole('table').getByRole('row', { name: /nightly-backup/ });
      await expect(row.getByText(w.badge)).toBeVisible();
      await snap(page, `${lang}-10-badge`);

      await page.keyboard.press('Control+k');
      await expect(page.getByRole('dialog', { name: w.switcher })).toBeVisible();
      await snap(page, `${lang}-11-switcher`);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: w.settings }).click();
      await expect(page.getByRole('dialog', { name: w.settings })).toBeVisible();
      await snap(page, `${lang}-12-settings`);
      await page.getByRole('dialog', { name: w.settings }).getByRole('button', { name: t.cancel, exact: true }).click();

      await page.getByRole('button', { name: w.editProfile }).click();
      await expect(page.getByRole('dialog', { name: w.editProfile }).getByLabel(t.profileName, { exact: true })).toHaveValue('Acme');
      await snap(page, `${lang}-13-edit-profile`);
      await page.getByRole('dialog', { name: w.editProfile }).getByRole('button', { name: t.cancel, exact: true }).click();

      await cloudmc.sim.close();
      await page.getByRole('button', { name: t.refresh, exact: true }).click();
      await expect(page.getByRole('status', { name: t.offline })).toBeVisible();
      await expect(page.getByRole('button', { name: t.generateOpen, exact: true }).first()).toBeDisabled();
      await snap(page, `${lang}-14-offline`);
    });
  });
}

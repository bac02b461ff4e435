// Every screen beyond the walkthrough, in each language, saved as screenshots to look at: offline banner, stored-copy badge, switcher, settings, edit profile.
import { expect, snap, test } from './fixtures';
import path from 'node:path';
import { labels, type Lang } from './labels';

const words: Record<
  Lang,
  {
    switcher: string;
    settings: string;
    editProfile: string;
    badge: string;
    importProfiles: string;
    importFile: string;
    importSubmit: string;
    refreshAll: string;
  }
> = {
  en: {
    switcher: 'Switch profile',
    settings: 'Settings',
    editProfile: 'Edit profile',
    badge: 'In keychain',
    importProfiles: 'Import profiles',
    importFile: 'Profiles file (JSON)',
    importSubmit: 'Import',
    refreshAll: 'Refresh all',
  },
  fr: {
    switcher: 'Changer de profil',
    settings: 'Paramètres',
    editProfile: 'Modifier le profil',
    badge: 'Dans le trousseau',
    importProfiles: 'Importer des profils',
    importFile: 'Fichier de profils (JSON)',
    importSubmit: 'Importer',
    refreshAll: 'Tout actualiser',
  },
  es: {
    switcher: 'Cambiar de perfil',
    settings: 'Configuración',
    editProfile: 'Editar perfil',
    badge: 'En el llavero',
    importProfiles: 'Importar perfiles',
    importFile: 'Archivo de perfiles (JSON)',
    importSubmit: 'Importar',
    refreshAll: 'Actualizar todo',
  },
};
const badImport = path.resolve(import.meta.dirname, '../fixtures/profiles/import-with-bad-entries.json');

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

      // A key left unsaved comes back after a reload, without its value.
      const pending = await host.services.credentials.generate(profile.id, 'left-unsaved', false);
      await page.reload();
      await expect(page.getByText('left-unsaved', { exact: true }).first()).toBeVisible();
      await expect(page.getByLabel(t.keyField, { exact: true })).toHaveCount(0);
      await snap(page, `${lang}-15-pending`);
      host.services.secretActions.dismiss(pending.secretId);
      await page.reload();

      await page.getByRole('button', { name: w.importProfiles }).click();
      const importDialog = page.getByRole('dialog', { name: w.importProfiles });
      await importDialog.getByLabel(w.importFile).setInputFiles(badImport);
      await importDialog.getByRole('button', { name: w.importSubmit, exact: true }).click();
      await expect(importDialog.getByRole('listitem').first()).toBeVisible();
      await snap(page, `${lang}-16-import-report`);
      await page.keyboard.press('Escape');

      cloudmc.sim.faults.add({ fault: { kind: 'latency', ms: 2000 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
      await page.getByRole('button', { name: w.refreshAll }).click();
      await expect(page.getByRole('progressbar').first()).toBeVisible();
      await snap(page, `${lang}-17-refresh-all`);
      cloudmc.sim.faults.clear();

      await cloudmc.sim.close();
      await page.getByRole('button', { name: t.refresh, exact: true }).click();
      await expect(page.getByRole('status', { name: t.offline })).toBeVisible();
      await expect(page.getByRole('button', { name: t.generateOpen, exact: true }).first()).toBeDisabled();
      await snap(page, `${lang}-14-offline`);
    });
  });
}

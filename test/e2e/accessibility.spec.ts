// axe-core (WCAG 2.2 AA) over every state the app can reach, in English, French and Spanish, light and dark: zero violations.
// One walk per language; in each state axe runs with the OS in light, then in dark (prefers-color-scheme). The walk: first run, Add profile with errors, list, Generate (with an error), the notification expanded and
// collapsed, its Dismiss confirmation, rename, revoke, settings, the switcher, key search, import report, Refresh all, rate-limited,
// offline; a second walk with a broken data folder and no keychain. Screenshots of each state go to test-results/screens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, rowAction, snap, test } from './fixtures';
import { labels, type Lang } from './labels';
import { axeState, localeText, type Finding } from './a11y-helpers';

const badImport = path.resolve(import.meta.dirname, '../fixtures/profiles/import-with-bad-entries.json');
const themes = ['light', 'dark'] as const;
const langs: Lang[] = ['en', 'fr', 'es'];

/** A dialog by its title. */
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });

/** Runs axe in the state the page is in, once per OS theme, with a screenshot of each; the page is left in light. */
async function inBothThemes(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    await axeState(page, `${name}-${theme}`, findings);
    await snap(page, `a11y-${name}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const lang of langs) {
  const t = labels[lang];
  const text = (key: string, values?: Record<string, string | number>) => localeText(lang, key, values);
  {
    test.describe(`accessibility, ${lang}`, () => {
      test.use({ locale: t.locale, colorScheme: 'light', timezoneId: 'Europe/Madrid' });

      test(`axe finds nothing in any state, light and dark (${lang})`, async ({ app: page, cloudmc }) => {
        test.setTimeout(150_000);
        const findings: Finding[] = [];
        const check = (state: string): Promise<void> => inBothThemes(page, `${lang}-${state}`, findings);

        // First run: the Add profile screen, then its errors.
        await expect(page.getByRole('heading', { name: t.addProfile, level: 1 })).toBeVisible();
        await check('add-profile');
        await page.getByRole('button', { name: t.profileSave, exact: true }).click();
        await expect(page.getByLabel(t.profileName, { exact: true })).toHaveAttribute('aria-invalid', 'true');
        await check('add-profile-errors');
        await page.getByLabel(t.profileName, { exact: true }).fill('Acme');
        await page.getByLabel(t.profileEndpoint, { exact: true }).fill(cloudmc.sim.endpoint);
        await page.getByLabel(t.profileKey, { exact: true }).fill(cloudmc.apiKey);
        await page.getByRole('button', { name: t.profileSave, exact: true }).click();

        // The list.
        await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
        await check('list');

        // Generate: the form, its error, then the notification expanded and collapsed, and the Dismiss confirmation.
        await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
        const generate = dialog(page, t.generateOpen);
        await generate.getByLabel(t.nameField, { exact: true }).fill('\u200b');
        await generate.getByRole('button', { name: t.generate, exact: true }).click();
        await expect(generate.getByLabel(t.nameField, { exact: true })).toHaveAttribute('aria-invalid', 'true');
        await check('generate-error');
        await generate.getByLabel(t.nameField, { exact: true }).fill('axe-check');
        // Not stored: Dismiss then asks for confirmation.
        await generate.getByRole('checkbox').uncheck();
        await generate.getByRole('button', { name: t.generate, exact: true }).click();
        await expect(page.getByRole('button', { name: t.show, exact: true })).toBeVisible();
        await check('notification');
        await page.getByRole('button', { name: text('a11y.collapse'), exact: true }).click();
        await expect(page.getByRole('button', { name: t.show, exact: true })).toBeHidden();
        await check('notification-collapsed');
        await page.getByRole('button', { name: text('a11y.expand'), exact: true }).click();
        await page.getByRole('button', { name: t.dismiss, exact: true }).click();
        await expect(dialog(page, text('secret.confirmTitle'))).toBeVisible();
        await check('dismiss-confirm');
        await dialog(page, text('secret.confirmTitle'))
          .getByRole('button', { name: text('secret.confirmDismiss'), exact: true })
          .click();

        // Rename and revoke.
        const row = page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ });
        await rowAction(row, t.edit).click();
        await check('rename');
        await page.keyboard.press('Escape');
        await rowAction(row, t.revoke).click();
        await check('revoke');
        await page.keyboard.press('Escape');

        // Settings, then Dark forced from Settings (data-theme) while the OS is light, for one look at the list.
        await page.getByRole('button', { name: text('settings.title'), exact: true }).click();
        await check('settings');
        await dialog(page, text('settings.title'))
          .getByRole('button', { name: text('removeData.action'), exact: true })
          .click();
        await expect(dialog(page, text('removeData.title'))).toBeVisible();
        await check('remove-data');
        await page.keyboard.press('Escape');
        await expect(dialog(page, text('removeData.title'))).toBeHidden();
        await dialog(page, text('settings.title'))
          .getByLabel(text('a11y.theme'))
          .selectOption({ label: text('a11y.themeDark') });
        await dialog(page, text('settings.title')).getByRole('button', { name: t.save, exact: true }).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
        await axeState(page, `${lang}-list-forced-dark`, findings);
        await snap(page, `a11y-${lang}-list-forced-dark`);
        await page.getByRole('button', { name: text('settings.title'), exact: true }).click();
        await dialog(page, text('settings.title'))
          .getByLabel(text('a11y.theme'))
          .selectOption({ label: text('a11y.themeSystem') });
        await dialog(page, text('settings.title')).getByRole('button', { name: t.save, exact: true }).click();
        await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

        // The Ctrl+K switcher, key search.
        await page.keyboard.press('Control+k');
        await expect(dialog(page, text('switcher.title'))).toBeVisible();
        await check('switcher');
        await page.keyboard.press('Escape');
        await page
          .getByRole('searchbox', { name: text('search.label') })
          .or(page.getByLabel(text('search.label')))
          .first()
          .fill('Mettre');
        await expect(
          page
            .getByRole('region', { name: text('search.results') })
            .or(page.getByLabel(text('search.results')))
            .first(),
        ).toBeVisible();
        await check('search-results');
        await page.getByLabel(text('search.label')).first().fill('');

        // Import report.
        await page.getByRole('button', { name: text('transfer.import'), exact: true }).click();
        const importing = dialog(page, text('transfer.importTitle'));
        await importing.getByLabel(text('transfer.file')).setInputFiles(badImport);
        await importing.getByRole('button', { name: text('transfer.importSubmit'), exact: true }).click();
        await expect(importing.getByRole('listitem').first()).toBeVisible();
        await check('import-report');
        await importing.getByRole('button', { name: text('common.close'), exact: true }).click();

        // Refresh all while a list is slow.
        cloudmc.sim.faults.add({ fault: { kind: 'latency', ms: 1500 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
        await page.getByRole('button', { name: text('refreshAll.button'), exact: true }).click();
        await expect(page.getByRole('region', { name: text('refreshAll.title') })).toBeVisible();
        await check('refresh-all');
        await expect(page.getByRole('button', { name: text('common.close'), exact: true })).toBeVisible({ timeout: 20_000 });
        await page.getByRole('button', { name: text('common.close'), exact: true }).click();

        // Rate-limited, then offline: the cached list under its banner.
        cloudmc.sim.faults.add({ fault: { kind: 'rate-limit', retryAfterSeconds: 3600 }, method: 'GET', pathPrefix: '/api_keys' });
        await page.getByRole('button', { name: t.refresh, exact: true }).click();
        await expect(page.getByRole('status', { name: text('keys.limited'), exact: true })).toBeVisible({ timeout: 20_000 });
        await check('rate-limited');
        cloudmc.sim.faults.clear();
        await cloudmc.sim.close();
        await page.getByRole('button', { name: t.refresh, exact: true }).click();
        await expect(page.getByRole('status', { name: t.offline, exact: true })).toBeVisible({ timeout: 20_000 });
        await check('offline');

        expect(findings).toEqual([]);
      });
    });
  }
}

/** A data folder whose settings file is a folder: the app opens read-only under the data-problem banner. */
const brokenData = test.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: this one needs no other fixture.
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-e2e-'));
    fs.mkdirSync(path.join(dir, 'config.json'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

for (const lang of langs) {
  const t = labels[lang];
  brokenData.describe(`accessibility of the problem states, ${lang}`, () => {
    brokenData.use({ locale: t.locale, colorScheme: 'light', keychainMode: 'none' });

    brokenData(
      `axe finds nothing under the data-problem banner and without a keychain, light and dark (${lang})`,
      async ({ app: page, host, cloudmc }) => {
        const findings: Finding[] = [];
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await inBothThemes(page, `${lang}-data-problem`, findings);
        await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey }).catch(() => undefined);
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await inBothThemes(page, `${lang}-no-keychain`, findings);
        expect(findings).toEqual([]);
      },
    );
  });
}

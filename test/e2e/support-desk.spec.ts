// A support desk's day, in English, French and Spanish: the one-time card names the profile (and endpoint) its key belongs to,
// copies as environment variables, and stays with its profile (a one-line reminder on another profile and on Key health leads
// back); Activity opens in view with the focus, every cell in words and the key named; Search all keys says how many profiles it
// could not search and offers Refresh all. axe finds nothing in these states, light and dark; screenshots at 1280×800 and 800×600.
import type { Page } from '@playwright/test';
import { expect, clipboardText, snap, test } from './fixtures';
import { labels, type Lang } from './labels';
import { axeState, localeText, type Finding } from './a11y-helpers';

/** Labels screens.md fixes for what the app adds (the spec's words, not the locale files'). */
const added: Record<Lang, { copyAsEnv: string; activity: string; keyHealth: string; search: string; results: string }> = {
  en: { copyAsEnv: 'Copy as environment variables', activity: 'Activity', keyHealth: 'Key health', search: 'Search all keys', results: 'Keys found' },
  fr: {
    copyAsEnv: "Copier en variables d'environnement",
    activity: 'Activité',
    keyHealth: 'Santé des clés',
    search: 'Rechercher dans toutes les clés',
    results: 'Clés trouvées',
  },
  es: {
    copyAsEnv: 'Copiar como variables de entorno',
    activity: 'Actividad',
    keyHealth: 'Estado de las claves',
    search: 'Buscar en todas las claves',
    results: 'Claves encontradas',
  },
};

/** What "2 profiles could not be searched" reads like in each language (the count first or after its verb). */
const unsearchedTwo: Record<Lang, RegExp> = {
  en: /^2 profiles could not be searched/,
  fr: /^2 profils n'ont pas pu être fouillés/,
  es: /^No se pudo buscar en 2 perfiles/,
};

const KEY = 'support-desk-key';

/** Screenshots of the state in light and dark at 1280×800, then light at 800×600, with axe in each theme; back to 1280×800 light. */
async function capture(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await axeState(page, `${name}-${theme}`, findings);
    await snap(page, `${name}-${theme}`);
  }
  await page.setViewportSize({ width: 800, height: 600 });
  await snap(page, `${name}-dark-800x600`);
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, `${name}-light-800x600`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const a = added[lang];
  const text = (key: string, values?: Record<string, string | number>) => localeText(lang, key, values);

  test.describe(`support desk, ${lang}`, () => {
    test.use({ locale: t.locale, colorScheme: 'light', timezoneId: 'Europe/Madrid', viewport: { width: 1280, height: 800 } });

    test(`the one-time card stays with its profile, Activity, and search's unsearched profiles (${lang})`, async ({ app: page, host, cloudmc }) => {
      test.setTimeout(180_000);
      const findings: Finding[] = [];
      const { sim, apiKey } = cloudmc;
      const acme = await host.services.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey });
      await host.services.profiles.add({ name: 'Globex', endpoint: sim.endpoint, apiKey });
      // Two profiles never opened: no saved list, so Search all keys cannot search them.
      await host.services.profiles.add({ name: 'Initech', endpoint: sim.endpoint, apiKey });
      await host.services.profiles.add({ name: 'Umbrella', endpoint: sim.endpoint, apiKey });
      await host.services.profiles.select(acme.id);
      await page.reload();
      const sidebarProfile = (name: string) => page.getByRole('button', { name: new RegExp(`^${name}\\b`) });

      // Generate on Acme: the card names the profile and its endpoint.
      await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
      await page.getByRole('button', { name: t.generateOpen, exact: true }).click();
      const form = page.getByRole('dialog');
      await form.getByRole('textbox', { name: t.nameField, exact: true }).fill(KEY);
      await form.getByRole('button', { name: t.generate, exact: true }).click();
      const region = page.getByRole('region', { name: text('secret.title') });
      await expect(region.getByLabel(t.keyField, { exact: true })).toBeVisible();
      await expect(region).toContainText(`${text('secret.profile')} Acme · ${sim.endpoint}`);
      await capture(page, `${lang}-secret-card-profile`, findings);

      // Copy as environment variables: the endpoint and the key, as two lines.
      await region.getByRole('button', { name: a.copyAsEnv, exact: true }).click();
      await expect(region.getByRole('status')).toBeVisible();
      const env = await clipboardText(page);
      expect(env).toMatch(new RegExp(`^CLOUDMC_ENDPOINT=${sim.endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nCLOUDMC_API_KEY=\\S{16,}\\n$`));

      // Activity: in view, focused, every cell in words, the key named.
      await page.getByRole('button', { name: a.activity, exact: true }).click();
      const activityTitle = page.getByRole('heading', { level: 2, name: a.activity, exact: true });
      await expect(activityTitle).toBeFocused();
      await expect(activityTitle).toBeInViewport();
      const activity = page.getByRole('region', { name: a.activity, exact: true });
      const generatedRow = activity.getByRole('row').filter({ hasText: KEY });
      await expect(generatedRow).toContainText(text('activity.event.api_key.generated'));
      await expect(generatedRow).toContainText(text('activity.statusValue.SUCCESS'));
      await expect(activity.getByRole('columnheader', { name: text('activity.eventColumn'), exact: true })).toBeVisible();
      await expect(activity).not.toContainText('[object Object]');
      await expect(activity.getByRole('table')).not.toContainText('SUCCESS');
      await capture(page, `${lang}-activity-open`, findings);

      // On another profile: a one-line reminder (no value) that leads back.
      await sidebarProfile('Globex').click();
      const goBack = region.getByRole('button', { name: text('secret.goToProfile', { profile: 'Acme' }), exact: true });
      await expect(goBack).toBeVisible();
      await expect(region.getByLabel(t.keyField, { exact: true })).toHaveCount(0);
      await expect(region).toContainText(KEY);
      await capture(page, `${lang}-secret-reminder-other-profile`, findings);

      // On Key health too, and it leads back to the full card on Acme.
      await page.getByRole('button', { name: a.keyHealth, exact: true }).click();
      await expect(goBack).toBeVisible();
      await expect(region.getByLabel(t.keyField, { exact: true })).toHaveCount(0);
      await capture(page, `${lang}-secret-reminder-key-health`, findings);
      await goBack.click();
      await expect(region.getByLabel(t.keyField, { exact: true })).toBeVisible();
      await expect(region).toBeFocused();
      await expect(sidebarProfile('Acme')).toHaveAttribute('aria-current', /.+/);

      // Search all keys: Initech and Umbrella were never opened, so it says 2 profiles could not be searched and offers Refresh all.
      await page.getByRole('searchbox', { name: a.search }).fill('e');
      const results = page.getByRole('region', { name: a.results });
      await expect(results.getByText(unsearchedTwo[lang])).toBeVisible();
      await expect(results.getByRole('button', { name: text('refreshAll.button'), exact: true })).toBeVisible();
      await capture(page, `${lang}-search-unsearched`, findings);
      await results.getByRole('button', { name: text('refreshAll.button'), exact: true }).click();
      await expect(page.getByRole('region', { name: text('refreshAll.title') })).toBeVisible();

      expect(findings).toEqual([]);
    });
  });
}

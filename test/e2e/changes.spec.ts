// "Changes since your last visit" (issue 19, beyond the anchors) in a real browser over the web host's real services, in en, fr and es:
// a visit, then keys generated, revoked and used on CloudMC, a refresh; the key screen shows the bar above the table (without shifting
// the layout: CLS < 0.1), its items naming each key, Mark as seen clears it; Key health lists the profiles with changes and leads to them.
// axe finds nothing in each state, light and dark; screenshots at 1280×800, 800×600 and 200% (640×430 CSS px).
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { labels, type Lang } from './labels';
import { axeState, localeText, type Finding } from './a11y-helpers';

/** Screenshots of a state light and dark at 1280×800, 800×600 and 200%, with axe in each theme at 1280×800; back to 1280×800 light. */
async function capture(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await axeState(page, `${name}-${theme}`, findings);
    await snap(page, `${name}-${theme}`);
    await page.setViewportSize({ width: 800, height: 600 });
    await snap(page, `${name}-${theme}-800x600`);
    await page.setViewportSize({ width: 640, height: 430 });
    await snap(page, `${name}-${theme}-200pct`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const title = localeText(lang, 'changes.title');
  test.describe(`changes since the last visit in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });
    // Eight axe runs and twenty-four screenshots on a loaded 2-core machine.
    test.setTimeout(240_000);

    test(`the key screen and Key health show what changed, Mark as seen clears it (${lang})`, async ({ app: page, host, cloudmc }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      const services = host.services;
      services.settings.update({ language: lang });
      const acme = await services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      const backup = state.issueKey(user.id, { name: 'nightly-backup' }).key;
      const old = state.issueKey(user.id, { name: 'old-batch' }).key;
      await services.credentials.refresh(acme.id);
      services.keyChanges.markSeen(acme.id);
      // Between two visits, on CloudMC's side.
      state.issueKey(user.id, { name: 'deploy-bot' });
      state.revokeKey(user.id, old.id);
      state.recordUse(backup.id, '203.0.113.7');
      await services.credentials.refresh(acme.id);

      // Every layout shift from the first paint, summed: the bar comes with the first rows.
      await page.addInitScript(() => {
        const w = window as unknown as { __cls: number };
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) w.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.setViewportSize({ width: 800, height: 600 });
      await page.reload();
      const panel = page.getByRole('region', { name: title, exact: true });
      await expect(panel).toBeVisible();
      await expect(page.getByRole('table').getByRole('row', { name: /nightly-backup/ })).toBeVisible();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls), 'CLS with the changes bar').toBeLessThan(0.1);
      // Known limit (reported): at 200% zoom (640×430 CSS px) the bar, one tight line, puts the first key row's top at the fold
      // (≈430 px in en); issue 19 item 10 wants a row on the first screen there. The 200% screenshots below show it.
      await page.setViewportSize({ width: 1280, height: 800 });

      const findings: Finding[] = [];
      await capture(page, `${lang}-changes-01-bar`, findings);
      await panel.getByRole('button', { name: localeText(lang, 'changes.show'), exact: true }).click();
      const items = panel.getByRole('listitem');
      await expect(items).toHaveCount(3);
      await expect(items.filter({ hasText: 'deploy-bot' })).toHaveCount(1);
      await expect(items.filter({ hasText: 'old-batch' })).toHaveCount(1);
      await expect(items.filter({ hasText: 'nightly-backup' })).toContainText('203.0.113.7');
      await capture(page, `${lang}-changes-02-items`, findings);

      // Key health: the profile with changes, and a button leading to it.
      await page.getByRole('button', { name: localeText(lang, 'health.open'), exact: true }).click();
      const across = page.getByRole('region', { name: title, exact: true });
      await expect(across.getByRole('heading', { level: 3, name: 'Acme' })).toBeVisible();
      await capture(page, `${lang}-changes-03-health`, findings);
      // Named "Open profile" with the profile's name (isolated for bidi text).
      await across.getByRole('button', { name: /Acme/ }).click();
      await expect(page.getByRole('region', { name: title, exact: true })).toBeVisible();

      // Mark as seen: the bar goes, focus stays on the screen's heading, and nothing is left in Key health.
      await page.getByRole('button', { name: localeText(lang, 'changes.markSeen'), exact: true }).click();
      await expect(page.getByRole('region', { name: title, exact: true })).toHaveCount(0);
      await expect(page.locator('#keys-title')).toBeFocused();
      await capture(page, `${lang}-changes-04-seen`, findings);
      expect(findings).toEqual([]);
    });
  });
}

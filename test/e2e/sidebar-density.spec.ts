// Density mode (issue 19, "Beyond the anchors"): 300 profiles in compact mode, chosen in Settings: one fixed-height line per profile,
// groups by organization under real headings, a profile pinned from its actions shows under Pinned, rows never overlap (800x600,
// dark, 200% zoom), axe finds nothing. Screenshots in each language.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { labels, type Lang } from './labels';
import { axeState, localeText, type Finding } from './a11y-helpers';

const orgs = ['Zenith Labs', 'Acme Corporation', 'Globex', 'Initech', 'Umbrella Health'];

/** Boxes of the rendered rows (headings and profiles) and of every part of each, in page coordinates. */
function rowBoxes(page: Page): Promise<{ profile: boolean; box: DOMRect; parts: DOMRect[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('nav.sidebar ul.profiles > li:not(.spacer)')].map((li) => ({
      profile: li.classList.contains('profile-row'),
      box: li.getBoundingClientRect().toJSON() as DOMRect,
      parts: [...li.querySelectorAll('button > :not(.visually-hidden), h2')].map((c) => c.getBoundingClientRect().toJSON() as DOMRect),
    })),
  );
}

/** Fails unless every row has the same height, holds its parts on one line inside it, and no two rows intersect. */
async function expectOneLineRows(page: Page, what: string): Promise<void> {
  const rows = await rowBoxes(page);
  expect(rows.filter((r) => r.profile).length, what).toBeGreaterThan(5);
  const height = rows.find((r) => r.profile)!.box.height;
  rows.forEach((row, i) => {
    expect(Math.abs(row.box.height - height), `${what}: row ${i} has its own height`).toBeLessThan(1);
    for (const part of row.parts) {
      expect(part.top, `${what}: a part of row ${i} starts above it`).toBeGreaterThanOrEqual(row.box.top - 0.5);
      expect(part.bottom, `${what}: a part of row ${i} spills below it`).toBeLessThanOrEqual(row.box.bottom + 0.5);
    }
    const next = rows[i + 1];
    if (next) expect(next.box.top, `${what}: row ${i + 1} overlaps row ${i}`).toBeGreaterThanOrEqual(row.box.bottom - 0.5);
  });
}

async function openDrawer(page: Page): Promise<void> {
  const toggle = page.locator('#profile-drawer-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  test.describe(`compact sidebar in ${lang}`, () => {
    test.use({ locale: t.locale, viewport: { width: 800, height: 600 } });

    test(`300 profiles: one-line rows grouped by organization, pin one, never overlapping, axe clean (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      test.setTimeout(150_000);
      const text = (key: string, values: Record<string, string | number> = {}) => localeText(lang, key, values);
      // One profile checked with CloudMC (its key count is real), 299 more written to the config as an import would leave them.
      const first = await host.services.profiles.add({ name: 'Acme 000', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await host.services.credentials.refresh(first.id);
      host.services.stores.config.update((doc) => ({
        ...doc,
        profiles: [
          ...doc.profiles,
          ...Array.from({ length: 299 }, (_, i) => ({
            id: `bulk-${i + 1}`,
            name: `Customer ${String(i + 1).padStart(3, '0')} support desk with a long name`,
            endpoint: cloudmc.sim.endpoint,
            createdAt: new Date().toISOString(),
            identity: i % 7 === 6 ? null : { userName: 'agent', displayName: 'Support agent', organizationName: orgs[i % orgs.length]! },
            accessKeyStorage: 'keychain' as const,
          })),
        ],
      }));
      await page.reload();

      // Settings › Sidebar › Compact.
      await page.getByRole('button', { name: text('settings.title'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: text('settings.title') });
      await dialog.getByRole('combobox', { name: text('sidebar.density') }).selectOption({ label: text('sidebar.densityCompact') });
      await dialog.getByRole('button', { name: t.save, exact: true }).click();
      await expect(dialog).toBeHidden();

      await openDrawer(page);
      const nav = page.locator('nav.sidebar');
      const headings = nav.getByRole('heading', { level: 2 });
      // Acme 000 was opened last: Recent first, then the organizations by name.
      await expect(headings.first()).toContainText(text('sidebar.recent'));
      await expect(headings.nth(1)).toContainText('Acme Corporation');
      await expect(nav.getByRole('button', { name: /^Acme 000/ })).toContainText(/\d/);
      await expectOneLineRows(page, `${lang} 800x600`);
      await snap(page, `${lang}-sidebar-compact`);

      // Pin a customer from its actions: it heads the list under Pinned.
      const customer = 'Customer 042 support desk with a long name';
      await nav.getByRole('searchbox').fill('Customer 042');
      await nav.getByRole('button', { name: new RegExp(`^${customer}`) }).click();
      await page.getByRole('button', { name: text('profileActions.pinNamed', { name: customer }) }).click();
      await expect(page.getByRole('button', { name: text('profileActions.unpinNamed', { name: customer }) })).toBeVisible();
      await openDrawer(page);
      await nav.getByRole('searchbox').fill('');
      await expect(headings.first()).toContainText(text('sidebar.pinned'));
      await expect(nav.locator('ul.profiles > li.profile-row').first()).toContainText(customer);
      await expectOneLineRows(page, `${lang} pinned`);

      const findings: Finding[] = [];
      await axeState(page, `${lang} compact sidebar`, findings);
      await page.emulateMedia({ colorScheme: 'dark' });
      await axeState(page, `${lang} compact sidebar dark`, findings);
      await snap(page, `${lang}-sidebar-compact-pinned-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(findings).toEqual([]);

      // Scrolled into the middle, then at 200% zoom: rows keep one height and never overlap.
      await nav.locator('.list').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
      await expectOneLineRows(page, `${lang} scrolled`);
      await page.evaluate(() => document.documentElement.style.setProperty('zoom', '2'));
      await nav.locator('.list').evaluate((el) => el.scrollTo(0, 300));
      await expect.poll(async () => (await rowBoxes(page)).length).toBeGreaterThan(5);
      await expectOneLineRows(page, `${lang} zoom 200%`);
      await snap(page, `${lang}-sidebar-compact-zoom200`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await snap(page, `${lang}-sidebar-compact-zoom200-dark`);
    });
  });
}

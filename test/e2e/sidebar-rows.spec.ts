// Issue 19 item 4: with 300 profiles (a windowed sidebar) each showing a findings line, no sidebar item spills into the next, in each
// language, at 800x600, at 200% (device scale and CSS zoom) and with text twice as large; every line of an item stays inside it.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { labels, type Lang } from './labels';

const DAY = 86_400_000;

/** Boxes of the rendered sidebar items and of every line inside each, in page coordinates. */
async function itemBoxes(page: Page): Promise<{ item: DOMRect; lines: (DOMRect & { squeezed: boolean })[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('nav.sidebar ul.profiles > li:not(.spacer)')].map((li) => ({
      item: li.getBoundingClientRect().toJSON() as DOMRect,
      lines: [...li.querySelectorAll('button > *')].map((c) => ({
        ...(c.getBoundingClientRect().toJSON() as DOMRect),
        // A line squeezed below its text's height draws over its neighbours.
        squeezed: c.scrollHeight > c.clientHeight + 1,
      })),
    })),
  );
}

/** Fails when two consecutive items intersect, or a line of an item lies outside it. */
async function expectNoOverlap(page: Page, what: string): Promise<void> {
  const boxes = await itemBoxes(page);
  expect(boxes.length, what).toBeGreaterThan(3);
  for (let i = 0; i < boxes.length; i++) {
    const { item, lines } = boxes[i]!;
    lines.forEach((line, l) => {
      expect(line.top, `${what}: a line of item ${i} starts above it`).toBeGreaterThanOrEqual(item.top - 0.5);
      expect(line.bottom, `${what}: a line of item ${i} spills below it`).toBeLessThanOrEqual(item.bottom + 0.5);
      expect(line.squeezed, `${what}: line ${l} of item ${i} is squeezed over its neighbours`).toBe(false);
      const below = lines[l + 1];
      if (below) expect(below.top, `${what}: line ${l + 1} of item ${i} overlaps line ${l}`).toBeGreaterThanOrEqual(line.bottom - 0.5);
    });
    const next = boxes[i + 1];
    if (next) expect(next.item.top, `${what}: item ${i + 1} overlaps item ${i}`).toBeGreaterThanOrEqual(item.bottom - 0.5);
  }
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  test.describe(`sidebar rows in ${lang}`, () => {
    test.use({ locale: t.locale, viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });

    test(`300 profiles with a findings line each: items never overlap (${lang})`, async ({ app: page, host, cloudmc }) => {
      test.setTimeout(120_000);
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      state.issueKey(user.id, { name: 'ancient-never-used', creationDate: new Date(Date.now() - 400 * DAY).toISOString() });
      const first = await host.services.profiles.add({ name: 'Acme 000', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await host.services.credentials.refresh(first.id);
      for (let i = 1; i < 300; i += 10)
        await Promise.all(
          Array.from({ length: Math.min(10, 300 - i) }, async (_, j) => {
            const p = await host.services.profiles.add({
              name: `Acme ${String(i + j).padStart(3, '0')} support desk for a customer with a long name`,
              endpoint: cloudmc.sim.endpoint,
              apiKey: cloudmc.apiKey,
            });
            await host.services.credentials.refresh(p.id);
          }),
        );
      await page.reload();
      // Below 900 px the sidebar is a drawer: open it.
      await page.locator('#profile-drawer-toggle').click();
      const nav = page.locator('nav.sidebar');
      await expect(nav.locator('.findings').first()).toBeVisible();
      await expectNoOverlap(page, `${lang} 800x600`);
      await snap(page, `${lang}-sidebar-300-profiles`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await snap(page, `${lang}-sidebar-300-profiles-dark`);
      await page.emulateMedia({ colorScheme: 'light' });

      // Scrolled to the middle of the list.
      await nav.locator('.list').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
      await expect(nav.getByText(/Acme 1\d\d/).first()).toBeVisible();
      await expectNoOverlap(page, `${lang} scrolled`);

      // Text twice as large (a user's font setting): rows grow, and still never overlap.
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '30px'));
      await nav.locator('.list').evaluate((el) => el.scrollTo(0, 0));
      await expect.poll(async () => (await itemBoxes(page))[0]?.item.height ?? 0).toBeGreaterThan(120);
      await expectNoOverlap(page, `${lang} large text`);
      await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));

      // CSS zoom 200%.
      await page.evaluate(() => document.documentElement.style.setProperty('zoom', '2'));
      await nav.locator('.list').evaluate((el) => el.scrollTo(0, 400));
      await expect(nav.locator('.findings').first()).toBeVisible();
      await expectNoOverlap(page, `${lang} zoom 200%`);
      await snap(page, `${lang}-sidebar-300-profiles-zoom200`);
    });
  });
}

// Keyboard only, CloudMC's document from start to end (add profile, generate, reveal, copy, dismiss, rename, revoke, pin), asserting where focus
// is after each step; then reflow: at 320 CSS px and at 800×600 the page never scrolls sideways and the first row's actions are in view.
import type { Page } from '@playwright/test';
import { clipboardText, expect, rowAction, snap, test } from './fixtures';
import { labels } from './labels';
import { focused, insideViewportWidth, localeText, pageScrollsSideways } from './a11y-helpers';

const t = labels.en;

/** Presses Tab until the focused element matches, at most `max` times; answers how many presses it took. */
async function tabTo(
  page: Page,
  matches: (f: { tag: string; id: string; name: string }) => boolean,
  max = 40,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (matches(await focused(page))) return presses;
  }
  throw new Error(`not reached in ${max} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}

test.describe('keyboard only (en)', () => {
  test.use({ locale: 'en-US' });

  test('the document from start to end with the keyboard; focus lands somewhere sensible after each step', async ({ app: page, cloudmc }) => {
    // First run: Add profile, focus already in its first field (issue 19 item 10). The skip link is the first tab stop: back to it,
    // then to the main content, then forward to the first field again.
    await expect(page.getByRole('heading', { name: t.addProfile, level: 1 })).toBeVisible();
    await expect.poll(async () => (await focused(page)).tag).toBe('input');
    await tabTo(page, (f) => f.name === localeText('en', 'a11y.skip'), 40, 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main-content');
    await tabTo(page, (f) => f.tag === 'input');
    await page.keyboard.type('Acme');
    await page.keyboard.press('Tab');
    await page.keyboard.type(cloudmc.sim.endpoint);
    await tabTo(page, (f) => f.tag === 'input' && f.name === localeText('en', 'profile.apiKey'));
    await page.keyboard.type(cloudmc.apiKey);
    await page.keyboard.press('Enter');

    // Saving the first profile: focus on the key screen's heading (or the main content when the heading has no id).
    await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
    await expect.poll(async () => (await focused(page)).id).toMatch(/^(keys-title|main-content)$/);

    // Generate: reached in a few presses from the heading (the profile list is one tab stop, the main content comes first).
    const presses = await tabTo(page, (f) => f.name === t.generateOpen);
    expect(presses).toBeLessThanOrEqual(8);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: t.generateOpen })).toBeVisible();
    await page.keyboard.type('keyboard-only');
    await page.keyboard.press('Enter');

    // The notification takes focus and is announced.
    await expect.poll(async () => (await focused(page)).id).toBe('secret-notification');
    await expect(page.getByRole('status').filter({ hasText: 'keyboard-only' })).toHaveCount(1);
    await tabTo(page, (f) => f.name === t.show, 6);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe(t.hide);
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe(t.copyKey);
    await page.keyboard.press('Enter');
    await expect.poll(() => clipboardText(page)).toMatch(/\S{20,}/);

    // Dismiss (copied: no confirmation): focus on the new key's row, else Generate.
    await tabTo(page, (f) => f.name === t.dismiss, 6);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: t.show })).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).id).toMatch(/^(key-row-.+|generate-key-button)$/);

    // Rename the new key from its row: Escape-free, Enter submits, focus back on the Edit button.
    const row = page.getByRole('table').getByRole('row', { name: /keyboard-only/ });
    await rowAction(row, t.edit).focus();
    await page.keyboard.press('Enter');
    const rename = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: t.save, exact: true }) });
    await expect(rename).toBeVisible();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('keyboard-renamed');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table').getByRole('row', { name: /keyboard-renamed/ })).toBeVisible();
    await expect.poll(async () => (await focused(page)).name).toBe(`${t.edit} keyboard-renamed`);

    // Revoke it: after the confirmation focus is on another row or the table, never on the page body.
    const renamed = page.getByRole('table').getByRole('row', { name: /keyboard-renamed/ });
    await rowAction(renamed, t.revoke).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.name === t.revokeConfirm, 4);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table').getByRole('row', { name: /keyboard-renamed/ })).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).tag).not.toBe('body');

    // Pin the profile from its actions (density mode): the button, named with the profile, keeps focus and becomes Unpin.
    const pinName = localeText('en', 'profileActions.pinNamed', { name: 'Acme' });
    await tabTo(page, (f) => f.name === pinName, 40, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).name).toBe(localeText('en', 'profileActions.unpinNamed', { name: 'Acme' }));
    await expect(page.getByRole('navigation').getByRole('heading', { name: localeText('en', 'sidebar.pinned') })).toBeVisible();
  });
});

for (const size of [
  { width: 320, height: 640, name: '320px' },
  { width: 800, height: 600, name: '800x600' },
]) {
  test.describe(`reflow at ${size.name}`, () => {
    test.use({ locale: 'en-US', viewport: { width: size.width, height: size.height } });

    test(`no sideways page scroll and the first row's actions in view at ${size.name}`, async ({ app: page, host, cloudmc }) => {
      await expect(page.getByRole('heading', { name: t.addProfile, level: 1 })).toBeVisible();
      expect(await pageScrollsSideways(page)).toBe(false);
      await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await page.reload();
      const first = page.getByRole('table').getByRole('row').nth(1);
      await expect(first).toBeVisible();
      expect(await pageScrollsSideways(page)).toBe(false);
      expect(await insideViewportWidth(page, rowAction(first, t.edit))).toBe(true);
      expect(await insideViewportWidth(page, rowAction(first, t.revoke))).toBe(true);
      await snap(page, `reflow-${size.name}`);

      // The sidebar is a drawer here: the Profiles button opens it (aria-expanded) and Escape closes it.
      const toggle = page.getByRole('button', { name: localeText('en', 'a11y.profilesToggle'), exact: true });
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('navigation', { name: 'Profiles' })).toBeVisible();
      expect(await pageScrollsSideways(page)).toBe(false);
      await snap(page, `reflow-${size.name}-drawer`);
      await page.keyboard.press('Escape');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(toggle).toBeFocused();

      // The notification after Generate sits in the page, never over the rows' actions.
      await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
      await page.getByRole('dialog', { name: t.generateOpen }).getByRole('button', { name: t.generate, exact: true }).click();
      await expect(page.getByRole('button', { name: t.show, exact: true })).toBeVisible();
      expect(await pageScrollsSideways(page)).toBe(false);
      await snap(page, `reflow-${size.name}-notification`);
      const firstRow = page.getByRole('table').getByRole('row').nth(1);
      const edit = rowAction(firstRow, t.edit);
      await edit.scrollIntoViewIfNeeded();
      await edit.click({ trial: true });
    });
  });
}

test.describe('200% zoom and dark', () => {
  test.use({ locale: 'en-US', viewport: { width: 800, height: 600 }, deviceScaleFactor: 2, colorScheme: 'dark' });

  test('at 800×600 with device scale 2 in dark, a screenshot to look at (and no sideways scroll)', async ({ app: page, host, cloudmc }) => {
    await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
    await page.reload();
    await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
    await page.evaluate(() => document.documentElement.style.setProperty('zoom', '2'));
    expect(await pageScrollsSideways(page)).toBe(false);
    await snap(page, 'zoom200-dark');
  });
});

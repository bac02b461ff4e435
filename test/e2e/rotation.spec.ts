// Rotate API key in each language against the real OS keychain (web host with --keychain system inside a D-Bus session): the
// dialog's "Rotate" with grace "Now" leaves a replacement stored in the Secret Service that CloudMC accepts, and the old key answers 401.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, rowAction, snap, test } from './fixtures';
import { labels, type Lang } from './labels';

test.use({ keychainMode: 'system' });
test.skip(
  !process.env['DBUS_SESSION_BUS_ADDRESS'],
  'needs a D-Bus session with gnome-keyring: npm test runs this suite through test/with-secret-service.sh',
);

/** The words this spec reads from the app's locale files. */
interface Words {
  rotation: { open: string; title: string; grace: string; submit: string; graces: { now: string } };
}

/** The app's locale file for a language. */
function locale(lang: Lang): Words {
  const file = path.resolve(import.meta.dirname, `../../src-renderer/src/lib/i18n/locales/${lang}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Words;
}

function secretTool(...args: string[]): string {
  return spawnSync('secret-tool', args, { encoding: 'utf8', timeout: 15_000 }).stdout;
}

/** The HTTP status CloudMC answers GET /users/current with for that key value. */
async function statusWith(endpoint: string, apiKey: string): Promise<number> {
  const response = await fetch(`${endpoint}/users/current`, { headers: { 'MC-Api-Key': apiKey } });
  await response.body?.cancel();
  return response.status;
}

const oldName = 'nightly-backup';

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const words = locale(lang).rotation;
  test.describe(`rotation in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });

    test(`rotate with grace "now": the new key from the keychain works and the old key answers 401 (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      // Not used within the last hour: grace "now" revokes it without asking to confirm.
      const old = state.issueKey(user.id, { name: oldName, creationDate: new Date(Date.now() - 20 * 86_400_000).toISOString() });
      const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      expect(state.authenticate(old.secret), 'the old key works before (checked without using it)').not.toBeNull();

      await page.reload();
      const table = page.getByRole('table');
      const row = table.getByRole('row', { name: new RegExp(`^${oldName}`) });
      await expect(row).toBeVisible();
      await rowAction(row, words.open).click();
      const dialog = page.getByRole('dialog', { name: words.title });
      await dialog.getByLabel(words.grace, { exact: true }).selectOption({ label: words.graces.now });
      await snap(page, `${lang}-rotation-dialog`);
      await dialog.getByRole('button', { name: words.submit, exact: true }).click();

      // The old key is revoked on CloudMC, and exactly one replacement is live.
      await expect.poll(() => state.getKey(user.id, old.key.id)).toBeUndefined();
      const replacements = state.listKeys(user.id).filter((k) => k.name.startsWith(`${oldName} (`));
      expect(replacements).toHaveLength(1);
      const fresh = replacements[0]!;
      await expect(table.getByRole('row', { name: new RegExp(`^${fresh.name.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
      await expect(page.locator(`#key-row-${old.key.id}`)).toHaveCount(0);
      await snap(page, `${lang}-rotation-done`);

      // The replacement's value, read from the Secret Service, is accepted; the old key's is refused.
      const stored = secretTool('lookup', 'service', 'CloudMC Credentials', 'account', `key:${profile.id}:${fresh.id}`);
      expect(stored.length, 'a stored value for the new key').toBeGreaterThan(0);
      expect(await statusWith(cloudmc.sim.endpoint, stored)).toBe(200);
      expect(await statusWith(cloudmc.sim.endpoint, old.secret)).toBe(401);
      await host.services.profiles.remove(profile.id);
    });
  });
}

/** The words of the key table's rotation pair, from the app's locale files. */
interface PairWords {
  rotation: {
    open: string;
    title: string;
    grace: string;
    submit: string;
    progress: string;
    cancelRetire: string;
    confirmRetire: string;
    graces: { now: string };
  };
  keyTable: { usedRecently: string };
}

/** The heights of every key row shown, rounded to the pixel. */
function rowHeights(page: import('@playwright/test').Page): Promise<number[]> {
  return page.locator('#key-table tbody tr[id]').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const words = JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, `../../src-renderer/src/lib/i18n/locales/${lang}.json`), 'utf8'),
  ) as PairWords;
  test.describe(`rotation pair in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });

    test(`the dialog shows its steps while they run, focus stays on the pair, the "used recently" prompt is styled, rows keep one height (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      // Used ten minutes ago: retiring it with grace "now" asks first.
      const old = state.issueKey(user.id, {
        name: oldName,
        creationDate: new Date(Date.now() - 20 * 86_400_000).toISOString(),
        lastUsedIp: '203.0.113.250',
        lastUsedDate: new Date(Date.now() - 10 * 60_000).toISOString(),
      });
      const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await page.reload();
      const table = page.getByRole('table');
      const oldRow = page.locator(`#key-row-${old.key.id}`);
      await expect(oldRow).toBeVisible();
      const heights = await rowHeights(page);

      // CloudMC slow to make the replacement: the dialog shows where the rotation stands meanwhile.
      cloudmc.sim.faults.add({ fault: { kind: 'latency', ms: 2500 }, method: 'POST', pathPrefix: '/api_keys', times: 1 });
      await rowAction(oldRow, words.rotation.open).click();
      const dialog = page.getByRole('dialog', { name: words.rotation.title });
      await dialog.getByLabel(words.rotation.grace, { exact: true }).selectOption({ label: words.rotation.graces.now });
      await dialog.getByRole('button', { name: words.rotation.submit, exact: true }).click();
      const steps = dialog.getByRole('list', { name: words.rotation.progress });
      await expect(steps).toBeVisible();
      await expect(steps.locator('li[data-state="current"]')).toHaveCount(1);
      await snap(page, `${lang}-rotation-steps-running`);
      await expect(dialog).toHaveCount(0, { timeout: 20_000 });

      // Focus on the pair: the new key's row (or one of its actions), or the old one's; never <body>.
      const fresh = state.listKeys(user.id).find((k) => k.name.startsWith(`${oldName} (`));
      expect(fresh, 'a replacement').toBeDefined();
      const newRow = page.locator(`#key-row-${fresh!.id}`);
      await expect(newRow).toBeVisible();
      await expect
        .poll(() =>
          page.evaluate(
            (ids) => ids.some((id) => document.getElementById(id)?.contains(document.activeElement)),
            [`key-row-${fresh!.id}`, `key-row-${old.key.id}`],
          ),
        )
        .toBe(true);

      // The question: styled answers on one line, nothing drawn over another cell, the old row keeps its name.
      await expect(oldRow.getByText(words.keyTable.usedRecently)).toBeVisible();
      await expect(oldRow).toContainText(oldName);
      const answers = [words.rotation.confirmRetire, words.rotation.cancelRetire].map((name) => oldRow.getByRole('button', { name, exact: true }));
      const body = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      for (const answer of answers) {
        await expect(answer).toBeVisible();
        const look = await answer.evaluate((b) => {
          const s = getComputedStyle(b);
          return {
            font: s.fontFamily,
            radius: s.borderTopLeftRadius,
            lineHeight: parseFloat(s.lineHeight) || 16,
            height: b.getBoundingClientRect().height,
          };
        });
        expect(look.font, 'the app font, not the platform button font').toBe(body);
        expect(look.radius).not.toBe('0px');
        expect(look.height, 'one line').toBeLessThan(look.lineHeight * 2 + 4);
      }
      const overlaps = await oldRow.evaluate((row) => {
        const boxes = [...row.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
        return [...row.querySelectorAll('button, .ask, .badge')].flatMap((el) => {
          const r = el.getBoundingClientRect();
          const cell = el.closest('td')!.getBoundingClientRect();
          const outside = r.left < cell.left - 0.5 || r.right > cell.right + 0.5;
          const overOther = boxes.some((b) => b !== cell && b.left !== cell.left && r.right > b.left + 0.5 && r.left < b.right - 0.5);
          return outside || overOther ? [el.textContent?.trim() ?? el.tagName] : [];
        });
      });
      expect(overlaps, 'drawn outside its own cell').toEqual([]);
      await expect.poll(() => rowHeights(page).then((h) => [...new Set(h)])).toEqual([heights[0]]);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const size of [
          { width: 800, height: 600 },
          { width: 1440, height: 860 },
        ]) {
          await page.setViewportSize(size);
          expect([...new Set(await rowHeights(page))], `one row height at ${size.width} px`).toHaveLength(1);
          await oldRow.scrollIntoViewIfNeeded();
          await snap(page, `${lang}-rotation-asking-${theme}-${size.width}`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      // Where the question is cut (800 px), it shows whole, IP included, while its row has focus.
      await page.setViewportSize({ width: 800, height: 600 });
      await answers[0]!.focus();
      const ask = oldRow.locator('.ask');
      expect(
        await ask.evaluate((el) => el.scrollWidth <= el.clientWidth || getComputedStyle(el, '::after').content.includes('203.0.113.250')),
        'the question whole while its row has focus',
      ).toBe(true);
      await snap(page, `${lang}-rotation-asking-focus-800`);

      // Keep the old key: both keys stay, the old one with its name; focus stays on its row; one row height still.
      await answers[1]!.click();
      await expect(oldRow.getByText(words.keyTable.usedRecently)).toHaveCount(0);
      await expect(oldRow).toContainText(oldName);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`key-row-${old.key.id}`);
      expect([...new Set(await rowHeights(page))]).toHaveLength(1);
      await expect(table).toBeVisible();
      await host.services.profiles.remove(profile.id);
    });
  });
}

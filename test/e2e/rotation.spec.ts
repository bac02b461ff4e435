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

// The commands a person runs: `npm run demo` in a French browser, and `npm run web` on a machine with no D-Bus (no keychain).
import { expect, test } from '@playwright/test';
import { startScript } from './processes';
import { startSimulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { labels } from './labels';

test.describe('npm run demo', () => {
  test.use({ locale: 'fr-FR' });

  test('serves the app with the demo profile; a French browser shows "Identifiants d\'API" and the demo keys', async ({ page }) => {
    const demo = await startScript('test/demo.ts', []);
    try {
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      await page.goto(demo.url);
      await expect(page.getByRole('heading', { name: labels.fr.title, level: 1 })).toBeVisible();
      expect(page.url()).not.toContain('token='); // traded for a cookie, gone from the address bar
      const table = page.getByRole('table');
      for (const name of ['Mettre-a-jour-BC', 'Grab-instance-list', 'Update KB'])
        await expect(table.getByRole('row', { name: new RegExp(name) })).toBeVisible();
      await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toContainText('172.27.127.164');
      // The key the demo profile itself uses is marked, so nobody revokes it unawares.
      await expect(table.getByRole('row', { name: /cloudmc-credentials-desktop/ })).toContainText('Utilisée par ce profil');
      // Without the token, the host refuses to serve anything.
      const denied = await page.request.get(new URL('/', demo.url).toString(), { headers: { cookie: '' } });
      expect(denied.status()).toBe(403);
    } finally {
      await demo.stop();
    }
  });
});

test.describe('npm run web with the system keychain on a machine with no D-Bus', () => {
  test.use({ locale: 'en-US' });

  test('starts, lists keys, keeps the access key for this session only and explains why storing is unavailable', async ({ page }) => {
    const state = new SimState();
    const { apiKey } = seedDemo(state);
    const sim = await startSimulator({ state });
    const env = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    const web = await startScript(
      'test/web-host/cli.ts',
      ['--port', '0', '--keychain', 'system', '--endpoint', sim.endpoint, '--api-key', apiKey],
      env,
    );
    try {
      await expect.poll(() => web.output()).toContain('keychain: system');
      await page.goto(web.url);
      const t = labels.en;
      await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
      await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
      await expect(page.getByText(/kept for this session only/i).first()).toBeVisible();
      await expect(page.getByText('The system keychain cannot be reached (no D-Bus session).').first()).toBeVisible();
      await page.getByRole('button', { name: t.generateOpen, exact: true }).first().click();
      const form = page.getByRole('dialog', { name: t.generateOpen });
      await expect(form.getByRole('checkbox')).toBeDisabled();
      await form.getByRole('button', { name: t.generate, exact: true }).click();
      await expect(page.getByRole('button', { name: t.storeInKeychain, exact: true })).toBeDisabled();
      await page.screenshot({ path: 'test-results/screens/en-no-keychain.png' });
    } finally {
      await web.stop();
      await sim.close();
    }
  });
});

// Many profiles on two CloudMC simulators: switching by click and Ctrl+K, offline browsing of cached lists, refresh all, search, import/export.
import fs from 'node:fs';
import path from 'node:path';
import { expect, rowAction, snap, test } from './fixtures';
import type { Locator } from '@playwright/test';
import { labels } from './labels';
import { startSimulator, type Simulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';

/** A profile's button in the sidebar, by the name it starts with (an organization may bear the same word, e.g. Globex). */
function profileButton(sidebar: Locator, name: string): Locator {
  return sidebar.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
}

const t = labels.en;
test.use({ locale: 'en-US' });

/** Simulator A (Acme, two users) and simulator B (Globex, one user), with the access keys of the three users. */
async function twoSimulators() {
  const stateA = new SimState();
  const rachel = seedDemo(stateA).apiKey;
  const martin = stateA.issueKey(stateA.findUserByName('mtremblay')!.id, { name: 'martin-desktop' }).secret;
  const stateB = new SimState();
  const helen = stateB.addUser({ userName: 'hscorpio', firstName: 'Hank', lastName: 'Scorpio', organization: { name: 'Globex' } });
  stateB.issueKey(helen.id, { name: 'globex-terraform', lastUsedIp: '198.51.100.23', lastUsedDate: new Date(Date.now() - 3_600_000).toISOString() });
  const hank = stateB.issueKey(helen.id, { name: 'hank-desktop' }).secret;
  const simA = await startSimulator({ state: stateA });
  let simB: Simulator = await startSimulator({ state: stateB });
  return {
    simA,
    rachel,
    martin,
    hank,
    get simB() {
      return simB;
    },
    async stopB() {
      await simB.close();
    },
    async restartB() {
      simB = await startSimulator({ state: stateB, port: simB.port });
    },
    async close() {
      await Promise.all([simA.close(), simB.close().catch(() => undefined)]);
    },
  };
}

test('switches profiles, browses a cached list offline, recovers, refreshes all and searches across profiles', async ({ app: page, host }) => {
  const sims = await twoSimulators();
  try {
    const acme = await host.services.profiles.add({ name: 'Acme – Rachel', endpoint: sims.simA.endpoint, apiKey: sims.rachel });
    await host.services.profiles.add({ name: 'Acme – Martin', endpoint: sims.simA.endpoint, apiKey: sims.martin });
    const globex = await host.services.profiles.add({ name: 'Globex', endpoint: sims.simB.endpoint, apiKey: sims.hank });
    await page.reload();
    const sidebar = page.getByRole('navigation').or(page.getByRole('complementary')).first();
    const table = page.getByRole('table');

    // The last profile used opens; switch by click.
    await expect(table.getByRole('row', { name: /globex-terraform/ })).toBeVisible();
    await profileButton(sidebar, 'Acme – Rachel').click();
    await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
    await expect(sidebar.getByText('Rachel Wilson · Acme Corporation')).toBeVisible();

    // Switch by keyboard.
    await page.keyboard.press('Control+k');
    const switcher = page.getByRole('dialog', { name: 'Switch profile' });
    await switcher.getByLabel('Profile', { exact: true }).fill('glob');
    await page.keyboard.press('Enter');
    await expect(switcher).toBeHidden();
    await expect(table.getByRole('row', { name: /globex-terraform/ })).toBeVisible();

    // CloudMC B goes away: after a reload the cached list shows under the Offline banner, and nothing pretends to work.
    await sims.stopB();
    await page.reload();
    const offline = page.getByRole('status', { name: t.offline });
    await expect(offline).toBeVisible();
    await expect(offline).toContainText(/ago|now/);
    await expect(table.getByRole('row', { name: /globex-terraform/ })).toBeVisible();
    await expect(page.getByRole('button', { name: t.generateOpen, exact: true }).first()).toBeDisabled();
    await expect(rowAction(table.getByRole('row', { name: /globex-terraform/ }), t.revoke)).toBeDisabled();
    await expect(sidebar.getByText('Showing cached list')).toBeVisible();
    await snap(page, 'en-offline');

    // The other profile stays live.
    await profileButton(sidebar, 'Acme – Rachel').click();
    await expect(table.getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
    await expect(page.getByRole('status', { name: t.offline })).toHaveCount(0);

    // Back on Globex, still offline; then CloudMC B is back and Refresh recovers.
    await profileButton(sidebar, 'Globex').click();
    await expect(offline).toBeVisible();
    await sims.restartB();
    await page.getByRole('button', { name: t.refresh, exact: true }).click();
    await expect(page.getByRole('status', { name: t.offline })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t.generateOpen, exact: true }).first()).toBeEnabled();

    // Refresh all: one slow CloudMC does not hold up the others, and the run can be cancelled.
    // Slow enough that the run is still going when Cancel is clicked, on a loaded machine too (Cancel aborts the calls under way).
    sims.simA.faults.add({ fault: { kind: 'latency', ms: 20_000 }, method: 'GET', pathPrefix: '/api_keys' });
    await page.getByRole('button', { name: 'Refresh all' }).click();
    const panel = page
      .getByRole('dialog', { name: 'Refresh all' })
      .or(page.getByRole('region', { name: 'Refresh all' }))
      .first();
    await expect(panel.getByText(/1 of 3/)).toBeVisible();
    await snap(page, 'en-refresh-all');
    await panel.getByRole('button', { name: t.cancel, exact: true }).click();
    await expect(panel.getByText(/Cancelled/).first()).toBeVisible();
    sims.simA.faults.clear();

    // Search every cached list.
    await page.getByLabel('Search all keys').fill('terraform');
    const hit = page
      .getByRole('button', { name: /globex-terraform/ })
      .or(page.getByRole('link', { name: /globex-terraform/ }))
      .or(page.getByRole('option', { name: /globex-terraform/ }))
      .first();
    await expect(hit).toBeVisible();
    await expect(hit).toContainText('Globex');
    await snap(page, 'en-search');
    await profileButton(sidebar, 'Acme – Rachel').click();
    await page.getByLabel('Search all keys').fill('terraform');
    await hit.click();
    await expect(table.getByRole('row', { name: /globex-terraform/ })).toBeVisible();
    expect(globex.id).not.toBe(acme.id);
  } finally {
    await sims.close();
  }
});

test('exports profiles and imports them back, reporting each bad entry', async ({ app: page, host, cloudmc }, testInfo) => {
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export profiles' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('cloudmc-profiles.json');
  const exported = fs.readFileSync(await download.path(), 'utf8');
  expect(exported).not.toContain(cloudmc.apiKey);
  const doc = JSON.parse(exported) as { profiles: { name: string; endpoint: string }[] };
  expect(doc.profiles).toEqual([{ name: 'Acme', endpoint: cloudmc.sim.endpoint }]);

  // Import the fixture with bad entries plus the exported profile (a duplicate, skipped).
  const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/profiles/import-with-bad-entries.json'), 'utf8')) as {
    profiles: unknown[];
  };
  const file = testInfo.outputPath('import.json');
  fs.writeFileSync(file, JSON.stringify({ ...fixture, profiles: [...fixture.profiles, ...doc.profiles] }));
  await page.getByRole('button', { name: 'Import profiles' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import profiles' });
  await dialog.getByLabel('Profiles file (JSON)').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('2 profiles added')).toBeVisible();
  await expect(dialog.getByText('1 profile skipped (already exists)')).toBeVisible();
  await expect(dialog.getByText('7 entries could not be imported')).toBeVisible();
  await expect(dialog.getByText('The endpoint is not a valid https:// URL.').first()).toBeVisible();
  await expect(dialog.getByText('The same profile appears twice in the file.')).toBeVisible();
  // Entries are numbered as in the file: the second entry has the empty name.
  await expect(dialog.getByText('Entry 2, Profile name: The name is missing or too long.')).toBeVisible();
  await snap(page, 'en-import-report');
  expect((await host.services.profiles.list()).map((p) => p.name).sort()).toEqual(['Acme', 'Production', 'Staging']);
});

test.describe('restarted with every CloudMC unreachable', () => {
  test.use({ keychainMode: 'system' });
  test.skip(
    !process.env['DBUS_SESSION_BUS_ADDRESS'],
    'needs a D-Bus session with gnome-keyring: npm test runs this suite through test/with-secret-service.sh',
  );

  test("every profile's last list is browsable, marked Offline with its time, and no action pretends to work", async ({
    page,
    context,
    host,
    dataDir,
  }) => {
    const sims = await twoSimulators();
    const added = [
      await host.services.profiles.add({ name: 'Acme – Rachel', endpoint: sims.simA.endpoint, apiKey: sims.rachel }),
      await host.services.profiles.add({ name: 'Globex', endpoint: sims.simB.endpoint, apiKey: sims.hank }),
    ];
    for (const p of added) await host.services.credentials.refresh(p.id);
    await sims.close();
    await host.close();

    // A new process on the same data dir and the same OS keychain: an app restart.
    const { startWebHost } = await import('../web-host/server');
    const restarted = await startWebHost({
      dataDir,
      rendererDir: path.resolve(import.meta.dirname, '../../out/renderer'),
      keychain: 'system',
      clientOptions: { timeoutMs: 2000, attempts: 1 },
      logSink: () => undefined,
    });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: restarted.origin });
      await page.goto(restarted.url);
      const sidebar = page.getByRole('navigation').or(page.getByRole('complementary')).first();
      for (const [name, row] of [
        ['Acme – Rachel', /Mettre-a-jour-BC/],
        ['Globex', /globex-terraform/],
      ] as const) {
        await profileButton(sidebar, name).click();
        const offline = page.getByRole('status', { name: t.offline });
        await expect(offline).toBeVisible();
        await expect(offline).toContainText(/\d{4}/); // the absolute time it was saved
        await expect(page.getByRole('table').getByRole('row', { name: row })).toBeVisible();
        await expect(page.getByRole('button', { name: t.generateOpen, exact: true }).first()).toBeDisabled();
        await expect(rowAction(page.getByRole('table').getByRole('row', { name: row }), t.edit)).toBeDisabled();
      }
      await snap(page, 'en-restarted-offline');
    } finally {
      await restarted.close();
      for (const p of added) await restarted.services.profiles.remove(p.id).catch(() => undefined);
    }
  });
});

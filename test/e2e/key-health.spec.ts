// Key health and the Activity panel in each language: every kind of finding (never used, idle, new IP between two refreshes, a
// CloudMC-style default name, a stored copy of a key revoked on CloudMC, the profile's own key) listed with its profile and key;
// "Show key" leads to the key's row; the Activity panel lists CloudMC's events online and its last copy, with its "as of" time, offline.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ACCESS_KEY_NAME } from '../cloudmc-sim/seed';
import AxeBuilder from '@axe-core/playwright';
import { expect, snap, test } from './fixtures';
import { labels, type Lang } from './labels';
import { axeState, type Finding } from './a11y-helpers';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The words this spec reads from the app's locale files. */
interface Words {
  health: {
    open: string;
    title: string;
    showKey: string;
    goneKey: string;
    queue: string;
    facts: string;
    snooze: string;
    snoozeFor: string;
    note: string;
    unsnooze: string;
    period: Record<string, string>;
    kind: Record<'new-ip' | 'orphaned-copy' | 'never-used' | 'idle' | 'default-name' | 'profile-access-key', string>;
    why: Record<string, string>;
  };
  activity: {
    open: string;
    title: string;
    offline: string;
    asOf: string;
    failed: string;
    event: { users: Record<'login' | 'logout', string>; api_key: Record<'renamed', string> };
  };
}

/** The app's locale file for a language (the health, activity and kind labels). */
function locale(lang: Lang): Words {
  const file = path.resolve(import.meta.dirname, `../../src-renderer/src/lib/i18n/locales/${lang}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Words;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The queue's rows of one kind (each row's checkbox is named by its kind and key). */
function findingsOf(page: Page, words: Words, kindLabel: string): Locator {
  return page
    .getByRole('list', { name: words.health.queue, exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: new RegExp(`^${escape(kindLabel)} `) }) });
}

/** Keys whose findings the spec knows, by kind. */
const names = {
  neverUsed: 'ancient-never-used',
  idle: 'idle-since-last-year',
  moved: 'moving-worker',
  defaultName: 'key-1a2b3c',
  orphan: 'revoked-on-cloudmc',
};
const firstIp = '198.51.100.20';
const secondIp = '192.0.2.200';

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const words = locale(lang);
  test.describe(`key health in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });

    test(`lists each kind of finding with its profile and key, and Show key leads to the row (${lang})`, async ({ app: page, host, cloudmc }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      const now = Date.now();
      const neverUsed = state.issueKey(user.id, { name: names.neverUsed, creationDate: new Date(now - 400 * DAY).toISOString() }).key;
      state.issueKey(user.id, {
        name: names.idle,
        creationDate: new Date(now - 300 * DAY).toISOString(),
        lastUsedDate: new Date(now - 200 * DAY).toISOString(),
        lastUsedIp: '203.0.113.9',
      });
      const moved = state.issueKey(user.id, {
        name: names.moved,
        creationDate: new Date(now - 10 * DAY).toISOString(),
        lastUsedDate: new Date(now - 2 * HOUR).toISOString(),
        lastUsedIp: firstIp,
      }).key;
      state.issueKey(user.id, {
        name: names.defaultName,
        creationDate: new Date(now - 3 * DAY).toISOString(),
        lastUsedDate: new Date(now - 3 * HOUR).toISOString(),
        lastUsedIp: '203.0.113.77',
      });
      const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      const orphan = await host.services.credentials.generate(profile.id, names.orphan, true);
      host.services.secretActions.dismiss(orphan.secretId);

      // First refresh: the moving key is seen at its first IP.
      await page.reload();
      const table = page.getByRole('table');
      const movedRow = table.getByRole('row', { name: new RegExp(names.moved) });
      await expect(movedRow).toContainText(firstIp);

      // Between two refreshes: the key is used from another IP, and the stored copy's key is revoked on CloudMC directly.
      const live = state.getKey(user.id, moved.id);
      if (!live) throw new Error('the moving key is missing');
      live.lastUsedIp = secondIp;
      live.lastUsedDate = new Date().toISOString();
      state.revokeKey(user.id, orphan.key.id);
      await page.getByRole('button', { name: t.refresh, exact: true }).click();
      await expect(movedRow).toContainText(secondIp);
      await expect(table.getByRole('row', { name: new RegExp(names.orphan) })).toHaveCount(0);

      await page.getByRole('button', { name: words.health.open, exact: true }).click();
      await expect(page.getByRole('heading', { name: words.health.title, level: 1 })).toBeVisible();
      const kind = words.health.kind;
      const expectFinding = async (kindLabel: string, key: string, detail?: string): Promise<void> => {
        const item = findingsOf(page, words, kindLabel).filter({ hasText: key });
        await expect(item, `${kindLabel}: ${key}`).toHaveCount(1);
        if (detail) await expect(item).toContainText(detail);
      };
      await expectFinding(kind['never-used'], names.neverUsed);
      await expectFinding(kind.idle, names.idle);
      await expectFinding(kind['new-ip'], names.moved, secondIp);
      await expectFinding(kind['default-name'], names.defaultName);
      // The key is gone from CloudMC: the finding names its profile and says the key no longer exists there.
      await expectFinding(kind['orphaned-copy'], words.health.goneKey, words.health.why['orphaned-copy']);
      // "Used by this app" is a fact apart from the queue, never a finding.
      await expect(findingsOf(page, words, kind['profile-access-key'])).toHaveCount(0);
      const facts = page.getByRole('region', { name: words.health.facts, exact: true });
      await expect(facts.getByRole('listitem').filter({ hasText: ACCESS_KEY_NAME })).toContainText(kind['profile-access-key']);
      // The queue's group is headed by the profile; most severe first (new IP before never used before default name).
      await expect(page.getByRole('heading', { level: 3, name: /^Acme/ })).toBeVisible();
      const order = await page
        .getByRole('list', { name: words.health.queue, exact: true })
        .getByRole('checkbox')
        .evaluateAll((boxes) =>
          boxes.map(
            (b) =>
              b
                .getAttribute('aria-labelledby')
                ?.split(' ')
                .map((id) => document.getElementById(id)?.textContent ?? '')[0] ?? '',
          ),
        );
      expect(order.indexOf(kind['new-ip'])).toBeLessThan(order.indexOf(kind['never-used']));
      expect(order.indexOf(kind['never-used'])).toBeLessThan(order.indexOf(kind['default-name']));
      // The idle and never-used keys are not reported as a new IP; the moving key is not idle.
      await expect(findingsOf(page, words, kind['new-ip']).filter({ hasText: names.idle })).toHaveCount(0);
      await expect(findingsOf(page, words, kind.idle).filter({ hasText: names.moved })).toHaveCount(0);
      await snap(page, `${lang}-key-health-findings`);

      // "Show key" on the never-used finding: its profile opens and its row is focused and highlighted.
      await findingsOf(page, words, kind['never-used'])
        .filter({ hasText: names.neverUsed })
        .getByRole('button', { name: `${words.health.showKey} ${names.neverUsed}`, exact: true })
        .click();
      const row = page.locator(`#key-row-${neverUsed.id}`);
      await expect(row).toBeVisible();
      await expect(row).toBeInViewport();
      await expect(row).toBeFocused();
      await expect(row).toHaveAttribute('aria-current', 'true');
      await snap(page, `${lang}-key-health-show-key`);
    });

    test(`a 5,000-key profile: a bounded, windowed queue; snooze two findings with a note; axe clean (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: 800, height: 600 });
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      const now = Date.now();
      for (let i = 0; i < 5000; i++)
        state.issueKey(user.id, {
          name: `svc-${String(i).padStart(4, '0')}`,
          creationDate: new Date(now - 120 * DAY).toISOString(),
          ...(i % 10 < 3 ? {} : { lastUsedDate: new Date(now - DAY).toISOString(), lastUsedIp: '203.0.113.9' }),
        });
      await host.services.profiles.add({ name: 'Big', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await page.reload();
      await page.getByRole('button', { name: words.health.open, exact: true }).click();
      const queue = page.getByRole('list', { name: words.health.queue, exact: true });
      await expect(queue.getByRole('checkbox').first()).toBeVisible();
      // Windowed: a bounded number of rows in the page, and a page of ordinary height.
      expect(await queue.locator('li').count()).toBeLessThan(80);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);
      // Scrolling the queue brings later findings in, still bounded.
      await page.locator('.queue').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
      await expect(queue.getByText(/svc-2\d\d\d/).first()).toBeVisible();
      expect(await queue.locator('li').count()).toBeLessThan(80);
      await page.locator('.queue').evaluate((el) => el.scrollTo(0, 0));

      const a11y: Finding[] = [];
      await axeState(page, `${lang}-key-health-queue`, a11y);
      const headingOrder = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
      expect(headingOrder.violations).toEqual([]);
      await snap(page, `${lang}-key-health-queue-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await snap(page, `${lang}-key-health-queue-dark`);
      await page.emulateMedia({ colorScheme: 'light' });

      // Two findings chosen with the keyboard, snoozed for 30 days with a note.
      const boxes = queue.getByRole('checkbox');
      const firstName = (await queue.locator('.key').nth(0).textContent()) ?? '';
      await boxes.nth(0).focus();
      await page.keyboard.press('Space');
      await boxes.nth(1).focus();
      await page.keyboard.press('Space');
      const count = page.getByRole('status').filter({ hasText: /\d/ }).first();
      const before = await count.textContent();
      await page.getByRole('button', { name: words.health.snooze, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(words.health.snoozeFor, { exact: true }).selectOption({ label: words.health.period['30d'] ?? '' });
      await dialog.getByLabel(words.health.note, { exact: true }).fill('decommissioning next sprint');
      await axeState(page, `${lang}-key-health-snooze-dialog`, a11y);
      await snap(page, `${lang}-key-health-snooze-dialog`);
      await dialog.getByRole('button', { name: words.health.snooze, exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(count).not.toHaveText(before ?? '');
      await expect(queue.getByText(firstName, { exact: true })).toHaveCount(0);

      // Shown on request, with the note; main kept it.
      await page.getByRole('button', { name: new RegExp(`\\(2\\)$`) }).click();
      await expect(page.getByText('decommissioning next sprint').first()).toBeVisible();
      const report = await host.services.health.findings();
      expect(report.snoozed.map((f) => f.snooze.note)).toEqual(['decommissioning next sprint', 'decommissioning next sprint']);
      await axeState(page, `${lang}-key-health-snoozed`, a11y);
      expect((await new AxeBuilder({ page }).withRules(['heading-order']).analyze()).violations).toEqual([]);
      await page
        .getByRole('heading', { level: 2, name: new RegExp('.') })
        .last()
        .scrollIntoViewIfNeeded();
      await snap(page, `${lang}-key-health-snoozed-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await snap(page, `${lang}-key-health-snoozed-dark`);
      expect(a11y).toEqual([]);
    });

    test(`the Activity panel lists CloudMC's events, then its last copy with its "as of" time offline (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      const now = Date.now();
      state.addActivity(user.id, { eventCode: 'users.login', requesterIp: '203.0.113.50', created: new Date(now - 5 * HOUR).toISOString() });
      state.addActivity(user.id, { eventCode: 'api_key.renamed', requesterIp: '203.0.113.50', created: new Date(now - 4 * HOUR).toISOString() });
      state.addActivity(user.id, { eventCode: 'users.logout', requesterIp: '192.0.2.99', created: new Date(now - 3 * HOUR).toISOString() });
      await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await page.reload();
      await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();

      const toggle = page.getByRole('button', { name: words.activity.open, exact: true });
      const panel = page.getByRole('region', { name: words.activity.title, exact: true });
      const ev = words.activity.event;
      const expectEvents = async (): Promise<void> => {
        const rows = panel.getByRole('table').getByRole('row');
        await expect(rows.filter({ hasText: ev.users.login }).filter({ hasText: '203.0.113.50' })).toHaveCount(1);
        await expect(rows.filter({ hasText: ev.api_key.renamed })).toHaveCount(1);
        await expect(rows.filter({ hasText: ev.users.logout }).filter({ hasText: '192.0.2.99' })).toHaveCount(1);
      };

      // Online: the simulator's events, with the time they were fetched.
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expectEvents();
      const asOfPrefix = words.activity.asOf.split('{time}')[0] ?? words.activity.asOf;
      const asOf = panel.getByText(asOfPrefix);
      await expect(asOf).toBeVisible();
      const asOfOnline = await asOf.textContent();
      await expect(panel.getByText(words.activity.offline, { exact: true })).toHaveCount(0);
      await snap(page, `${lang}-activity-online`);

      // CloudMC unreachable: reopening the panel shows the cached events and the time they were fetched.
      await toggle.click();
      await expect(panel).toHaveCount(0);
      await cloudmc.sim.close();
      await toggle.click();
      await expect(panel.getByText(words.activity.failed)).toBeVisible();
      await expect(panel.getByText(words.activity.offline, { exact: true })).toBeVisible();
      await expectEvents();
      await expect(panel.getByText(asOfPrefix)).toHaveText(asOfOnline ?? '?');
      await snap(page, `${lang}-activity-offline`);
    });
  });
}

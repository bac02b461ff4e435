// Finding a key in a 5,000-key profile, in each language: Filter keys (name, last IP), sort by each column with aria-sort, honest
// counts, fixed columns that keep Edit and Revoke in view (long IPv6, a stored copy, 800×600 and 320 px), and a "Search all keys"
// result that opens its profile and scrolls to, highlights and focuses its key. Prints the filter and sort times (no time assertion).
import type { Page } from '@playwright/test';
import type { SimState } from '../cloudmc-sim/state';
import { expect, rowAction, snap, test } from './fixtures';
import { labels, type Lang } from './labels';

/** The labels the UI specification fixes for what the app adds, and the app's own words this spec reads. */
const words: Record<Lang, { filter: string; created: string; search: string; keys: string; shown: string }> = {
  en: { filter: 'Filter keys', created: 'Created', search: 'Search all keys', keys: 'keys', shown: 'of {total} shown' },
  fr: { filter: 'Filtrer les clés', created: 'Créée le', search: 'Rechercher dans toutes les clés', keys: 'clés', shown: 'sur {total} affichées' },
  es: { filter: 'Filtrar claves', created: 'Creada', search: 'Buscar en todas las claves', keys: 'claves', shown: 'de {total} mostradas' },
};

const BIG = 5000;
const MINUTE = 60_000;
/** A long IPv6 address (the kind that pushed the actions out of view). */
const longIp = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';

/** Keys of the big profile whose place under each sort the spec knows. */
const marks = {
  needle: 'needle-report-2211',
  first: 'Aardvark exporter',
  lowestIp: 'lowest-ip',
  latestUse: 'latest-use',
  oldest: 'oldest-key',
  ipv6: 'edge-proxy-ipv6',
};

/** Issues 5,000 keys to a user: a few marked ones, the rest "job-NNNN" with IPv4, IPv6 or no address; creation spread over days. */
function seedBigList(state: SimState, userId: string): void {
  const now = Date.now();
  for (let i = 0; i < BIG - 6; i++) {
    const ip = i % 3 === 0 ? `10.${(i >> 8) & 255}.${i & 255}.${(i % 200) + 2}` : i % 3 === 1 ? `2001:db8::${i.toString(16)}` : undefined;
    state.issueKey(userId, {
      name: `job-${String(i).padStart(4, '0')}`,
      creationDate: new Date(now - (i + 10) * 7 * MINUTE).toISOString(),
      ...(ip ? { lastUsedIp: ip, lastUsedDate: new Date(now - (i + 60) * 11 * MINUTE).toISOString() } : {}),
    });
  }
  const mid = new Date(now - 2500 * 7 * MINUTE).toISOString();
  state.issueKey(userId, { name: marks.needle, creationDate: mid, lastUsedIp: '192.0.2.77', lastUsedDate: mid });
  state.issueKey(userId, { name: marks.first, creationDate: mid });
  state.issueKey(userId, { name: marks.lowestIp, creationDate: mid, lastUsedIp: '1.0.0.1', lastUsedDate: mid });
  // Used "in an hour" (a clock ahead): later than the app's own access key, which each refresh uses.
  state.issueKey(userId, {
    name: marks.latestUse,
    creationDate: mid,
    lastUsedIp: '198.51.100.1',
    lastUsedDate: new Date(now + 60 * MINUTE).toISOString(),
  });
  state.issueKey(userId, { name: marks.oldest, creationDate: '2010-03-04T05:06:07.000Z' });
  state.issueKey(userId, { name: marks.ipv6, creationDate: new Date(now - 5 * MINUTE).toISOString(), lastUsedIp: longIp, lastUsedDate: mid });
}

/** Waits for the page to paint after an input event; answers the time the app took to handle it (script, DOM, layout) and until the next frame. */
async function timedInput(
  page: Page,
  action: { kind: 'filter'; value: string } | { kind: 'sort'; label: string },
): Promise<{ handled: number; frame: number }> {
  return page.evaluate(async (action) => {
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await frame();
    const status = document.querySelector('#key-table')?.closest('.key-table')?.querySelector('[role="status"]');
    const before = status?.textContent;
    const firstRow = (): string | undefined => document.querySelector('#key-table tbody tr[id]')?.id;
    const rowBefore = firstRow();
    const start = performance.now();
    if (action.kind === 'filter') {
      const input = document.querySelector<HTMLInputElement>('input[aria-controls="key-table"]');
      if (!input) throw new Error('no filter box');
      input.value = action.value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    } else {
      const button = [...document.querySelectorAll<HTMLButtonElement>('#key-table th button')].find((b) => b.textContent?.trim() === action.label);
      if (!button) throw new Error(`no sort button ${action.label}`);
      button.click();
    }
    // Svelte applies the change in a microtask: wait for it, then force style and layout.
    for (let i = 0; i < 20 && status?.textContent === before && firstRow() === rowBefore; i++) await Promise.resolve();
    void (document.body.offsetHeight + (document.querySelector('#key-table') as HTMLElement).offsetHeight);
    const handled = performance.now() - start;
    await frame();
    return { handled, frame: performance.now() - start };
  }, action);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

for (const lang of ['en', 'fr', 'es'] as Lang[]) {
  const t = labels[lang];
  const w = words[lang];
  test.describe(`finding keys in ${lang}`, () => {
    test.use({ locale: t.locale, timezoneId: 'Europe/Madrid' });

    test(`filter, sort, counts and a search result in a 5,000-key profile (${lang})`, async ({ app: page, host, cloudmc }) => {
      test.setTimeout(180_000);
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      seedBigList(state, user.id);
      const other = state.addUser({ userName: 'small-team', organization: { name: 'Small team' } });
      state.issueKey(other.id, { name: 'small-only' });
      const smallKey = state.issueKey(other.id, { name: 'small-access' }).secret;
      const big = await host.services.profiles.add({ name: 'Big', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      await host.services.profiles.add({ name: 'Small', endpoint: cloudmc.sim.endpoint, apiKey: smallKey });
      // A stored copy on one row: the actions column must not widen for the others.
      const stored = await host.services.credentials.generate(big.id, 'stored-copy-key', true);
      host.services.secretActions.dismiss(stored.secretId);
      const total = state.listKeys(user.id).length;
      const number = new Intl.NumberFormat(t.locale);
      const count = (n: number): string => number.format(n);

      await page.reload();
      const nav = page.getByRole('navigation');
      await nav.getByRole('button', { name: /^Big/ }).first().click();
      const table = page.getByRole('table');
      await expect(table.getByRole('row', { name: /stored-copy-key/ })).toBeVisible();

      // Counts: the whole list; Created is main's order (newest first), the default.
      await expect(page.getByRole('status').filter({ hasText: `${count(total)} ${w.keys}` })).toBeVisible();
      const header = (name: string) => table.getByRole('columnheader', { name, exact: true });
      for (const name of [t.colName, t.colLastIp, t.colLastActivity, w.created]) await expect(header(name)).toBeVisible();
      await expect(header(w.created)).toHaveAttribute('aria-sort', 'descending');
      for (const name of [t.colName, t.colLastIp, t.colLastActivity]) await expect(header(name)).toHaveAttribute('aria-sort', 'none');
      expect(await table.locator('tbody tr[id]').count()).toBeLessThan(80); // windowed

      // Fixed columns: the same widths after scrolling to the middle; Edit at the same place on the stored-copy row and the others.
      const widths = () => table.locator('thead th').evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
      const before = await widths();
      await table.evaluate((el) => {
        const scroller = el.parentElement as HTMLElement;
        scroller.scrollTop = scroller.scrollHeight / 2;
      });
      await expect(table.getByRole('row', { name: /job-2\d{3}/ }).first()).toBeVisible();
      expect(await widths()).toEqual(before);
      await table.evaluate((el) => ((el.parentElement as HTMLElement).scrollTop = 0));
      const editX = async (name: RegExp) => (await rowAction(table.getByRole('row', { name }), t.edit).boundingBox())?.x;
      await expect(table.getByRole('row', { name: /stored-copy-key/ })).toBeVisible();
      expect(await editX(/stored-copy-key/)).toBe(await editX(new RegExp(marks.ipv6)));

      // Filter by name, case-insensitive, as you type; then by last IP.
      const filter = page.getByRole('searchbox', { name: w.filter, exact: true });
      await filter.fill('NEEDLE-report');
      await expect(page.getByRole('status').filter({ hasText: `1 ${w.shown.replace('{total}', count(total))}` })).toBeVisible();
      await expect(table.getByRole('row', { name: new RegExp(marks.needle) })).toBeVisible();
      await expect(table.locator('tbody tr[id]')).toHaveCount(1);
      await filter.fill('2001:0DB8:85A3');
      await expect(table.locator('tbody tr[id]')).toHaveCount(1);
      await expect(table.getByRole('row', { name: new RegExp(marks.ipv6) })).toBeVisible();
      await snap(page, `${lang}-finding-01-filter-ip`);
      await filter.fill('');
      await expect(page.getByRole('status').filter({ hasText: `${count(total)} ${w.keys}` })).toBeVisible();

      // Sort by each column, aria-sort on its header; the first row is the one the sort puts first.
      const firstRow = () => table.locator('tbody tr[id]').first();
      const sortBy = (name: string) => header(name).getByRole('button', { name, exact: true }).click();
      await sortBy(t.colName);
      await expect(header(t.colName)).toHaveAttribute('aria-sort', 'ascending');
      await expect(header(w.created)).toHaveAttribute('aria-sort', 'none');
      await expect(firstRow()).toContainText(marks.first);
      await sortBy(t.colName);
      await expect(header(t.colName)).toHaveAttribute('aria-sort', 'descending');
      const lastByName = state
        .listKeys(user.id)
        .map((k) => k.name)
        .sort(new Intl.Collator(lang, { sensitivity: 'base', numeric: true }).compare)
        .at(-1);
      await expect(firstRow()).toContainText(lastByName ?? '?');
      await sortBy(t.colLastIp);
      await expect(header(t.colLastIp)).toHaveAttribute('aria-sort', 'ascending');
      await expect(header(t.colName)).toHaveAttribute('aria-sort', 'none');
      await expect(firstRow()).toContainText(marks.lowestIp);
      await sortBy(t.colLastActivity);
      await expect(header(t.colLastActivity)).toHaveAttribute('aria-sort', 'descending');
      await expect(firstRow()).toContainText(marks.latestUse);
      // Created starts newest first (main's own order), then turns around.
      await sortBy(w.created);
      await expect(header(w.created)).toHaveAttribute('aria-sort', 'descending');
      await expect(firstRow()).toContainText('stored-copy-key');
      await sortBy(w.created);
      await expect(header(w.created)).toHaveAttribute('aria-sort', 'ascending');
      await expect(firstRow()).toContainText(marks.oldest);
      await snap(page, `${lang}-finding-02-sorted`);

      // Figures: one keystroke of the filter and one sort on 5,000 keys (printed for the bench; no time assertion here).
      const keystrokes: { handled: number; frame: number }[] = [];
      for (let round = 0; round < 3; round++)
        for (const value of ['j', 'jo', 'job', 'job-', 'job-1', 'job-12', 'job-1', 'job-', 'job', 'jo', 'j', ''])
          keystrokes.push(await timedInput(page, { kind: 'filter', value }));
      const sorts: { handled: number; frame: number }[] = [];
      for (let round = 0; round < 3; round++)
        for (const label of [t.colName, t.colName, t.colLastIp, t.colLastActivity, w.created, w.created])
          sorts.push(await timedInput(page, { kind: 'sort', label }));
      console.log(
        `[table figures ${lang}] ${count(total)} keys: filter keystroke handled median ${median(keystrokes.map((k) => k.handled)).toFixed(1)} ms, ` +
          `max ${Math.max(...keystrokes.map((k) => k.handled)).toFixed(1)} ms; until next frame median ${median(keystrokes.map((k) => k.frame)).toFixed(1)} ms | ` +
          `sort handled median ${median(sorts.map((s) => s.handled)).toFixed(1)} ms, max ${Math.max(...sorts.map((s) => s.handled)).toFixed(1)} ms; ` +
          `until next frame median ${median(sorts.map((s) => s.frame)).toFixed(1)} ms\n` +
          `  keystrokes handled: ${keystrokes.map((k) => k.handled.toFixed(1)).join(' ')}\n  sorts handled: ${sorts.map((k) => k.handled.toFixed(1)).join(' ')}`,
      );

      // Search all keys across profiles: honest counts, then a result that opens its profile and shows its key.
      await nav
        .getByRole('button', { name: /^Small/ })
        .first()
        .click();
      await expect(table.getByRole('row', { name: /small-only/ })).toBeVisible();
      const search = page.getByRole('searchbox', { name: w.search, exact: true });
      await search.fill('job-');
      await expect(page.getByRole('status').filter({ hasText: `200 ${w.shown.replace('{total}', count(BIG - 6))}` })).toBeVisible();
      await search.fill(marks.needle);
      await page.getByRole('button', { name: new RegExp(marks.needle) }).click();
      const row = table.getByRole('row', { name: new RegExp(marks.needle) });
      await expect(row).toBeFocused();
      await expect(row).toHaveAttribute('aria-current', 'true');
      await expect(row).toBeInViewport();
      await expect(row).toHaveId(/^key-row-/);
      await snap(page, `${lang}-finding-03-search-result`);
    });

    test(`a long name with badges is whole at 1280 px, and whole on focus where it is cut (${lang})`, async ({ app: page, host, cloudmc }) => {
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      state.issueKey(user.id, { name: 'plain-neighbour', lastUsedIp: '192.0.2.10', lastUsedDate: new Date().toISOString() });
      const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      // 40 characters, with a stored copy (a badge beside the name's line) and a note.
      const name = 'customer-portal-production-eu-west-bkp01';
      expect(name).toHaveLength(40);
      const made = await host.services.credentials.generate(profile.id, name, true);
      host.services.secretActions.dismiss(made.secretId);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.reload();
      const row = page.locator(`#key-row-${made.key.id}`);
      await expect(row).toBeVisible();
      const cut = (r: typeof row) => r.locator('td.name .line .clip').evaluate((el) => el.scrollWidth > el.clientWidth + 0.5);
      expect(await cut(row), 'the whole name at 1280 px').toBe(false);
      await snap(page, `${lang}-finding-05-long-name-1280`);
      // Narrower, the name is cut; focusing any of its row's actions shows it whole (no hover needed).
      await page.setViewportSize({ width: 800, height: 600 });
      await expect.poll(() => cut(row)).toBe(true);
      await rowAction(row, t.edit).focus();
      const shown = await row
        .locator('td.name .line .clip')
        .evaluate((el) => ({ content: getComputedStyle(el, '::after').content, width: parseFloat(getComputedStyle(el, '::after').width) }));
      expect(shown.content).toContain(name);
      await snap(page, `${lang}-finding-06-long-name-focus-800`);
    });

    test(`the list loads without shifting the layout (CLS < 0.1), from the network and from the cache; a row on the first screen at 200% (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      // Every layout shift from the page's first paint, summed (stricter than the worst session window).
      await page.addInitScript(() => {
        type Shift = PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
          sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
        };
        const w = window as unknown as { __cls: number; __shifts: string[] };
        w.__cls = 0;
        w.__shifts = [];
        const describe = (node: Node | null): string =>
          node instanceof Element
            ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${[...node.classList].join('.')}`
            : String(node?.nodeName);
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            w.__cls += entry.value;
            // What moved, for the failure message.
            w.__shifts.push(
              `${entry.value.toFixed(3)}: ${entry.sources.map((s) => `${describe(s.node)} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`).join(', ')}`,
            );
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const cls = () => page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      const shifts = () => page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts.join('\n'));
      for (const size of [
        { width: 1280, height: 800 },
        { width: 800, height: 600 },
      ]) {
        await page.setViewportSize(size);
        // The network slow: the cached list first (when there is one), then CloudMC's answer.
        for (const round of ['network', 'cache'] as const) {
          cloudmc.sim.faults.add({ fault: { kind: 'latency', ms: 1200 }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
          await page.reload();
          await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
          await expect.poll(() => cloudmc.sim.faults.list().length, { message: 'the slow answer was used' }).toBe(0);
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          await page.waitForLoadState('networkidle');
          expect(await cls(), `CLS at ${size.width} px (${round}):\n${await shifts()}`).toBeLessThan(0.1);
        }
      }
      // 200% zoom: 1280×860 at 200% is a 640×430 CSS px viewport; the first screen shows at least one whole key row.
      await page.setViewportSize({ width: 640, height: 430 });
      await page.reload();
      const first = page.locator('#key-table tbody tr[id]').first();
      await expect(first).toBeVisible();
      const box = await first.boundingBox();
      expect(box, 'a key row').not.toBeNull();
      expect(box!.y + box!.height, 'a whole key row above the fold at 200%').toBeLessThanOrEqual(430);
      await snap(page, `${lang}-finding-07-zoom-200`);
    });

    test(`columns that do not fit move under the name; Edit and Revoke stay in view (${lang})`, async ({ app: page, host, cloudmc }) => {
      test.setTimeout(120_000);
      const state = cloudmc.sim.state;
      const user = state.findUserByName('rwilson');
      if (!user) throw new Error('the demo user is missing');
      seedBigList(state, user.id);
      await host.services.profiles.add({ name: 'Big', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
      for (const size of [
        { width: 800, height: 600 },
        { width: 320, height: 600 },
      ]) {
        await page.setViewportSize(size);
        await page.reload();
        const table = page.getByRole('table');
        const row = table.getByRole('row', { name: new RegExp(marks.ipv6) });
        await expect(row).toBeVisible();
        for (const name of [t.edit, t.revoke]) {
          const box = await rowAction(row, name).boundingBox();
          expect(box, `${name} at ${size.width} px`).not.toBeNull();
          expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
          expect(box!.x).toBeGreaterThanOrEqual(0);
        }
        // No page-level sideways scroll from the table.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        // The IP hidden from its column is still in the row (its accessible name), under the name.
        await expect(row).toContainText(size.width <= 400 ? longIp : marks.ipv6);
        await rowAction(row, t.edit).focus();
        await snap(page, `${lang}-finding-04-table-${size.width}`);
      }
    });
  });
}

// CloudMC misbehaving, end to end (docs/security.md 18–22): for each fault the app shows its own translated message, stays usable,
// keeps the cached list under a banner that says why in main's terms ("Offline" only when CloudMC cannot be reached; a rate
// limit or a server error in their own words), never retries a generate, never sends the API key across a redirect, and a
// rename stopped with Cancel is read back from CloudMC.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { clipboardText, expect, test, type SeededSimulator } from './fixtures';
import { labels, type Lang } from './labels';
import type { WebHost } from '../web-host/server';
import type { Fault } from '../cloudmc-sim/faults';

const localesDir = path.resolve(import.meta.dirname, '../../src-renderer/src/lib/i18n/locales');
/** The app's own text for a key of its locale file, e.g. `errors.timeout`. */
function localeText(lang: Lang, key: string): string {
  let node: unknown = JSON.parse(fs.readFileSync(path.join(localesDir, `${lang}.json`), 'utf8'));
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no ${key} in ${lang}.json`);
  return node;
}

/** The app's own text for an error code. */
const errorText = (lang: Lang, code: string): string => localeText(lang, `errors.${code}`);

/** Why a cached list is shown, as main classifies the failure. */
type Stale = 'offline' | 'rate-limited' | 'server';

/** The banner's title (its accessible name): the fixed "Offline" label, or the app's own words for the other kinds. */
function staleTitle(lang: Lang, stale: Stale): string {
  if (stale === 'offline') return labels[lang].offline;
  return localeText(lang, stale === 'rate-limited' ? 'keys.limited' : 'keys.serverTrouble');
}

/** A message of the locale file with its placeholders filled, e.g. `errors.asked-to-wait` with `{ retryAfterSeconds: 3600 }`. */
function filled(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  return localeText(lang, key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** What the banner says about a cause: for a plain network failure its lead sentence says it all. */
function causeText(lang: Lang, code: string): string {
  return code === 'unreachable' ? localeText(lang, 'keys.offlineUnreachable') : errorText(lang, code);
}

const keysPath = '/api_keys';
const isKeysRequest = (method: string) => (r: { method: string; path: string }) => r.method === method && r.path.includes(keysPath);

/** Adds the seeded profile through the real services, then loads the app and waits for the live list. */
async function openWithProfile(page: Page, host: WebHost, cloudmc: SeededSimulator, lang: Lang): Promise<void> {
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await expect(page.getByRole('heading', { name: labels[lang].title, level: 1 })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
}

async function refresh(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: labels[lang].refresh, exact: true }).click();
}

/** The list is still there, under the banner of its kind that names the cause in the app's words; only `offline` says "Offline". */
async function expectCachedListUnder(page: Page, lang: Lang, stale: Stale, cause: string): Promise<void> {
  const banner = page.getByRole('status', { name: staleTitle(lang, stale), exact: true });
  await expect(banner).toBeVisible({ timeout: 40_000 });
  await expect(banner).toContainText(cause);
  if (stale !== 'offline') await expect(page.getByRole('status', { name: labels[lang].offline, exact: true })).toHaveCount(0);
  await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
}

/** Another action still works, then the list recovers once CloudMC behaves again. */
async function expectStillUsable(page: Page, lang: Lang, cloudmc: SeededSimulator): Promise<void> {
  await page.getByRole('button', { name: labels[lang].copyEndpoint, exact: true }).click();
  await expect.poll(() => clipboardText(page)).toBe(cloudmc.sim.endpoint);
  cloudmc.sim.faults.clear();
  await refresh(page, lang);
  for (const stale of ['offline', 'rate-limited', 'server'] as const)
    await expect(page.getByRole('status', { name: staleTitle(lang, stale), exact: true })).toHaveCount(0);
  await expect(page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ })).toBeVisible();
}

test.describe('faults (en)', () => {
  test.use({ locale: 'en-US' });

  test('latency: progress is shown, then the list arrives', async ({ app: page, host, cloudmc }) => {
    await openWithProfile(page, host, cloudmc, 'en');
    cloudmc.sim.faults.add({ fault: { kind: 'latency', ms: 1500 }, method: 'GET', pathPrefix: keysPath, times: 1 });
    cloudmc.sim.state.issueKey(cloudmc.sim.state.listUsers()[0]!.id, { name: 'Arrived-after-latency' });
    await refresh(page, 'en');
    await expect(page.getByRole('progressbar', { name: 'Updating the list from CloudMC…' })).toBeVisible();
    await expect(page.getByRole('table').getByRole('row', { name: /Arrived-after-latency/ })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
  });

  const cachedListFaults: Array<[string, Fault, Stale, string]> = [
    ['503', { kind: 'status', status: 503 }, 'server', errorText('en', 'server-error')],
    [
      '429 with a long Retry-After',
      { kind: 'rate-limit', retryAfterSeconds: 3600 },
      'rate-limited',
      filled('en', 'errors.asked-to-wait', { retryAfterSeconds: 3600 }),
    ],
    ['a dropped connection', { kind: 'drop' }, 'offline', causeText('en', 'unreachable')],
    ['malformed JSON', { kind: 'malformed-json' }, 'server', errorText('en', 'bad-response')],
  ];
  for (const [name, fault, stale, cause] of cachedListFaults) {
    test(`${name}: translated message, cached list under "${staleTitle('en', stale)}", still usable`, async ({ app: page, host, cloudmc }) => {
      await openWithProfile(page, host, cloudmc, 'en');
      cloudmc.sim.faults.add({ fault, method: 'GET', pathPrefix: keysPath });
      await refresh(page, 'en');
      await expectCachedListUnder(page, 'en', stale, cause);
      if (fault.kind === 'rate-limit') {
        // Retry-After is far beyond what the app waits for: it does not sit there retrying.
        expect(cloudmc.sim.requests.filter(isKeysRequest('GET')).filter((r) => r.status === 429)).toHaveLength(1);
      }
      await expectStillUsable(page, 'en', cloudmc);
    });
  }

  test('a hang: the request times out, the app says so and stays usable meanwhile', async ({ app: page, host, cloudmc }) => {
    await openWithProfile(page, host, cloudmc, 'en');
    cloudmc.sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: keysPath });
    await refresh(page, 'en');
    await expect(page.getByRole('progressbar', { name: 'Updating the list from CloudMC…' })).toBeVisible();
    // While the request hangs, the rest of the app answers.
    await page.getByRole('button', { name: labels.en.copyEndpoint, exact: true }).click();
    await expect.poll(() => clipboardText(page)).toBe(cloudmc.sim.endpoint);
    await expectCachedListUnder(page, 'en', 'offline', errorText('en', 'timeout'));
    await expectStillUsable(page, 'en', cloudmc);
  });

  test('an oversized body is not read: the app says so and keeps the list', async ({ app: page, host, cloudmc }) => {
    await openWithProfile(page, host, cloudmc, 'en');
    cloudmc.sim.faults.add({ fault: { kind: 'oversized', bytes: 9 * 1024 * 1024 }, method: 'GET', pathPrefix: keysPath });
    await refresh(page, 'en');
    await expectCachedListUnder(page, 'en', 'server', errorText('en', 'response-too-large'));
    await expectStillUsable(page, 'en', cloudmc);
  });

  test('a 302 to another origin is refused; the other server never sees the API key', async ({ app: page, host, cloudmc }) => {
    const seen: http.IncomingHttpHeaders[] = [];
    const other = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      await openWithProfile(page, host, cloudmc, 'en');
      cloudmc.sim.faults.add({
        fault: { kind: 'redirect', location: `http://127.0.0.1:${port}/api/v1/api_keys` },
        method: 'GET',
        pathPrefix: keysPath,
      });
      await refresh(page, 'en');
      // Main classifies a refused redirect as CloudMC answering abnormally (kind `server`), not as Offline.
      await expectCachedListUnder(page, 'en', 'server', errorText('en', 'redirect-refused'));
      expect(cloudmc.sim.requests.filter(isKeysRequest('GET')).some((r) => r.status === 302)).toBe(true);
      expect(seen.filter((h) => h['mc-api-key'] !== undefined)).toEqual([]);
      expect(seen).toEqual([]); // not followed at all
      await expectStillUsable(page, 'en', cloudmc);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  test('a slow rename can be cancelled: the dialog closes, the app says it may have happened, and the list is read again', async ({
    app: page,
    host,
    cloudmc,
  }) => {
    await openWithProfile(page, host, cloudmc, 'en');
    cloudmc.sim.faults.add({ fault: { kind: 'hang' }, method: 'PUT', pathPrefix: keysPath, times: 1 });
    const getsBefore = cloudmc.sim.requests.filter(isKeysRequest('GET')).length;
    const row = page.getByRole('table').getByRole('row', { name: /Mettre-a-jour-BC/ });
    await row.getByRole('button', { name: new RegExp(`^${labels.en.edit} `) }).click();
    const dialog = page.getByRole('dialog', { name: labels.en.edit });
    await dialog.getByLabel(labels.en.nameField, { exact: true }).fill('renamed-then-stopped');
    await dialog.getByRole('button', { name: labels.en.save, exact: true }).click();
    await expect(dialog.getByRole('progressbar')).toBeVisible();
    await dialog.getByRole('button', { name: labels.en.cancel, exact: true }).click();
    await expect(dialog).toHaveCount(0, { timeout: 5_000 });
    await expect(page.getByText(localeText('en', 'keys.changeCancelled'))).toBeVisible();
    await expect.poll(() => cloudmc.sim.requests.filter(isKeysRequest('GET')).length).toBeGreaterThan(getsBefore);
    await expect(row).toBeVisible();
    cloudmc.sim.faults.clear();
  });

  test('Add profile against a hanging CloudMC: Cancel stops the check at once, nothing is saved and nothing typed is lost', async ({
    app: page,
    host,
    cloudmc,
  }) => {
    cloudmc.sim.faults.add({ fault: { kind: 'hang' } });
    await page.getByLabel(labels.en.profileName, { exact: true }).fill('Hanging');
    await page.getByLabel(labels.en.profileEndpoint, { exact: true }).fill(cloudmc.sim.endpoint);
    await page.getByLabel(labels.en.profileKey, { exact: true }).fill(cloudmc.apiKey);
    const save = page.getByRole('button', { name: labels.en.profileSave, exact: true });
    await save.click();
    await expect(page.getByRole('progressbar', { name: localeText('en', 'profile.checking') })).toBeVisible();
    await page.getByRole('button', { name: labels.en.cancel, exact: true }).click();
    // Well before the client's own time-out (3 s here): stopped, not timed out, so no error either.
    await expect(save).toBeEnabled({ timeout: 1_500 });
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByLabel(labels.en.profileName, { exact: true })).toHaveValue('Hanging');
    expect(await host.services.profiles.list()).toEqual([]);
    cloudmc.sim.faults.clear();
  });

  test('generate under a 503 is tried once, never retried, and says why', async ({ app: page, host, cloudmc }) => {
    await openWithProfile(page, host, cloudmc, 'en');
    cloudmc.sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'POST', pathPrefix: keysPath });
    const postsBefore = cloudmc.sim.requests.filter(isKeysRequest('POST')).length;
    await page.getByRole('button', { name: labels.en.generateOpen, exact: true }).first().click();
    const form = page.getByRole('dialog', { name: labels.en.generateOpen });
    await form.getByLabel(labels.en.nameField, { exact: true }).fill('never-twice');
    await form.getByRole('button', { name: labels.en.generate, exact: true }).click();
    await expect(form.getByRole('alert')).toContainText(errorText('en', 'server-error'));
    expect(cloudmc.sim.requests.filter(isKeysRequest('POST')).length - postsBefore).toBe(1);
    expect(
      cloudmc.sim.state
        .listUsers()
        .flatMap((u) => cloudmc.sim.state.listKeys(u.id))
        .some((k) => k.name === 'never-twice'),
    ).toBe(false);
    // No key field was shown: nothing was generated.
    await expect(page.getByLabel(labels.en.keyField, { exact: true })).toHaveCount(0);
  });
});

for (const lang of ['fr', 'es'] as Lang[]) {
  test.describe(`faults (${lang})`, () => {
    test.use({ locale: labels[lang].locale });

    test(`503 under "${staleTitle(lang, 'server')}", a dropped connection under "${labels[lang].offline}" (${lang})`, async ({
      app: page,
      host,
      cloudmc,
    }) => {
      await openWithProfile(page, host, cloudmc, lang);
      cloudmc.sim.faults.add({ fault: { kind: 'status', status: 503 }, method: 'GET', pathPrefix: keysPath });
      await refresh(page, lang);
      await expectCachedListUnder(page, lang, 'server', errorText(lang, 'server-error'));
      await expectStillUsable(page, lang, cloudmc);
      cloudmc.sim.faults.add({ fault: { kind: 'drop' }, method: 'GET', pathPrefix: keysPath });
      await refresh(page, lang);
      await expectCachedListUnder(page, lang, 'offline', causeText(lang, 'unreachable'));
      await expectStillUsable(page, lang, cloudmc);
    });

    test(`a generate with no answer says the key may exist and refreshes the list (${lang})`, async ({ app: page, host, cloudmc }) => {
      await openWithProfile(page, host, cloudmc, lang);
      cloudmc.sim.faults.add({ fault: { kind: 'hang' }, method: 'POST', pathPrefix: keysPath, times: 1 });
      const postsBefore = cloudmc.sim.requests.filter(isKeysRequest('POST')).length;
      const getsBefore = cloudmc.sim.requests.filter(isKeysRequest('GET')).length;
      await page.getByRole('button', { name: labels[lang].generateOpen, exact: true }).first().click();
      const form = page.getByRole('dialog', { name: labels[lang].generateOpen });
      await form.getByLabel(labels[lang].nameField, { exact: true }).fill('maybe-created');
      await form.getByRole('button', { name: labels[lang].generate, exact: true }).click();
      await expect(form.getByRole('alert')).toContainText(localeText(lang, 'errors.generate-uncertain'), { timeout: 15_000 });
      expect(cloudmc.sim.requests.filter(isKeysRequest('POST')).length - postsBefore).toBe(1);
      await expect.poll(() => cloudmc.sim.requests.filter(isKeysRequest('GET')).length).toBeGreaterThan(getsBefore);
    });
  });
}

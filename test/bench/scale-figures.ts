// Many profiles and one very long key list: the main services, then the real renderer in Chromium through the web host, on one data dir and one keychain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from '@playwright/test';
import { startSimulator, type Simulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { createClipboardRelay } from '../web-host/clipboard-relay';
import { createHostServices } from '../web-host/host-services';
import { startWebHost, type WebHost } from '../web-host/server';
import type { Report } from './report';

/** Sizes of one run. */
export interface ScaleSizes {
  profiles: number;
  bigList: number;
  /** How long the browser waits for any one thing, ms. */
  uiWaitMs: number;
}

const rendererDir = path.resolve(import.meta.dirname, '../../out/renderer');
const minute = 60_000;
const day = 86_400_000;

/** Name of the big list's key i; key 0 is the newest, so it heads the newest-first table. */
export const bigKeyName = (i: number): string => `service-${String(i).padStart(4, '0')}`;

/** A simulator whose main user has `bigList` keys, and `profiles - 1` more users with six keys each. */
async function bigSimulator(sizes: ScaleSizes): Promise<{ sim: Simulator; apiKey: string; others: string[] }> {
  const state = new SimState();
  const { user, apiKey } = seedDemo(state);
  const now = Date.now();
  for (let i = 0; i < sizes.bigList; i++) {
    state.issueKey(user.id, {
      name: bigKeyName(i),
      creationDate: new Date(now - minute - i * minute).toISOString(),
      lastUsedDate: new Date(now - (i % 90) * day).toISOString(),
      lastUsedIp: `10.${i % 250}.${(i >> 8) % 250}.${i % 200}`,
    });
  }
  const others: string[] = [];
  for (let p = 1; p < sizes.profiles; p++) {
    const u = state.addUser({ userName: `user${p}`, organization: { name: `Org ${p % 40}` } });
    for (let k = 0; k < 5; k++) state.issueKey(u.id, { name: `key-${p}-${k}` });
    others.push(state.issueKey(u.id, { name: 'desktop' }).secret);
  }
  return { sim: await startSimulator({ state }), apiKey, others };
}

/** Runs the main-service figures, then the renderer figures; a step that throws is reported and the rest of its section skipped. */
export async function scaleFigures(report: Report, sizes: ScaleSizes): Promise<void> {
  const { profiles: profileCount, bigList } = sizes;
  const { sim, apiKey, others } = await bigSimulator(sizes);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-'));
  let host: WebHost | null = null;
  try {
    // The web host builds the app services itself: the set-up below goes through them, so the page sees the same files and keychain.
    // Without a built renderer (a broken build), the same services are built the same way and only the main figures run.
    const heapBefore = process.memoryUsage().heapUsed;
    const built = fs.existsSync(path.join(rendererDir, 'index.html'));
    if (built) host = await startWebHost({ dataDir, rendererDir, keychain: 'memory', logSink: () => undefined });
    const app = host?.services ?? (await createHostServices({ dataDir, keychain: 'memory', clipboard: createClipboardRelay().port }));
    let bigId: string;
    report.begin(`Main services at scale (${profileCount} profiles, ${bigList.toLocaleString('en-US')} keys in one, simulator over loopback)`);
    try {
      bigId = (await app.profiles.add({ name: 'Big', endpoint: sim.endpoint, apiKey })).id;
      const ids = [bigId];
      const addStart = performance.now();
      for (const [i, key] of others.entries()) ids.push((await app.profiles.add({ name: `Profile ${i + 1}`, endpoint: sim.endpoint, apiKey: key })).id);
      report.figure(`add ${profileCount - 1} profiles (each checked against CloudMC)`, performance.now() - addStart, 'ms');
      const listed = await report.median(`refresh the ${bigList}-key list over loopback`, () => app.credentials.refresh(bigId));
      if ((listed.list?.keys.length ?? 0) < bigList) throw new Error(`the big refresh listed ${listed.list?.keys.length ?? 0} keys, expected at least ${bigList}`);
      const refreshAll = performance.now();
      for (const id of ids.slice(1)) await app.credentials.refresh(id);
      report.figure(`refresh ${profileCount - 1} small profiles one after another`, performance.now() - refreshAll, 'ms');
      await report.median(`list ${profileCount} profiles with states`, () => app.profiles.list(), 9);
      await report.median(`read the cached ${bigList}-key list`, () => app.credentials.listCached(bigId), 9);
      await report.median('search every cached list ("service-49")', () => app.credentials.searchCached('service-49', 200), 9);
      await report.median('search every cached list by IP ("10.3.")', () => app.credentials.searchCached('10.3.', 200), 9);
      report.figure('main heap growth with all of it loaded', (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 'MiB');
      report.figure(`cached list file of the ${bigList}-key profile`, fs.statSync(path.join(dataDir, 'key-lists', `${bigId}.json`)).size / 1024, 'KiB');
      await app.profiles.select(bigId);
    } catch (e) {
      report.failed('main services at scale', e);
      return;
    }
    if (host) await rendererFigures(report, sizes, host);
    else {
      report.begin('Renderer in Chromium through the web host');
      report.failed('open the app', new Error(`no built renderer in ${rendererDir}: the build failed or did not run`));
    }
  } finally {
    await host?.close();
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The built renderer in Chromium, opening on the big profile. */
async function rendererFigures(report: Report, sizes: ScaleSizes, host: WebHost): Promise<void> {
  const { profiles: profileCount, bigList } = sizes;
  report.begin(`Renderer in Chromium through the web host (same data dir and keychain)`);
  let browser: Browser | null = null;
  let step = 'launch Chromium';
  try {
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page.setDefaultTimeout(sizes.uiWaitMs);
    step = 'open the app on the big profile';
    let start = performance.now();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'API credentials', level: 1 }).waitFor();
    // Newest first: the newest key heads the table, in its first body row.
    await page.locator('table tbody tr:not(.spacer)').first().getByText(bigKeyName(0), { exact: true }).waitFor();
    report.figure(`open the app on the ${bigList}-key profile until its first rows show`, performance.now() - start, 'ms');
    report.figure(`table rows in the DOM for ${bigList.toLocaleString('en-US')} keys`, await page.locator('table tbody tr:not(.spacer)').count(), 'rows');

    step = 'scroll the key list';
    const scroll = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.scroller') ?? document.scrollingElement;
      if (!scroller) return { frames: 0, longest: 0, over50: 0 };
      const gaps: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        scroller.scrollTop += 400;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return { frames: gaps.length, longest: Math.max(...gaps), over50: gaps.filter((g) => g > 50).length };
    });
    report.figure(`scroll ${scroll.frames} frames through the list: longest frame`, scroll.longest, 'ms');
    report.figure('scroll: frames longer than 50 ms', scroll.over50, 'frames');

    step = 'filter the sidebar';
    const lastProfile = `Profile ${profileCount - 1}`;
    start = performance.now();
    await page.getByRole('searchbox', { name: 'Search profiles' }).fill(lastProfile);
    const lastButton = page.getByRole('navigation').getByRole('button').filter({ has: page.getByText(lastProfile, { exact: true }) });
    await lastButton.waitFor();
    report.figure(`filter ${profileCount} profiles in the sidebar`, performance.now() - start, 'ms');
    step = 'switch to another profile';
    start = performance.now();
    await lastButton.click();
    await page.getByRole('table').getByText(`key-${profileCount - 1}-0`, { exact: true }).waitFor();
    report.figure('switch to another profile until its keys show', performance.now() - start, 'ms');
    report.figure('renderer JS heap', (await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)) / 1024 / 1024, 'MiB');
  } catch (e) {
    report.failed(step, e);
  } finally {
    await browser?.close();
  }
}

// `npm run bench`: speed and memory at scale (300 profiles, 5,000 keys in one), main services and the real renderer in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { createAppServices } from '../../src-main/services/app-services';
import { createMemoryKeychain } from '../../src-main/services/keychain/memory-keychain';
import { startSimulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { confBackend } from '../web-host/host-services';
import { startWebHost } from '../web-host/server';

const profileCount = 300;
const bigListSize = 5000;
const results: { what: string; value: string }[] = [];

function record(what: string, value: number, unit: string): void {
  results.push({ what, value: `${value.toFixed(unit === 'ms' ? 1 : 0)} ${unit}` });
}

async function time<T>(what: string, work: () => Promise<T> | T, runs = 5): Promise<T> {
  let last: T | undefined;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  record(`${what} (median of ${runs})`, samples[Math.floor(runs / 2)] ?? 0, 'ms');
  return last as T;
}

/** A simulator whose main user has 5,000 keys, and 299 more users with a few keys each. */
async function bigSimulator() {
  const state = new SimState();
  const { user, apiKey } = seedDemo(state);
  const day = 86_400_000;
  for (let i = 0; i < bigListSize; i++) {
    state.issueKey(user.id, { name: `service-${String(i).padStart(4, '0')}`, lastUsedDate: new Date(Date.now() - (i % 90) * day).toISOString(), lastUsedIp: `10.${i % 250}.${(i >> 8) % 250}.${i % 200}` });
  }
  const others: string[] = [];
  for (let p = 1; p < profileCount; p++) {
    const u = state.addUser({ userName: `user${p}`, organization: { name: `Org ${p % 40}` } });
    for (let k = 0; k < 5; k++) state.issueKey(u.id, { name: `key-${p}-${k}` });
    others.push(state.issueKey(u.id, { name: 'desktop' }).secret);
  }
  return { sim: await startSimulator({ state }), apiKey, others };
}

const { sim, apiKey, others } = await bigSimulator();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-'));

// Main services.
const heapBefore = process.memoryUsage().heapUsed;
const app = await createAppServices({ dataDir, storeBackend: confBackend, keychain: createMemoryKeychain(), clipboard: { writeText: async () => undefined, readText: async () => '', clear: () => undefined }, version: 'bench' });
const big = await app.profiles.add({ name: 'Big', endpoint: sim.endpoint, apiKey });
const addStart = performance.now();
const ids = [big.id];
for (const [i, key] of others.entries()) ids.push((await app.profiles.add({ name: `Profile ${i + 1}`, endpoint: sim.endpoint, apiKey: key })).id);
record(`add ${profileCount - 1} profiles (each checked against CloudMC)`, performance.now() - addStart, 'ms');
await time(`refresh the ${bigListSize}-key list over loopback`, () => app.credentials.refresh(big.id));
const refreshAll = performance.now();
for (const id of ids.slice(1)) await app.credentials.refresh(id);
record(`refresh ${profileCount - 1} small profiles one after another`, performance.now() - refreshAll, 'ms');
await time(`list ${profileCount} profiles with states`, () => app.profiles.list(), 9);
await time(`read the cached ${bigListSize}-key list`, () => app.credentials.listCached(big.id), 9);
await time('search every cached list ("service-49")', () => app.credentials.searchCached('service-49', 200), 9);
await time('search every cached list by IP ("10.3.")', () => app.credentials.searchCached('10.3.', 200), 9);
record('main heap growth with all of it loaded', (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 'MiB');
record(`cached list file of the ${bigListSize}-key profile`, fs.statSync(path.join(dataDir, 'key-lists', `${big.id}.json`)).size / 1024, 'KiB');

// The real renderer in Chromium, through the web host, on the same data dir, opening on the big profile.
app.profiles.select(big.id);
const host = await startWebHost({ dataDir, rendererDir: path.resolve(import.meta.dirname, '../../out/renderer'), keychain: 'memory', logSink: () => undefined });
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
let start = performance.now();
await page.goto(host.url);
await page.getByRole('heading', { name: 'API credentials', level: 1 }).waitFor();
await page.getByRole('table').getByText('service-0000', { exact: true }).waitFor();
record(`open the app on the ${bigListSize}-key profile until its first rows show`, performance.now() - start, 'ms');
record('table rows in the DOM for 5,000 keys', await page.locator('table tbody tr').count(), 'rows');

const scroll = await page.evaluate(async () => {
  const scroller = [...document.querySelectorAll<HTMLElement>('*')].find((el) => el.scrollHeight > el.clientHeight + 1000 && getComputedStyle(el).overflowY !== 'visible') ?? document.scrollingElement;
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
record(`scroll 120 frames through the list: longest frame`, scroll.longest, 'ms');
record('scroll: frames longer than 50 ms', scroll.over50, 'frames');

const sidebarSearch = page.getByRole('searchbox', { name: 'Search profiles' }).or(page.getByLabel('Search profiles'));
if (await sidebarSearch.count()) {
  start = performance.now();
  await sidebarSearch.first().fill('Profile 29');
  await page.getByText('Profile 299', { exact: true }).first().waitFor();
  record(`filter ${profileCount} profiles in the sidebar`, performance.now() - start, 'ms');
  start = performance.now();
  await page.getByText('Profile 299', { exact: true }).first().click();
  await page.getByRole('table').getByText('key-299-0', { exact: true }).waitFor();
  record('switch to another profile until its keys show', performance.now() - start, 'ms');
}
record('renderer JS heap', ((await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)) / 1024 / 1024), 'MiB');

await browser.close();
await host.close();
await sim.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const width = Math.max(...results.map((r) => r.what.length));
console.log(`\nCloudMC Credentials benchmark — ${profileCount} profiles, ${bigListSize} keys in one (${os.cpus().length} cores, Node ${process.version})\n`);
for (const r of results) console.log(`${r.what.padEnd(width)}  ${r.value}`);

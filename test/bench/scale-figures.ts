// Many profiles and one very long key list: the main services, then the real renderer in Chromium through the web host, on one data dir and one keychain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator, type Simulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { seedDemo } from '../cloudmc-sim/seed';
import { createClipboardRelay } from '../web-host/clipboard-relay';
import { createHostServices } from '../web-host/host-services';
import { startWebHost, type WebHost } from '../web-host/server';
import { createCloudmcClient } from '../../src-main/services/cloudmc/cloudmc-client';
import { identifyOwnKey } from '../../src-main/services/profiles/own-key';
import { openProfileScreen } from '../../src-main/services/profile-screen';
import { startCountingProxy } from './counting-proxy';
import { runPool } from './pool';
import { prepareRendererCopy } from './renderer-copy';
import { runRendererChild } from './renderer-child';
import type { Report } from './report';

/** Sizes of one run. */
export interface ScaleSizes {
  profiles: number;
  bigList: number;
  /** How many times each renderer measurement is repeated. */
  rounds: number;
  /** How long the browser waits for any one thing, ms. */
  uiWaitMs: number;
}

/** How many profiles are added at once (the app has no bulk add: the bench's pool calls profiles.add). */
export const addConcurrency = 8;
const minute = 60_000;
const day = 86_400_000;

/** Name of the big list's key i; key 0 is the newest, so it heads the newest-first table. */
export const bigKeyName = (i: number): string => `service-${String(i).padStart(4, '0')}`;

/** Name of small profile i (1-based); its user's keys are `key-i-0` … `key-i-4` and `desktop`. */
const smallName = (i: number): string => `Profile ${i}`;

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

/** The main-service figures, then the renderer's; a step that throws is reported and the rest of its section skipped. */
export async function scaleFigures(report: Report, sizes: ScaleSizes, rendererDir: string): Promise<void> {
  const { profiles: profileCount, bigList } = sizes;
  const { sim, apiKey, others } = await bigSimulator(sizes);
  const proxy = await startCountingProxy(sim.endpoint);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-'));
  const servedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-renderer-'));
  let host: WebHost | null = null;
  try {
    // The web host builds the app services itself: the set-up below goes through them, so the page sees the same files and keychain.
    // Without a built renderer (a broken build), the same services are built the same way and only the main figures run.
    const heapBefore = process.memoryUsage().heapUsed;
    const built = fs.existsSync(path.join(rendererDir, 'index.html'));
    if (built) prepareRendererCopy(rendererDir, servedDir);
    if (built) host = await startWebHost({ dataDir, rendererDir: servedDir, keychain: 'memory', logSink: () => undefined });
    const app = host?.services ?? (await createHostServices({ dataDir, keychain: 'memory', clipboard: createClipboardRelay().port }));
    let bigId: string;
    report.begin(
      `Main services at scale (${profileCount.toLocaleString('en-US')} profiles, ${bigList.toLocaleString('en-US')} keys in one, simulator over loopback)`,
    );
    try {
      // The big profile talks to the simulator directly; the small ones through the counting relay, which sees how many checks overlap.
      const toAdd = [
        { name: 'Big', endpoint: sim.endpoint, apiKey },
        ...others.map((key, i) => ({ name: smallName(i + 1), endpoint: proxy.endpoint, apiKey: key })),
      ];
      const floor = await runPool(toAdd, addConcurrency, async (p) => {
        const client = createCloudmcClient({ endpoint: p.endpoint, apiKey: p.apiKey });
        await client.currentUser();
        await identifyOwnKey(client);
      });
      report.figure(
        `floor: the same ${profileCount.toLocaleString('en-US')} CloudMC checks (user, then own key) through the client alone, ${addConcurrency} at a time`,
        floor.wallMs,
        'ms',
      );
      const floorPeak = proxy.peakInFlight;
      proxy.resetPeak();
      const added = await runPool(toAdd, addConcurrency, (p) => app.profiles.add(p));
      report.compared(
        `add ${profileCount.toLocaleString('en-US')} profiles with profiles.add, ${addConcurrency} at a time (each checked against CloudMC)`,
        added.wallMs,
        'ms',
        floor.wallMs,
      );
      report.figure("adds in flight on average (Σ each add's time ÷ wall time)", added.averageInFlight, 'adds');
      const peak = proxy.peakInFlight;
      report.checked(
        `CloudMC calls in flight at once while adding (peak at the simulator; floor's: ${floorPeak})`,
        `${peak} calls`,
        `2 to ${addConcurrency}`,
        peak > 1 && peak <= addConcurrency,
      );
      bigId = added.results[0]?.id ?? '';
      const ids = added.results.map((p) => p.id);
      const listed = await report.median(`refresh the ${bigList}-key list over loopback`, () => app.credentials.refresh(bigId));
      if ((listed.list?.keys.length ?? 0) < bigList)
        throw new Error(`the big refresh listed ${listed.list?.keys.length ?? 0} keys, expected at least ${bigList}`);
      const refreshAll = performance.now();
      for (const id of ids.slice(1)) await app.credentials.refresh(id);
      report.figure(`refresh ${profileCount - 1} small profiles one after another`, performance.now() - refreshAll, 'ms');
      await report.median(`list ${profileCount} profiles with states`, () => app.profiles.list(), 9);
      await report.median(`read the cached ${bigList}-key list`, () => app.credentials.listCached(bigId), 9);
      await report.median('read a cached 6-key list', () => app.credentials.listCached(ids[ids.length - 1] ?? ''), 9);
      await report.median(
        `open the ${bigList}-key profile's screen (one answer: cached keys, stored copies, rotations)`,
        () => openProfileScreen(app, bigId),
        9,
      );
      let flip = 0;
      await report.median('select a profile (main remembers it in the config file)', () => app.profiles.select(ids[flip++ % 2] ?? ''), 9);
      await report.median('search every cached list ("service-49")', () => app.credentials.searchCached('service-49', 200), 9);
      await report.median('search every cached list by IP ("10.3.")', () => app.credentials.searchCached('10.3.', 200), 9);
      report.figure('main heap growth with all of it loaded', (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024, 'MiB');
      report.figure(
        `cached list file of the ${bigList}-key profile`,
        fs.statSync(path.join(dataDir, 'key-lists', `${bigId}.json`)).size / 1024,
        'KiB',
      );
      report.figure(`config file with ${profileCount} profiles`, configSize(dataDir) / 1024, 'KiB');
      await app.profiles.select(bigId);
    } catch (e) {
      report.failed('main services at scale', e);
      return;
    }
    if (!host) {
      report.begin('Renderer in Chromium through the web host');
      report.failed('open the app', new Error(`no built renderer in ${rendererDir}: the build failed or did not run`));
      return;
    }
    // The last profiles, as the sidebar's filter finds them by full name.
    const smallProfiles = Array.from({ length: Math.min(sizes.rounds, profileCount - 1) }, (_, r) => profileCount - 1 - r).map((i) => ({
      name: smallName(i),
      keyName: `key-${i}-0`,
    }));
    await runRendererChild(report, {
      host: { url: host.url, origin: host.origin },
      profileCount,
      bigList,
      bigId,
      newestBigKey: bigKeyName(0),
      smallProfiles,
      rounds: sizes.rounds,
      uiWaitMs: sizes.uiWaitMs,
    });
  } finally {
    await host?.close();
    await proxy.close();
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(servedDir, { recursive: true, force: true });
  }
}

/** Size of the largest JSON file directly in the data dir (the profiles' config), bytes. */
function configSize(dataDir: string): number {
  return Math.max(
    0,
    ...fs
      .readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => fs.statSync(path.join(dataDir, f)).size),
  );
}

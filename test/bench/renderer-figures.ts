// The built renderer in Chromium through the web host, each figure beside a floor: a bare page on the same host, bridge and browser doing only the least the app must do.
// Times are taken inside the page by the probe (floor-page/probe.js), so Playwright's own round trips are in neither figure nor floor.
import { chromium, type Browser, type Locator, type Page, type Response } from '@playwright/test';
import { floorPagePath, probeScriptPath } from './renderer-copy';
import { medianOf, type Report } from './report';

/** What the renderer figures need from the run. */
export interface RendererRun {
  /** The web host: its URL with the token, and its origin. */
  host: { url: string; origin: string };
  profileCount: number;
  bigList: number;
  bigId: string;
  /** Name of the big list's newest key (heads the newest-first table). */
  newestBigKey: string;
  /** A few small profiles to switch to: their name and a key name only they have. */
  smallProfiles: { name: string; keyName: string }[];
  /** How many times each measurement is repeated (the median is reported). */
  rounds: number;
  /** How long the browser waits for any one thing, ms. */
  uiWaitMs: number;
}

/** Issue 9's targets for the renderer. */
export const rendererTargets = { switchMs: 50, keystrokeMs: 16, firstRowsMs: 100, keyFilterMs: 16, sortMs: 50 } as const;

/** One probe measurement, ms from navigation start: the trigger, when the page had the result, when the frame showing it was painted. */
interface Timed {
  start: number;
  seen: number;
  painted: number;
}
interface Startup {
  scriptStart: number | null;
  domInteractive: number | null;
  seen: number;
  painted: number;
}
interface Rpc {
  channel: string;
  start: number;
  end: number;
}

const keyTable = { selector: 'table tbody' };
/** BENCH_TRACE=1 prints each timed sample's bridge calls (ms after its start) to stderr: where the time of one figure goes. */
const tracing = process.env['BENCH_TRACE'] === '1';

async function trace(page: Page, what: string, from: number, timed: { seen: number; painted: number }): Promise<void> {
  if (!tracing) return;
  const rpcs = (await page.evaluate(`window.__benchProbe.rpcs(${from}, ${timed.painted + 1000})`)) as Rpc[];
  const at = (t: number): string => (t - from).toFixed(1);
  console.error(
    `${what}: seen ${at(timed.seen)}, painted ${at(timed.painted)}; ${rpcs.map((r) => `${r.channel} ${at(r.start)}–${at(r.end)}`).join(', ')}`,
  );
}
const isRpc = (channel: string) => (response: Response) => response.url().endsWith(`/__host/rpc/${encodeURIComponent(channel)}`);

/** Runs every renderer figure; a step that throws is reported and the rest skipped. */
export async function rendererFigures(report: Report, run: RendererRun): Promise<void> {
  report.begin(
    `Renderer in Chromium through the web host (${run.profileCount.toLocaleString('en-US')} profiles, same data dir and keychain); floor = bare page on the same host and bridge; medians of ${run.rounds}`,
  );
  let browser: Browser | null = null;
  let step = 'launch Chromium';
  try {
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(run.uiWaitMs);
    await context.addInitScript({
      content: `window.__benchProbeConfig = ${JSON.stringify({ timeoutMs: run.uiWaitMs, firstRows: { ...keyTable, text: run.newestBigKey } })};`,
    });
    await context.addInitScript({ path: probeScriptPath });
    const app = await context.newPage();
    const floor = await context.newPage();
    const floorUrl = `${run.host.origin}${floorPagePath}?profile=${encodeURIComponent(run.bigId)}`;

    step = 'open the app on the big profile (its URL trades the token for a cookie)';
    await load(app, run.host.url, true);
    await app.getByRole('heading', { name: 'API credentials', level: 1 }).waitFor();
    await load(floor, floorUrl, false);

    step = 'first rows from cached data';
    await firstRowsFigures(report, run, { app, floor, floorUrl });

    step = 'scroll the key list';
    await scrollFigures(report, run, app);

    step = 'filter and sort the big key list';
    await keyTableFigures(report, run, app);

    step = 'type in the sidebar filter';
    await keystrokeFigures(report, run, { app, floor });

    step = 'switch profile';
    await switchFigures(report, run, { app, floor });

    report.figure(
      'renderer JS heap',
      (await app.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)) / 1024 / 1024,
      'MiB',
    );
  } catch (e) {
    report.failed(step, e);
  } finally {
    await browser?.close();
  }
}

// Two pages share the browser; only the one in front renders at full rate (a background tab's frames are throttled), so each step brings its page to the front.

/** Loads a page and waits for its first key rows (and, for the app, the refresh it starts after them, so nothing runs on into the next step). */
async function load(page: Page, url: string, refreshes: boolean): Promise<Startup> {
  await page.bringToFront();
  const refreshed = refreshes ? page.waitForResponse(isRpc('keys:refresh')) : null;
  await page.goto(url);
  const startup = (await page.evaluate('window.__benchProbe.firstRows()')) as Startup;
  await refreshed;
  await nextFrame(page);
  return startup;
}

async function nextFrame(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
}

/** Where one sample's time went: bridge calls in flight (overlaps counted once), and the page's own work from the cached list's answer to the rows. */
interface Breakdown {
  bridgeMs: number;
  /** From the last `profiles:open` answer's last byte (the key screen's local data) to the rows in the DOM: reading the answer, then the page's own rendering. */
  afterListMs: number;
  calls: string;
}

/** The bridge calls of a sample that had answered by the time its rows showed. */
async function breakdown(page: Page, from: number, seen: number): Promise<Breakdown> {
  const rpcs = (await page.evaluate(`window.__benchProbe.rpcs(${from}, ${seen})`)) as Rpc[];
  const listed = Math.max(from, ...rpcs.filter((r) => r.channel === 'profiles:open').map((r) => r.end));
  return { bridgeMs: bridgeTime(rpcs), afterListMs: seen - listed, calls: rpcs.map((r) => r.channel).join(' → ') };
}

/** Sum of the time some bridge call was in flight (overlapping calls counted once). */
function bridgeTime(rpcs: Rpc[]): number {
  let total = 0;
  let until = -Infinity;
  for (const r of [...rpcs].sort((a, b) => a.start - b.start)) {
    const from = Math.max(r.start, until);
    if (r.end > from) total += r.end - from;
    until = Math.max(until, r.end);
  }
  return total;
}

/** The breakdown rows under an app figure and its floor. */
function reportBreakdown(report: Report, app: Breakdown[], floor: Breakdown[]): void {
  const calls = app[app.length - 1]?.calls ?? '';
  const bridge = medianOf(floor.map((b) => b.bridgeMs));
  report.figure(`  floor: of which bridge calls in flight (${floor[floor.length - 1]?.calls ?? ''})`, bridge, 'ms');
  report.compared(`  app: of which bridge calls in flight (${calls})`, medianOf(app.map((b) => b.bridgeMs)), 'ms', bridge);
  const after = medianOf(floor.map((b) => b.afterListMs));
  report.figure("  floor: from the cached list's answer to the rows in the DOM", after, 'ms');
  report.compared("  app: from the cached list's answer to the rows in the DOM", medianOf(app.map((b) => b.afterListMs)), 'ms', after);
}

/** Loads the floor page and the app in turn, `rounds` times each, both opening the big profile's cached list. */
async function firstRowsFigures(report: Report, run: RendererRun, pages: { app: Page; floor: Page; floorUrl: string }): Promise<void> {
  const samples = { app: [] as Startup[], floor: [] as Startup[], appParts: [] as Breakdown[], floorParts: [] as Breakdown[] };
  for (let i = 0; i < run.rounds; i++) {
    const floor = await load(pages.floor, pages.floorUrl, false);
    samples.floor.push(floor);
    samples.floorParts.push(await breakdown(pages.floor, 0, floor.seen));
    const startup = await load(pages.app, `${run.host.origin}/`, true);
    samples.app.push(startup);
    samples.appParts.push(await breakdown(pages.app, 0, startup.seen));
    await trace(pages.app, 'app start (from navigation start)', 0, startup);
  }
  const fromScript = (s: Startup): number => s.painted - (s.scriptStart ?? Number.NaN);
  const floorFromScript = medianOf(samples.floor.map(fromScript));
  const n = run.bigList.toLocaleString('en-US');
  report.figure(
    `floor: bare page reads the cached ${n}-key list over the bridge, first 20 rows painted, after its script starts`,
    floorFromScript,
    'ms',
  );
  report.compared(
    `app: first key rows from cached data painted, after the renderer's script starts`,
    medianOf(samples.app.map(fromScript)),
    'ms',
    floorFromScript,
    rendererTargets.firstRowsMs,
  );
  reportBreakdown(report, samples.appParts, samples.floorParts);
  const floorFromNavigation = medianOf(samples.floor.map((s) => s.painted));
  report.figure('floor: the same, after navigation start', floorFromNavigation, 'ms');
  report.compared('app: the same, after navigation start', medianOf(samples.app.map((s) => s.painted)), 'ms', floorFromNavigation);
  const floorScript = medianOf(samples.floor.map((s) => s.scriptStart ?? Number.NaN));
  report.figure('floor: its script starts, after navigation start', floorScript, 'ms');
  report.compared(
    `app: the renderer's script starts, after navigation start`,
    medianOf(samples.app.map((s) => s.scriptStart ?? Number.NaN)),
    'ms',
    floorScript,
  );
  report.figure(`table rows in the DOM for ${n} keys`, await pages.app.locator('table tbody tr:not(.spacer)').count(), 'rows');
}

async function scrollFigures(report: Report, run: RendererRun, app: Page): Promise<void> {
  await app.bringToFront();
  const scroll = await app.evaluate(async () => {
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
    scroller.scrollTop = 0;
    return { frames: gaps.length, longest: Math.max(...gaps), over50: gaps.filter((g) => g > 50).length };
  });
  report.figure(`scroll ${scroll.frames} frames through the ${run.bigList.toLocaleString('en-US')}-key list: longest frame`, scroll.longest, 'ms');
  report.figure('scroll: frames longer than 50 ms', scroll.over50, 'frames');
}

const searchbox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Search profiles' });
/** A profile's button in the sidebar, found by the name it shows (the app's button also shows the host, user and state). */
const profileButton = (page: Page, name: string): Locator =>
  page
    .getByRole('navigation')
    .getByRole('button')
    .filter({ has: page.getByText(name, { exact: true }) });

/**
 * Issue 11's table figures on the big profile: one keystroke of "Filter keys" (input event → frame painted) and one sort
 * (a click on the Name header → frame painted), medians over the run's rounds.
 */
async function keyTableFigures(report: Report, run: RendererRun, app: Page): Promise<void> {
  await app.bringToFront();
  const box = app.getByRole('searchbox', { name: 'Filter keys' });
  const keystrokes: number[] = [];
  const sorts: number[] = [];
  for (let i = 0; i < run.rounds; i++) {
    await box.fill('');
    await nextFrame(app);
    for (const char of 'service-1') {
      await app.evaluate(`window.__benchProbe.arm('input', null)`);
      await box.pressSequentially(char);
      const timed = (await app.evaluate('window.__benchProbe.result()')) as Timed;
      keystrokes.push(timed.painted - timed.start);
    }
    await box.fill('');
    await nextFrame(app);
    for (let click = 0; click < 2; click++) {
      sorts.push(
        (await app.evaluate(`(async () => {
          const button = document.querySelector('#key-table th.name-col button.sort');
          const start = performance.now();
          button.click();
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - start;
        })()`)) as number,
      );
    }
  }
  report.bounded(
    `app: one keystroke of Filter keys on ${run.bigList.toLocaleString('en-US')} keys until the next frame is painted`,
    medianOf(keystrokes),
    'ms',
    rendererTargets.keyFilterMs,
  );
  report.bounded(
    `app: sort ${run.bigList.toLocaleString('en-US')} keys by name (click → frame painted)`,
    medianOf(sorts),
    'ms',
    rendererTargets.sortMs,
  );
}

/** Types the last profile's name into the sidebar filter one key at a time, each keystroke timed; the floor page, then the app, `rounds` times. */
async function keystrokeFigures(report: Report, run: RendererRun, pages: { app: Page; floor: Page }): Promise<void> {
  const query = `Profile ${run.profileCount - 1}`;
  await pages.floor.locator('body[data-ready="true"]').waitFor();
  const samples = { app: [] as Timed[], floor: [] as Timed[] };
  for (let i = 0; i < run.rounds; i++) {
    for (const [page, into] of [
      [pages.floor, samples.floor],
      [pages.app, samples.app],
    ] as const) {
      await page.bringToFront();
      const box = searchbox(page);
      await box.fill('');
      await nextFrame(page);
      for (const char of query) {
        await page.evaluate(`window.__benchProbe.arm('input', null)`);
        await box.pressSequentially(char);
        into.push((await page.evaluate('window.__benchProbe.result()')) as Timed);
      }
      await profileButton(page, query).waitFor(); // the filter did find it
    }
  }
  const painted = (t: Timed): number => t.painted - t.start;
  const handled = (t: Timed): number => t.seen - t.start;
  const worst = (values: number[]): number => Math.max(...values);
  const count = `${query.length} keystrokes × ${run.rounds}`;
  report.figure(
    `floor: one keystroke, Array.filter over ${run.profileCount.toLocaleString('en-US')} names + 20 rows, until the next frame is painted (${count})`,
    medianOf(samples.floor.map(painted)),
    'ms',
  );
  report.compared(
    `app: one keystroke in the sidebar filter until the next frame is painted`,
    medianOf(samples.app.map(painted)),
    'ms',
    medianOf(samples.floor.map(painted)),
    rendererTargets.keystrokeMs,
  );
  report.figure('floor: one keystroke, handled (input event done, before the frame)', medianOf(samples.floor.map(handled)), 'ms');
  report.compared(
    'app: one keystroke, handled (input event done, before the frame)',
    medianOf(samples.app.map(handled)),
    'ms',
    medianOf(samples.floor.map(handled)),
  );
  report.figure('floor: slowest keystroke until painted', worst(samples.floor.map(painted)), 'ms');
  report.compared('app: slowest keystroke until painted', worst(samples.app.map(painted)), 'ms', worst(samples.floor.map(painted)));
}

/** Switches from the big profile to a small one and back, by clicking their sidebar buttons; floor page and app in turn. */
async function switchFigures(report: Report, run: RendererRun, pages: { app: Page; floor: Page }): Promise<void> {
  const empty = (): { app: Timed[]; floor: Timed[]; appParts: Breakdown[]; floorParts: Breakdown[] } => ({
    app: [],
    floor: [],
    appParts: [],
    floorParts: [],
  });
  const samples = { toSmall: empty(), toBig: empty() };
  for (let i = 0; i < run.rounds; i++) {
    const small = run.smallProfiles[i % run.smallProfiles.length];
    if (!small) throw new Error('no small profile to switch to');
    for (const [page, kind] of [
      [pages.floor, 'floor'],
      [pages.app, 'app'],
    ] as const) {
      await page.bringToFront();
      for (const [target, keyName, into] of [
        [small.name, small.keyName, samples.toSmall],
        ['Big', run.newestBigKey, samples.toBig],
      ] as const) {
        const timed = await switchTo(page, target, keyName, kind === 'app');
        into[kind].push(timed);
        into[kind === 'app' ? 'appParts' : 'floorParts'].push(await breakdown(page, timed.start, timed.seen));
        await trace(page, `${kind}: switch to ${target}`, timed.start, timed);
      }
    }
  }
  const painted = (t: Timed): number => t.painted - t.start;
  const n = run.bigList.toLocaleString('en-US');
  for (const [label, floorLabel, s] of [
    ['a 6-key profile until its keys are painted', 'a 6-key profile', samples.toSmall],
    [`the ${n}-key profile until its first keys are painted`, `the ${n}-key profile`, samples.toBig],
  ] as const) {
    const floor = medianOf(s.floor.map(painted));
    report.figure(`floor: click → keys.listCached over the bridge → first 20 rows painted, ${floorLabel}`, floor, 'ms');
    report.compared(`app: switch to ${label}`, medianOf(s.app.map(painted)), 'ms', floor, rendererTargets.switchMs);
    reportBreakdown(report, s.appParts, s.floorParts);
  }
}

/** Filters the sidebar to `name` (not timed), then clicks its button and times until `keyName` shows in the key table; waits for the app's refresh after it. */
async function switchTo(page: Page, name: string, keyName: string, refreshes: boolean): Promise<Timed> {
  await searchbox(page).fill(name);
  const button = profileButton(page, name);
  await button.waitFor();
  await nextFrame(page);
  await page.evaluate(`window.__benchProbe.arm('click', ${JSON.stringify({ ...keyTable, text: keyName })})`);
  const refreshed = refreshes ? page.waitForResponse(isRpc('keys:refresh')) : null;
  await button.click();
  const timed = (await page.evaluate('window.__benchProbe.result()')) as Timed;
  await refreshed;
  await nextFrame(page);
  return timed;
}

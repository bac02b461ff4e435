// Issue 8, item 8: importing many profiles through the transfer service, and big CloudMC answers through the client, timed and probed for blocking;
// issue 17, item 6: hostile activity-log answers through the health service.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppServices } from '../../src-main/services/app-services';
import { createCloudmcClient } from '../../src-main/services/cloudmc/cloudmc-client';
import { createMemoryKeychain } from '../../src-main/services/keychain/memory-keychain';
import { confBackend } from '../web-host/host-services';
import { startAnswerServer } from './answer-server';
import { floodActivityAnswer, mixedActivityAnswer } from './hostile-activity';
import { startRoutesServer } from './routes-server';
import { measureBlocking, type Blocking } from './main-blocking';
import { describe, type Report } from './report';

/** Issue 8's targets. */
export const targets = { importMs: 1000, blockMs: 100 } as const;

const noClipboard = { writeText: async () => undefined, readText: async () => '', clear: () => undefined };

/** The app's services over a fresh data dir, as the bench runs them: real conf files, a memory keychain, no clipboard. */
function benchApp(dataDir: string): ReturnType<typeof createAppServices> {
  return createAppServices({ dataDir, storeBackend: confBackend, keychain: createMemoryKeychain(), clipboard: noClipboard, version: 'bench' });
}

/** An export file of `count` distinct profiles, as the app writes one. */
export function exportFileOf(count: number): string {
  const profiles = Array.from({ length: count }, (_, i) => ({
    name: `Imported ${String(i).padStart(5, '0')}`,
    endpoint: `https://cloudmc-${i % 100}.example.test/api/v1`,
  }));
  return JSON.stringify({ format: 'cloudmc-credentials/profiles', version: 1, exportedAt: new Date().toISOString(), profiles }, null, 2);
}

/** Records the runs of one measured piece of work: median wall time and median longest block against their targets, and the worst block. */
function recordRuns(report: Report, label: string, runs: Blocking<unknown>[], wallTargetMs: number | null): void {
  const of = runs.length > 1 ? ` (median of ${runs.length})` : '';
  const wall = median(runs.map((r) => r.elapsedMs));
  if (wallTargetMs === null) report.figure(`${label}: wall time${of}`, wall, 'ms');
  else report.bounded(`${label}: wall time${of}`, wall, 'ms', wallTargetMs);
  report.bounded(`${label}: longest main block${of}`, median(runs.map((r) => r.longestBlockMs)), 'ms', targets.blockMs);
  if (runs.length > 1) report.figure(`${label}: longest main block, worst run`, Math.max(...runs.map((r) => r.longestBlockMs)), 'ms');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Imports `count` new profiles into an empty data dir, then the same file again (every entry already there); `runs` times, each in a new data dir. */
export async function importFigures(report: Report, count: number, runs: number): Promise<void> {
  report.begin(`Import ${count.toLocaleString('en-US')} profiles (profile transfer service, real conf files)`);
  const file = exportFileOf(count);
  report.note('export file size', `${(file.length / 1024).toFixed(0)} KiB`);
  const fresh: Blocking<unknown>[] = [];
  const again: Blocking<unknown>[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-import-'));
    try {
      const app = await benchApp(dataDir);
      for (const [label, expect, into] of [
        ['new profiles', 'added', fresh],
        ['same file again', 'skipped', again],
      ] as const) {
        const measured = await measureBlocking(async () => await app.transfer.importProfiles(file, false));
        if (!measured.outcome.ok) throw measured.outcome.error;
        const r = measured.outcome.value;
        const done = expect === 'added' ? r.added : r.skipped.length;
        if (done !== count)
          throw new Error(
            `import of ${label}: expected ${count} ${expect}, got added ${r.added}, skipped ${r.skipped.length}, invalid ${r.invalid.length}`,
          );
        into.push(measured);
      }
      const stored = (await app.profiles.list()).length;
      if (stored !== count) throw new Error(`after the imports the app lists ${stored} profiles, expected ${count}`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  recordRuns(report, 'import new profiles', fresh, targets.importMs);
  recordRuns(report, 'import same file again (all already there)', again, targets.importMs);
}

/** Lists keys through the real client from a server sending a deeply nested and a flat answer of at most `bytes` each, `runs` times each. */
export async function answerFigures(report: Report, bytes: number, runs: number): Promise<void> {
  report.begin(`Big CloudMC answers through the client (listKeys over loopback, at most ${(bytes / 1024 / 1024).toFixed(2)} MiB each)`);
  const server = await startAnswerServer(bytes);
  try {
    const answers = [
      {
        label: `deeply nested (${Math.floor(server.deepBytes / 2).toLocaleString('en-US')} levels)`,
        endpoint: server.deepEndpoint,
        size: server.deepBytes,
      },
      { label: `flat (${server.flatKeyCount.toLocaleString('en-US')} keys)`, endpoint: server.flatEndpoint, size: server.flatBytes },
    ];
    for (const answer of answers) {
      const client = createCloudmcClient({ endpoint: answer.endpoint, apiKey: 'bench-access-key' }, { attempts: 1 });
      const measured: Blocking<unknown>[] = [];
      for (let run = 0; run < runs; run++) {
        const one = await measureBlocking(() => client.listKeys());
        if (!one.outcome.ok && !(one.outcome.error as { appError?: unknown }).appError) throw one.outcome.error; // a crash, not a refusal
        measured.push(one);
      }
      const last = measured[measured.length - 1]?.outcome;
      const outcome = !last ? 'not run' : last.ok ? `listed ${(last.value as unknown[]).length} key(s)` : `refused: ${describe(last.error)}`;
      report.note(`${answer.label}: outcome (${(answer.size / 1024).toFixed(0)} KiB)`, outcome);
      recordRuns(report, answer.label, measured, null);
    }
  } finally {
    await server.close();
  }
}

/**
 * Fetches a profile's activity through the health service (client, reading in slices, newest kept, cache written, the panel's view)
 * from a server sending answers of at most `bytes` a hostile CloudMC may send: tiny entries no reader can use, and issue 17's mix
 * (9,000 entries, 2,528 unreadable), `runs` times each. Each entry must be counted (shown or skipped), or the step fails.
 */
export async function activityFigures(report: Report, bytes: number, runs: number): Promise<void> {
  report.begin(`Hostile activity-log answers through the health service (at most ${(bytes / 1024 / 1024).toFixed(2)} MiB each)`);
  const now = new Date();
  const answers = [
    { label: 'hostile activity answer: tiny unreadable entries', answer: floodActivityAnswer(now, bytes) },
    {
      label: "hostile activity answer: issue 17's mix (28% unreadable)",
      answer: mixedActivityAnswer(now, Math.min(9_000, Math.floor(bytes / 250)), Math.min(2_528, Math.floor(bytes / 900))),
    },
  ];
  for (const { label, answer } of answers) {
    const user = JSON.stringify({ data: { id: 'bench-user', userName: 'bench' } });
    const server = await startRoutesServer({ '/users/current': user, '/api_keys': '{"data":[]}', '/activity_log': answer.body });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-activity-'));
    try {
      const app = await benchApp(dataDir);
      const profile = await app.profiles.add({ name: 'Bench', endpoint: server.endpoint, apiKey: 'bench-access-key-0123456789abcdef' });
      const measured: Blocking<unknown>[] = [];
      for (let run = 0; run < runs; run++) {
        const one = await measureBlocking(() => app.health.activity(profile.id));
        if (!one.outcome.ok) throw one.outcome.error;
        const view = one.outcome.value;
        if (view.source !== 'live' || view.entries.length + view.older !== answer.readable || view.skipped !== answer.entries - answer.readable)
          throw new Error(
            `${label}: ${view.entries.length} shown, ${view.older} older, ${view.skipped} skipped of ${answer.entries} (${answer.readable} readable)`,
          );
        measured.push(one);
      }
      report.note(
        `${label}: entries`,
        `${answer.entries.toLocaleString('en-US')} (${answer.readable.toLocaleString('en-US')} readable), ${(answer.body.length / 1024).toFixed(0)} KiB`,
      );
      recordRuns(report, label, measured, null);
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

// Issue 8, item 8: importing many profiles through the transfer service, and big CloudMC answers through the client, timed and probed for blocking.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppServices } from '../../src-main/services/app-services';
import { createCloudmcClient } from '../../src-main/services/cloudmc/cloudmc-client';
import { createMemoryKeychain } from '../../src-main/services/keychain/memory-keychain';
import { confBackend } from '../web-host/host-services';
import { startAnswerServer } from './answer-server';
import { measureBlocking } from './main-blocking';
import { describe, type Report } from './report';

/** Issue 8's targets. */
export const targets = { importMs: 1000, blockMs: 100 } as const;

const noClipboard = { writeText: async () => undefined, readText: async () => '', clear: () => undefined };

/** An export file of `count` distinct profiles, as the app writes one. */
export function exportFileOf(count: number): string {
  const profiles = Array.from({ length: count }, (_, i) => ({ name: `Imported ${String(i).padStart(5, '0')}`, endpoint: `https://cloudmc-${i % 100}.example.test/api/v1` }));
  return JSON.stringify({ format: 'cloudmc-credentials/profiles', version: 1, exportedAt: new Date().toISOString(), profiles }, null, 2);
}

/** Imports `count` new profiles into an empty data dir, then the same file again (every entry already there). */
export async function importFigures(report: Report, count: number): Promise<void> {
  report.begin(`Import ${count.toLocaleString('en-US')} profiles (profile transfer service, real conf files)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-bench-import-'));
  try {
    const app = await createAppServices({ dataDir, storeBackend: confBackend, keychain: createMemoryKeychain(), clipboard: noClipboard, version: 'bench' });
    const file = exportFileOf(count);
    report.note('export file size', `${(file.length / 1024).toFixed(0)} KiB`);
    for (const [label, expect] of [['new profiles', 'added'], ['same file again (all already there)', 'skipped']] as const) {
      const run = await measureBlocking(async () => await app.transfer.importProfiles(file, false));
      if (!run.outcome.ok) throw run.outcome.error;
      const r = run.outcome.value;
      const done = expect === 'added' ? r.added : r.skipped.length;
      if (done !== count) throw new Error(`import of ${label}: expected ${count} ${expect}, got added ${r.added}, skipped ${r.skipped.length}, invalid ${r.invalid.length}`);
      report.bounded(`import ${label}: wall time`, run.elapsedMs, 'ms', targets.importMs);
      report.bounded(`import ${label}: longest main block`, run.longestBlockMs, 'ms', targets.blockMs);
    }
    report.figure('profiles in the config file afterwards', (await app.profiles.list()).length, 'profiles');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Lists keys through the real client from a server sending a deeply nested and a flat answer of about `bytes` each. */
export async function answerFigures(report: Report, bytes: number): Promise<void> {
  report.begin(`Big CloudMC answers through the client (listKeys over loopback, at most ${(bytes / 1024 / 1024).toFixed(2)} MiB each)`);
  const server = await startAnswerServer(bytes);
  try {
    const answers = [
      { label: `deeply nested (${Math.floor(server.deepBytes / 2).toLocaleString('en-US')} levels)`, endpoint: server.deepEndpoint, size: server.deepBytes },
      { label: `flat (${server.flatKeyCount.toLocaleString('en-US')} keys)`, endpoint: server.flatEndpoint, size: server.flatBytes },
    ];
    for (const answer of answers) {
      const client = createCloudmcClient({ endpoint: answer.endpoint, apiKey: 'bench-access-key' }, { attempts: 1 });
      const run = await measureBlocking(() => client.listKeys());
      const outcome = run.outcome.ok ? `listed ${run.outcome.value.length} key(s)` : `refused: ${describe(run.outcome.error)}`;
      report.note(`${answer.label}: outcome (${(answer.size / 1024).toFixed(0)} KiB)`, outcome);
      if (!run.outcome.ok && !(run.outcome.error as { appError?: unknown }).appError) throw run.outcome.error; // a crash, not a refusal
      report.figure(`${answer.label}: wall time`, run.elapsedMs, 'ms');
      report.bounded(`${answer.label}: longest main block`, run.longestBlockMs, 'ms', targets.blockMs);
    }
  } finally {
    await server.close();
  }
}

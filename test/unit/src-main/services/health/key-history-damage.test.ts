// Issue 17 item 11: a corrupt or truncated key-use history file, met at start-up: backed up, key health still computed,
// the user told once (a notice with the report), nothing crashes, and the history starts again at the next sync.
// Real files under a temp dir, the simulator over loopback, a restart of the services.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { healthReportSchema } from '../../../../../src-preload/contract/health';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir, translation, uiLanguages } from '../../helpers';

const accessKey = 'history-access-key-1a2b3c4d5e6f7a8b9c0d';
const dayMs = 86_400_000;

let sim: Simulator;
let dir: string;
let keychain: ReturnType<typeof createMemoryKeychain>;
let neverUsedId: string;
const open = (): Promise<AppServices> =>
  createAppServices({ dataDir: dir, storeBackend: confStoreBackend, keychain, clipboard: new MemoryClipboard(), version: '0.0.0-test' });

beforeEach(async () => {
  const state = new SimState();
  const { user } = seedAccessUser(state, { apiKey: accessKey });
  neverUsedId = state.issueKey(user.id, { name: 'never-used', creationDate: new Date(Date.now() - 200 * dayMs).toISOString() }).key.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-history-damage-');
  keychain = createMemoryKeychain();
});
afterEach(async () => {
  await sim.close();
  removeTempDir(dir);
});

/** A profile synced once (its history file written), then the app closed. */
async function syncedProfile(): Promise<{ profile: ProfileSummary; file: string }> {
  const app = await open();
  const profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  await app.credentials.refresh(profile.id);
  const file = path.join(dir, 'key-history', `${profile.id}.json`);
  expect(fs.existsSync(file)).toBe(true);
  return { profile, file };
}

const backupsOf = (file: string): string[] =>
  fs
    .readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(`${path.basename(file)}.corrupt-`))
    .map((f) => path.join(path.dirname(file), f));

describe('a damaged key-use history file', () => {
  const damage: [string, (text: string) => string | Buffer][] = [
    ['truncated in the middle', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['emptied (0 bytes)', () => ''],
    ['binary garbage', () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x9c])],
    ['JSON of another shape', () => JSON.stringify({ schemaVersion: 1, keys: { k: { firstSeen: 3, runs: 'none' } } })],
    // The file holds per key [firstSeen, [[ip, from, to, firstUsed, lastUsed], …]], the app's times in ms.
    ['runs whose dates are not dates', (text) => text.replace(/\d{12,}/g, '"yesterday"')],
    ['an IP of a megabyte', (text) => text.replace(/\[\[(null|"[^"]*"),/, `[["${'9'.repeat(1_000_000)}",`)],
    ['a version 1 file whose dates are not dates', () => JSON.stringify({ schemaVersion: 1, keys: { k: { firstSeen: 'yesterday', runs: [] } } })],
  ];

  it.each(damage)(
    '%s: backed up as it was, health still computed, the user told once, the history written again at the next sync',
    async (_what, spoil) => {
      const { profile, file } = await syncedProfile();
      const original = fs.readFileSync(file, 'utf8');
      const damaged = spoil(original);
      expect(damaged.toString()).not.toBe(original);
      fs.writeFileSync(file, damaged);

      const app = await open();
      const first = healthReportSchema.parse(await app.health.findings());
      expect(first.findings.filter((f) => f.keyId === neverUsedId).map((f) => f.kind)).toEqual(['never-used']);
      const [backup, ...more] = backupsOf(file);
      expect(more).toEqual([]);
      // Buffer.equals: a byte-by-byte toEqual of a megabyte takes seconds on a loaded machine.
      expect(fs.readFileSync(backup!).equals(Buffer.isBuffer(damaged) ? damaged : Buffer.from(damaged))).toBe(true);
      expect(first.notices).toEqual([{ messageKey: 'keyHistory.damaged', values: { profile: 'Acme', path: backup } }]);
      for (const language of uiLanguages) expect(translation(language, 'keyHistory.damaged')).toContain('{path}');
      for (const f of first.findings) for (const v of Object.values(f.values)) expect(String(v)).not.toMatch(/yesterday|Invalid/);

      // Told once: the next report says nothing more, nor does a restart (the damaged file is gone, its copy kept).
      expect((await app.health.findings()).notices).toEqual([]);
      await app.credentials.refresh(profile.id);
      const rewritten = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(rewritten).toMatchObject({
        schemaVersion: 2,
        keys: { [neverUsedId]: [expect.any(Number), [[null, expect.any(Number), expect.any(Number), null, null]]] },
      });
      expect((await (await open()).health.findings()).notices).toEqual([]);
    },
  );

  it('a folder where the file should be: health computed, the sync still works, nothing crashes', async () => {
    const { profile, file } = await syncedProfile();
    fs.rmSync(file);
    fs.mkdirSync(file);
    const app = await open();
    const report = healthReportSchema.parse(await app.health.findings());
    expect(report.findings.some((f) => f.keyId === neverUsedId && f.kind === 'never-used')).toBe(true);
    const view = await app.credentials.refresh(profile.id);
    expect(view.failure).toBeNull();
    expect(view.list?.keys.some((k) => k.id === neverUsedId)).toBe(true);
  });
});

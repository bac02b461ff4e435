// Import and export of profiles on real store files: every bad entry reported precisely, duplicates skipped unless replacing, no secret exported.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import type { AppStores } from '../../../../../src-main/services/store/app-stores';
import type { ProfileTransfer } from '../../../../../src-main/services/profiles/profile-transfer';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir, translation, uiLanguages } from '../../helpers';

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../fixtures/profiles/import-with-bad-entries.json'), 'utf8');
let dir: string;
let stores: AppStores;
let transfer: ProfileTransfer;

/** The app's services on a data dir (the transfer changes profiles through the profile service, as the app does). */
const open = (dataDir: string, now = (): Date => new Date('2026-11-26T10:00:00Z')) =>
  createAppServices({
    dataDir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: 'test',
    now,
  });

beforeEach(async () => {
  dir = makeTempDir('cloudmc-transfer-');
  ({ stores, transfer } = await open(dir));
});
afterEach(() => removeTempDir(dir));

describe('import', () => {
  it('adds the good entries and reports each bad one by entry number and field', async () => {
    const report = await transfer.importProfiles(fixture, false);
    expect(report.added).toBe(2);
    expect(report.invalid).toEqual([
      { index: 2, field: 'name', messageKey: 'import.invalid.name' },
      { index: 3, field: 'endpoint', messageKey: 'import.invalid.endpoint' },
      { index: 4, field: 'caPem', messageKey: 'import.invalid.caPem' },
      { index: 5, field: 'entry', messageKey: 'import.invalid.entry' }, // one bad entry is named, never "not a profiles export"
      { index: 6, field: 'name', messageKey: 'import.invalid.duplicate-in-file' },
      { index: 8, field: 'endpoint', messageKey: 'import.invalid.endpoint' },
      { index: 9, field: 'name', messageKey: 'import.invalid.name' },
    ]);
    const saved = stores.config.read().profiles;
    expect(saved.map((p) => [p.name, p.endpoint])).toEqual([
      ['Production', 'https://cloudmc.example.com/api/v1'],
      ['Staging', 'https://staging.example.com/api/v1'],
    ]);
    expect(saved.every((p) => p.identity === null)).toBe(true);
  });

  it('skips entries that match an existing profile, or replaces them when asked', async () => {
    await transfer.importProfiles(fixture, false);
    const ids = stores.config.read().profiles.map((p) => p.id);
    const again = await transfer.importProfiles(fixture, false);
    expect(again).toMatchObject({
      added: 0,
      replaced: 0,
      skipped: [
        { index: 1, name: 'Production' },
        { index: 7, name: 'Staging' },
      ],
    });
    const replaced = await transfer.importProfiles(fixture, true);
    expect(replaced).toMatchObject({ added: 0, replaced: 2, skipped: [] });
    expect(stores.config.read().profiles.map((p) => p.id)).toEqual(ids);
  });

  it('rejects a file that is not JSON, or has no profile list, without touching the store', async () => {
    expect((await transfer.importProfiles('{"profiles": [', false)).invalid).toEqual([{ index: 0, field: '', messageKey: 'import.invalid.json' }]);
    expect((await transfer.importProfiles('{"items": []}', false)).invalid).toEqual([
      { index: 0, field: 'profiles', messageKey: 'import.invalid.shape' },
    ]);
    expect(stores.config.read().profiles).toEqual([]);
  });

  it('has a translated message for every import problem, in every language', async () => {
    const keys = ['json', 'shape', 'entry', 'name', 'endpoint', 'caPem', 'duplicate-in-file'].map((k) => `import.invalid.${k}`);
    for (const language of uiLanguages) for (const key of keys) expect(translation(language, key), `${language} ${key}`).toBeTruthy();
  });
});

describe('export', () => {
  it('round-trips names, endpoints and CA options, and never contains a secret field', async () => {
    await transfer.importProfiles(fixture, false);
    const exported = transfer.exportProfiles();
    expect(exported.count).toBe(2);
    const doc = JSON.parse(exported.json) as { format: string; profiles: Record<string, unknown>[] };
    expect(doc.format).toBe('cloudmc-credentials/profiles');
    for (const p of doc.profiles) expect(Object.keys(p).every((k) => ['name', 'endpoint', 'caPem'].includes(k))).toBe(true);
    const otherDir = makeTempDir('cloudmc-transfer-b-');
    const other = await open(otherDir, () => new Date());
    const otherStores = other.stores;
    const report = await other.transfer.importProfiles(exported.json, false);
    expect(report).toMatchObject({ added: 2, invalid: [] });
    expect(otherStores.config.read().profiles.map((p) => p.name)).toEqual(['Production', 'Staging']);
    removeTempDir(otherDir);
  });

  it('exports only the profiles asked for', async () => {
    await transfer.importProfiles(fixture, false);
    const first = stores.config.read().profiles[0];
    const doc = JSON.parse(transfer.exportProfiles([first!.id]).json) as { profiles: { name: string }[] };
    expect(doc.profiles.map((p) => p.name)).toEqual(['Production']);
  });
});

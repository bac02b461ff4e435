// Stored copies as the key list shows them, over real parts (the stores and copy records in a temp data dir, the memory keychain
// behind the keychain monitor, the clipboard service): names, copy through main, remove, and "Clean up", which removes a copy only
// when a list CloudMC answered after the copy was stored lacks its key (security promise 38).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../../src-preload/contract/errors';
import type { ApiKeyView, KeysView } from '../../../../../src-preload/contract/models';
import { fail } from '../../../../../src-main/errors';
import { createClipboardService } from '../../../../../src-main/services/clipboard/clipboard-service';
import { openCopyRecords } from '../../../../../src-main/services/keychain/copy-records';
import { createKeychainCopies, type KeychainCopies } from '../../../../../src-main/services/keychain/keychain-copies';
import { KeychainMonitor } from '../../../../../src-main/services/keychain/keychain-monitor';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import {
  createStoredCopiesService,
  orphanCheckFreshForMs,
  type StoredCopiesService,
} from '../../../../../src-main/services/keychain/stored-copies-service';
import { openAppStores, type AppStores } from '../../../../../src-main/services/store/app-stores';
import { ManualTimers } from '../rotation/rotation-helpers';
import { confStoreBackend as confBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir } from '../../helpers';

const key = (id: string, name: string): ApiKeyView => ({ id, name, creationDate: '2026-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: null });
const profile: KeysView['profile'] = {
  id: 'p1',
  name: 'Prod',
  endpoint: 'https://cloudmc.example.com/api/v1',
  identity: null,
  accessKey: 'keychain',
  lastSyncedAt: null,
  syncState: 'live',
  hasCustomCa: false,
  accessKeyId: null,
  managed: null,
  endpointAllowed: true,
  keyCount: null,
};

let dir: string;
let clock: number;
let stores: AppStores;
let copies: KeychainCopies;
let clipboard: MemoryClipboard;
let service: StoredCopiesService;
/** What CloudMC lists for p1 when asked, or why it cannot answer. */
let cloudmc: ApiKeyView[] | AppError;
let asked: number;

beforeEach(() => {
  dir = makeTempDir('cmc-stored-copies-');
  clock = Date.parse('2026-03-01T12:00:00.000Z');
  const now = (): Date => new Date(clock);
  stores = openAppStores(dir, confBackend);
  const records = openCopyRecords({
    dataDir: dir,
    backend: confBackend,
    readOnly: false,
    now,
    nameOf: (p, k) => stores.cache.get(p)?.keys.find((x) => x.id === k)?.name,
  });
  copies = createKeychainCopies(new KeychainMonitor(createMemoryKeychain()), records);
  clipboard = new MemoryClipboard();
  cloudmc = [key('k1', 'ci'), key('k2', 'deploy')];
  asked = 0;
  service = createStoredCopiesService({
    stores,
    copies,
    records,
    clipboard: createClipboardService(clipboard, () => 30, new ManualTimers()),
    requireProfile: (id) => {
      if (id !== 'p1') throw fail('profile-not-found');
    },
    refresh: async (profileId) => {
      asked += 1;
      clock += 1000; // CloudMC answers a second after it was asked
      if (!Array.isArray(cloudmc)) return { profile, list: null, failure: cloudmc };
      const list = { keys: cloudmc, syncedAt: new Date(clock).toISOString() };
      stores.cache.put(profileId, list);
      return { profile, list: { profileId, ...list, source: 'live' }, failure: null };
    },
    now,
  });
  stores.cache.put('p1', { keys: [key('k1', 'ci'), key('k2', 'deploy')], syncedAt: new Date(clock - 60_000).toISOString() });
});
afterEach(() => removeTempDir(dir));

describe('the stored copies of a profile', () => {
  it('are listed with their key names; none is orphaned by a list older than its store', async () => {
    await copies.store('p1', 'k1', 'value-1');
    await copies.store('p1', 'k9', 'value-9');
    expect(await service.list('p1')).toEqual([
      { keyId: 'k1', keyName: 'ci', orphaned: false },
      { keyId: 'k9', keyName: null, orphaned: false },
    ]);
  });

  it('are orphaned once a list answered after the store lacks the key', async () => {
    await copies.store('p1', 'k1', 'value-1');
    clock += 1000;
    stores.cache.put('p1', { keys: [key('k2', 'deploy')], syncedAt: new Date(clock).toISOString() });
    // The record kept the name the key had when stored.
    expect(await service.list('p1')).toEqual([{ keyId: 'k1', keyName: 'ci', orphaned: true }]);
  });

  it('are copied through main, the clipboard cleared on the setting’s delay, the value never in the answer', async () => {
    await copies.store('p1', 'k1', 'value-1');
    const outcome = await service.copy('p1', 'k1');
    expect(outcome).toEqual({ clearAfterSeconds: 30 });
    expect(clipboard.text).toBe('value-1');
    expect((await failureOf(service.copy('p1', 'k2'))).code).toBe('not-found');
    expect((await failureOf(service.copy('p2', 'k1'))).code).toBe('profile-not-found');
  });

  it('are removed one by one; a copy already gone is not-found', async () => {
    await copies.store('p1', 'k1', 'value-1');
    await service.remove('p1', 'k1');
    expect(await copies.keyIds('p1')).toEqual([]);
    expect((await failureOf(service.remove('p1', 'k1'))).code).toBe('not-found');
  });
});

describe('Clean up', () => {
  beforeEach(async () => {
    await copies.store('p1', 'k1', 'value-1');
    await copies.store('p1', 'k2', 'value-2');
    await copies.store('p1', 'k3', 'value-3');
    cloudmc = [key('k1', 'ci')];
    clock += 1000;
  });

  it('names the copies a fresh list lacks, removing nothing', async () => {
    const check = await service.checkOrphans('p1');
    expect(check.orphans).toEqual([
      { keyId: 'k2', keyName: 'deploy' },
      { keyId: 'k3', keyName: null },
    ]);
    expect(check.checkedAt).toBe('2026-03-01T12:00:01.000Z');
    expect(check.view.list?.keys).toEqual([key('k1', 'ci')]);
    expect(await copies.keyIds('p1')).toEqual(['k1', 'k2', 'k3']);
  });

  it('removes what the check proved without asking again; a copy the check did not prove sends a new ask, and is kept', async () => {
    await service.checkOrphans('p1');
    expect(await service.removeOrphans('p1', ['k2', 'k-never-stored'])).toEqual({ removed: ['k2'], kept: [] });
    expect(asked).toBe(1);
    expect(await service.removeOrphans('p1', ['k1', 'k3'])).toEqual({ removed: ['k3'], kept: ['k1'] });
    expect(asked).toBe(2);
    expect(await copies.keyIds('p1')).toEqual(['k1']);
  });

  it('asks CloudMC again when the check is stale, and keeps a copy whose key came back', async () => {
    await service.checkOrphans('p1');
    clock += orphanCheckFreshForMs + 1;
    cloudmc = [key('k1', 'ci'), key('k2', 'deploy')];
    expect(await service.removeOrphans('p1', ['k2', 'k3'])).toEqual({ removed: ['k3'], kept: ['k2'] });
    expect(asked).toBe(2);
  });

  it('keeps a copy stored again after the check, until a list asked for after that store proves it', async () => {
    await service.checkOrphans('p1');
    clock += 1000;
    await copies.store('p1', 'k2', 'value-2-again');
    // Asked again at the very instant of the store: that list proves nothing about the new copy.
    expect(await service.removeOrphans('p1', ['k2'])).toEqual({ removed: [], kept: ['k2'] });
    expect(asked).toBe(2);
    clock += 1000;
    expect(await service.removeOrphans('p1', ['k2'])).toEqual({ removed: ['k2'], kept: [] });
    expect(asked).toBe(3);
  });

  it('removes nothing while CloudMC cannot answer, passing its failure on as decided', async () => {
    cloudmc = { code: 'rate-limited', kind: 'rate-limited', messageKey: 'errors.rate-limited', status: 429, details: { retryAfter: 5 } };
    expect(await failureOf(service.checkOrphans('p1'))).toEqual(cloudmc);
    expect(await failureOf(service.removeOrphans('p1', ['k2']))).toEqual(cloudmc);
    expect(await copies.keyIds('p1')).toEqual(['k1', 'k2', 'k3']);
  });
});

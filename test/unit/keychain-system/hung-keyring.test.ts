// Issue 8 item 3, against a real gnome-keyring this test starts and stops (SIGSTOP): a keyring that stops answering is
// waited for once, then refused at once, while file reads and DNS (the same libuv thread pool) go on; Try again recovers.
import dns from 'node:dns';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { failureOf } from '../src-main/helpers';
import { observeKeytar } from './observed-keytar';
import { startPrivateSecretService, type PrivateSecretService } from './private-secret-service';

const timeoutMs = 1500;
const notAnswering: KeychainStatus = { available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' };
let service: PrivateSecretService;

beforeAll(async () => {
  service = await startPrivateSecretService();
});
afterAll(async () => {
  await service?.stop();
});

/** How long `work` took, or 'stalled' when it took more than `limitMs` (the thread pool was starved). */
async function durationWithin(limitMs: number, work: () => Promise<unknown>): Promise<number | 'stalled'> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), limitMs);
  });
  const outcome = await Promise.race([work().then(() => performance.now() - start), stalled]);
  clearTimeout(timer);
  return outcome;
}

describe('a hung keyring (SIGSTOP on the daemon)', () => {
  it('a hung keyring is waited for once, then reported not answering at once, without starving file reads and DNS; Try again recovers', async () => {
    const observed = observeKeytar();
    const keychain = createKeytarKeychain({ timeoutMs, load: () => observed.keytar });
    expect(await keychain.probe()).toEqual({ available: true, backend: 'keytar' });
    const told: KeychainStatus[] = [];
    keychain.onStatus((status) => told.push(status));
    const callsBefore = observed.calls.length;

    process.kill(service.daemonPid, 'SIGSTOP');
    try {
      // Six calls at once, as a profile list and a few clicks make them.
      const started = performance.now();
      const outcomes = await Promise.allSettled([
        keychain.getSecret('profile:hung-1'),
        keychain.getSecret('profile:hung-2'),
        keychain.setSecret('profile:hung-3', 'not-a-key'),
        keychain.listAccounts(),
        keychain.deleteSecret('key:hung:4'),
        keychain.getSecret('profile:hung-5'),
      ]);
      const waited = performance.now() - started;
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected')
          expect(await failureOf(Promise.reject(outcome.reason))).toMatchObject({
            code: 'keychain-unavailable',
            messageKey: 'keychain.not-answering',
            details: { reason: 'not-answering' },
          });
      }
      // One deadline was waited out, by one native call; the other five never reached the keychain.
      expect(observed.calls.length - callsBefore).toBe(1);
      expect(waited).toBeLessThan(2 * timeoutMs);
      expect(told).toEqual([notAnswering]);

      // From now on: refused at once, no native call, and Try again does not stack a call on the stuck one.
      const refusedAt = performance.now();
      expect(await failureOf(keychain.getSecret('profile:hung-6'))).toMatchObject({
        code: 'keychain-unavailable',
        details: { reason: 'not-answering' },
      });
      expect(await keychain.probe()).toEqual(notAnswering);
      expect(performance.now() - refusedAt).toBeLessThan(200);
      expect(observed.calls.length - callsBefore).toBe(1);
      expect(observed.mostInFlight()).toBe(1);

      // The thread pool still serves file reads and DNS (the app:// protocol reads files the same way).
      expect(await durationWithin(1000, () => fs.promises.readFile(import.meta.filename))).not.toBe('stalled');
      expect(await durationWithin(1000, () => dns.promises.lookup('localhost'))).not.toBe('stalled');
    } finally {
      process.kill(service.daemonPid, 'SIGCONT');
    }

    // The stuck call returns once the daemon runs again; Try again then probes afresh and tells the listeners.
    await observed.settled();
    expect(await keychain.probe()).toEqual({ available: true, backend: 'keytar' });
    expect(told).toEqual([notAnswering, { available: true, backend: 'keytar' }]);
    expect(await keychain.getSecret('profile:hung-1')).toBeNull();
    expect(observed.mostInFlight()).toBe(1);
  });
});

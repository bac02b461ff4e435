// The OS keychain through keytar (archived upstream: this is the one file to replace to move to another backend).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { AppFailure, fail } from '../../errors';
import { keychainService, type Keychain } from './keychain';
import { createNativeCallGate } from './native-call-gate';

type KeytarModule = typeof import('keytar');
type Reason = Extract<KeychainStatus, { available: false }>['reason'];

/** Options: how long one keychain call may take (libsecret can wait forever on a prompt or a dead bus). */
export interface KeytarOptions {
  /** Deadline of one native call; the first call to miss it marks the keychain "not answering" for the session. */
  timeoutMs?: number;
  /** For tests: load a different module path in place of `keytar`. */
  load?: () => KeytarModule;
}

// Windows' Credential Manager caps a secret at 2,560 bytes; keytar reports it in these words.
const tooLarge = /too (long|large|big)|stub received bad data|exceeds the maximum/i;

/** The account name prefix of the entries `probe()` writes, reads back and deletes. */
export const probeAccountPrefix = 'probe:';

/** Maps a libsecret / keytar failure message to a reason. */
export function keychainReason(message: string): Reason {
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|dbus/i.test(message)) return 'no-dbus';
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i.test(message)) return 'no-secret-service';
  if (/locked|Object does not exist at path|prompt|dismissed/i.test(message)) return 'locked';
  if (/libsecret|cannot open shared object|Cannot find module|was compiled against|NODE_MODULE_VERSION/i.test(message)) return 'library-missing';
  return 'unknown';
}

/**
 * Creates the keytar-backed keychain; loading keytar is deferred to first use and never throws out.
 * Native calls run one at a time (each holds a libuv worker until libsecret returns); one that misses its deadline
 * makes the keychain "not answering" until `probe()` finds it answering again.
 */
export function createKeytarKeychain(options: KeytarOptions = {}): Keychain {
  const timeoutMs = options.timeoutMs ?? 5000;
  let loaded: KeytarModule | null = null;
  let loadError: string | null = null;
  let known: KeychainStatus | null = null;
  const listeners: ((status: KeychainStatus) => void)[] = [];

  const tell = (status: KeychainStatus): void => {
    if (known !== null && sameStatus(known, status)) return;
    known = status;
    for (const listener of listeners) listener(status);
  };

  const gate = createNativeCallGate({
    timeoutMs,
    notAnswering: () => unavailable('not-answering'),
    onTimeout: () => tell(statusOf('not-answering')),
  });

  const module = (): KeytarModule => {
    if (loaded) return loaded;
    if (loadError !== null) throw unavailable(keychainReason(loadError) === 'unknown' ? 'library-missing' : keychainReason(loadError));
    try {
      loaded = options.load ? options.load() : (createRequire(import.meta.url)('keytar') as KeytarModule);
      return loaded;
    } catch (e) {
      loadError = e instanceof Error ? e.message : String(e);
      throw unavailable(keychainReason(loadError) === 'unknown' ? 'library-missing' : keychainReason(loadError));
    }
  };

  const run = async <T>(work: (k: KeytarModule) => Promise<T>, recovering = false): Promise<T> => {
    const k = module();
    try {
      return await gate.run(() => work(k), { recovering });
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (tooLarge.test(message)) throw fail('keychain-failed', { messageKey: 'keychain.too-large', cause: e });
      const reason = keychainReason(message);
      if (reason === 'unknown') throw fail('keychain-failed', { cause: e });
      throw unavailable(reason);
    }
  };

  // Writes, reads back and deletes a probe entry: the only honest test of a keyring that may be locked or need a prompt
  // (a locked collection refuses the write; a lookup in it answers "no such entry").
  const roundTrip = async (recovering: boolean): Promise<void> => {
    const account = `${probeAccountPrefix}${randomUUID()}`;
    const value = randomUUID();
    await run((k) => k.setPassword(keychainService, account, value), recovering);
    let readBack: string | null;
    try {
      readBack = await run((k) => k.getPassword(keychainService, account), recovering);
    } finally {
      await run((k) => k.deletePassword(keychainService, account), recovering);
    }
    if (readBack !== value) throw unavailable(readBack === null ? 'locked' : 'unknown');
  };

  return {
    async probe() {
      // The call that stopped answering still holds its worker: say so now rather than queue another native call.
      if (gate.stuck()) return statusOf('not-answering');
      let status: KeychainStatus;
      try {
        await roundTrip(true);
        status = { available: true, backend: 'keytar' };
      } catch (e) {
        status = statusOf((e instanceof AppFailure && (e.appError.details?.['reason'] as Reason | undefined)) || 'unknown');
      }
      if (status.available || status.reason !== 'not-answering') gate.reopen();
      tell(status);
      return status;
    },
    onStatus(listener) {
      listeners.push(listener);
    },
    setSecret: (account, value) => run((k) => k.setPassword(keychainService, account, value)),
    getSecret: (account) => run((k) => k.getPassword(keychainService, account)),
    deleteSecret: (account) => run((k) => k.deletePassword(keychainService, account)),
    async listAccounts() {
      // keytar's findCredentials crashes the process (strdup of a NULL secret) when an entry cannot be unlocked, so it
      // runs only after a lookup has read one of our entries; with none readable, a round trip tells "empty" from "locked".
      if ((await run((k) => k.findPassword(keychainService))) === null) {
        await roundTrip(false);
        return [];
      }
      return (await run((k) => k.findCredentials(keychainService))).map((c) => c.account);
    },
  };
}

/** The status of a keychain that cannot be used, with the message the UI shows. */
function statusOf(reason: Reason): KeychainStatus {
  return { available: false, reason, messageKey: `keychain.${reason}` };
}

function sameStatus(a: KeychainStatus, b: KeychainStatus): boolean {
  return a.available === b.available && (a.available ? a.backend === (b as typeof a).backend : a.reason === (b as typeof a).reason);
}

function unavailable(reason: Reason): AppFailure {
  return fail('keychain-unavailable', { messageKey: `keychain.${reason}`, details: { reason } });
}

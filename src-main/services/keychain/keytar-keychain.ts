// The OS keychain through keytar (archived upstream: this is the one file to replace to move to another backend).
import { createRequire } from 'node:module';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { AppFailure, fail } from '../../errors';
import { keychainService, type Keychain } from './keychain';

type KeytarModule = typeof import('keytar');
type Reason = Extract<KeychainStatus, { available: false }>['reason'];

/** Options: how long any keychain call may take (libsecret can wait forever on a prompt or a dead bus). */
export interface KeytarOptions {
  timeoutMs?: number;
  /** For tests: load a different module path in place of `keytar`. */
  load?: () => KeytarModule;
}

// Windows' Credential Manager caps a secret at 2,560 bytes; keytar reports it in these words.
const tooLarge = /too (long|large|big)|stub received bad data|exceeds the maximum/i;

/** Maps a libsecret / keytar failure message to a reason. */
export function keychainReason(message: string): Reason {
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|dbus/i.test(message)) return 'no-dbus';
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i.test(message)) return 'no-secret-service';
  if (/locked|Object does not exist at path|prompt|dismissed/i.test(message)) return 'locked';
  if (/libsecret|cannot open shared object|Cannot find module|was compiled against|NODE_MODULE_VERSION/i.test(message)) return 'library-missing';
  return 'unknown';
}

/** Creates the keytar-backed keychain; loading keytar is deferred to first use and never throws out. */
export function createKeytarKeychain(options: KeytarOptions = {}): Keychain {
  const timeoutMs = options.timeoutMs ?? 5000;
  let loaded: KeytarModule | null = null;
  let loadError: string | null = null;

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

  const run = async <T>(work: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = module();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable('timeout')), timeoutMs);
    });
    try {
      return await Promise.race([work(k), timeout]);
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (tooLarge.test(message)) throw fail('keychain-failed', { messageKey: 'keychain.too-large', cause: e });
      const reason = keychainReason(message);
      if (reason === 'unknown') throw fail('keychain-failed', { cause: e });
      throw unavailable(reason);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async probe() {
      try {
        await run((k) => k.findCredentials(keychainService));
        return { available: true, backend: 'keytar' };
      } catch (e) {
        const reason = (e instanceof AppFailure && (e.appError.details?.['reason'] as Reason | undefined)) || 'unknown';
        return { available: false, reason, messageKey: `keychain.${reason}` };
      }
    },
    setSecret: (account, value) => run((k) => k.setPassword(keychainService, account, value)),
    getSecret: (account) => run((k) => k.getPassword(keychainService, account)),
    deleteSecret: (account) => run((k) => k.deletePassword(keychainService, account)),
    listAccounts: () => run(async (k) => (await k.findCredentials(keychainService)).map((c) => c.account)),
  };
}

function unavailable(reason: Reason): AppFailure {
  return fail('keychain-unavailable', { messageKey: `keychain.${reason}`, details: { reason } });
}

// "Remove all my data": every keychain entry of this app, then the data folder's files (profiles, key-list caches, history, notes,
// rotation journal, settings, logs) and the update cache; then the desktop app quits. Refused while a restart would be refused.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import type { DataRemoved, RemovalPlan } from '../../../src-preload/contract/updates';
import { type AppFailure, fail, toAppError } from '../../errors';
import type { KeychainMonitor } from '../keychain/keychain-monitor';
import { busyRefusal, type RestartGate } from '../restart-gate';
import type { AppStores } from '../store/app-stores';
import { lockFileOf } from '../../cli/app-lock';
import { removeAppFiles } from './app-files';

/** What a removal is built on. */
export interface DataRemovalDeps {
  dataDir: string;
  /** The app's folders outside the data folder (the log folder on macOS, electron-updater's download cache). */
  otherFolders: readonly string[];
  keychain: KeychainMonitor;
  stores: AppStores;
  gate: RestartGate;
  /** Stops what writes on its own (the rotation timer, update checks) for the removal; `resume` if it fails. */
  background: { pause(): void; resume(): void };
  /** Ends the app once the answer is sent (the desktop app quits); absent in tests and the web host. */
  quit?: () => void;
}

/** The removal use-cases. */
export interface DataRemoval {
  /** What a removal would take, and why it cannot happen now, if so (for the confirmation). */
  plan(): Promise<RemovalPlan>;
  /** Removes everything (see the file's comment) once the user confirmed the latest plan; refused with the reason while something would be cut short. */
  removeAll(confirmation: string): Promise<DataRemoved>;
  /** True once everything was removed (the app is quitting). */
  readonly removed: boolean;
  /** Removes what was written after the removal (the window's place on close, a log line) just before the app exits. */
  sweep(): void;
}

/** How long a plan's confirmation stays valid. */
const confirmationMaxAgeMs = 10 * 60 * 1000;

/** A keychain that is absent (never set up, no Secret Service) holds nothing of the app's; one that is locked or not answering may: wait. */
const mayHoldEntries = new Set<string>(['locked', 'timeout', 'not-answering', 'unknown']);

type Unreachable = Extract<RemovalPlan['keychain'], { reachable: false }>;

function unreachable(status: Extract<KeychainStatus, { available: false }>): Unreachable {
  return { reachable: false, reason: status.reason, messageKey: status.messageKey, blocks: mayHoldEntries.has(status.reason) };
}

/** Creates the removal over the app's data folder and keychain. */
export function createDataRemoval(deps: DataRemovalDeps): DataRemoval {
  const { keychain, stores, gate } = deps;
  let removed = false;
  // The running app's writer lock stays until it quits (a command line must not start writing meanwhile); quitting releases it.
  const keep = new Set([path.basename(lockFileOf(deps.dataDir))]);
  let issued: { confirmation: string; at: number } | null = null;

  /** Takes back the latest plan's confirmation (once): anything else means the user did not see what goes. */
  const redeem = (confirmation: string): void => {
    const valid = issued !== null && issued.confirmation === confirmation && Date.now() - issued.at < confirmationMaxAgeMs;
    issued = null;
    if (!valid) throw fail('invalid-input', { messageKey: 'removeData.errors.stale', details: { field: 'confirmation', reason: 'stale' } });
  };

  /** This app's keychain accounts (listAccounts never calls findCredentials on a locked keyring, security.md 16), or why not. */
  const accounts = async (): Promise<string[] | Unreachable> => {
    const status = await keychain.status();
    if (!status.available) return unreachable(status);
    try {
      return await (await keychain.require()).listAccounts();
    } catch (e) {
      const error = toAppError(e);
      const reason = (error.details?.['reason'] as Unreachable['reason'] | undefined) ?? 'unknown';
      return { reachable: false, reason, messageKey: error.messageKey, blocks: true };
    }
  };

  /** Why the files or the keychain cannot be cleared now (a busy app is the gate's to say). */
  const blockedBy = (keychainPart: RemovalPlan['keychain']): AppFailure | null => {
    if (stores.problem)
      return fail('store-write-failed', {
        messageKey: 'removeData.errors.unwritable',
        details: { path: stores.problem.path, reason: stores.problem.reason },
      });
    if (!keychainPart.reachable && keychainPart.blocks)
      return fail('keychain-unavailable', { messageKey: keychainPart.messageKey, details: { reason: keychainPart.reason } });
    return null;
  };

  const keychainPartOf = (found: string[] | Unreachable): RemovalPlan['keychain'] =>
    Array.isArray(found)
      ? {
          reachable: true,
          profileKeys: found.filter((a) => a.startsWith('profile:')).length,
          storedCopies: found.filter((a) => a.startsWith('key:')).length,
          other: found.filter((a) => !a.startsWith('profile:') && !a.startsWith('key:')).length,
        }
      : found;

  const planWith = (found: string[] | Unreachable): RemovalPlan => {
    const keychainPart = keychainPartOf(found);
    const busy = gate.busyReason();
    const refusal = busy ? busyRefusal(busy) : blockedBy(keychainPart);
    issued = { confirmation: randomUUID(), at: Date.now() };
    return {
      dataFolder: deps.dataDir,
      profiles: stores.config.read().profiles.length,
      keychain: keychainPart,
      refusal: refusal?.appError ?? null,
      confirmation: issued.confirmation,
    };
  };

  return {
    async plan() {
      return planWith(await accounts());
    },
    async removeAll(confirmation) {
      redeem(confirmation);
      gate.close('data-removal'); // no Generate or rotation step starts from here on; throws while one runs or a one-time key is open
      deps.background.pause();
      try {
        const found = await accounts();
        const blocked = blockedBy(keychainPartOf(found));
        if (blocked) throw blocked;
        // The keychain first: a failure there leaves the files, so every entry stays reachable through the app (nothing orphaned).
        const k = Array.isArray(found) ? await keychain.require() : null;
        for (const account of Array.isArray(found) ? found : []) await k!.deleteSecret(account);
        const left = removeAppFiles(deps.dataDir, deps.otherFolders, keep);
        if (left.length > 0)
          throw fail('store-write-failed', {
            messageKey: 'removeData.errors.left',
            details: { path: left[0]!.path, reason: left[0]!.reason, count: left.length },
          });
        removed = true;
        if (deps.quit) setImmediate(deps.quit); // after the answer is sent
        return { keychainEntriesRemoved: Array.isArray(found) ? found.length : 0, quitting: deps.quit !== undefined };
      } catch (e) {
        gate.reopen();
        deps.background.resume();
        throw e;
      }
    },
    get removed() {
      return removed;
    },
    sweep() {
      if (removed) removeAppFiles(deps.dataDir, deps.otherFolders, keep);
    },
  };
}

// Opens main's services for one CLI command on the app's data dir: under the writer lock, or on a private snapshot when the desktop app holds it.
import fs from 'node:fs';
import type { KeychainStatus } from '../../src-preload/contract/models';
import { createAppServices, type AppServices } from '../services/app-services';
import type { ClientOptions } from '../services/cloudmc/cloudmc-client';
import type { ClipboardPort } from '../services/clipboard/clipboard-service';
import type { Keychain } from '../services/keychain/keychain';
import type { PolicySource } from '../services/policy/policy-source';
import { createKeychainCopies, type KeychainCopies } from '../services/keychain/keychain-copies';
import { KeychainMonitor } from '../services/keychain/keychain-monitor';
import { createAccessKeyVault, type AccessKeyVault } from '../services/profiles/access-key-vault';
import type { StoreBackendFactory } from '../services/store/json-store';
import type { MaybeCreated } from '../../src-preload/contract/maybe-created';
import { tryLock, type AppLock } from './app-lock';
import { configFileOf, snapshotDataDir, type Snapshot } from './data-dir';
import { CliFailure, exitCodes } from './exit-codes';
import type { Translate } from './messages';

/** The errno-like reason a store write is refused with once the desktop app has taken the lock over. */
export const lockLostReason = 'EAPPLOCKED';

/** The service calls the commands make: the app's own services, or the same calls over the running app's channel. */
export interface CliServices {
  profiles: Pick<AppServices['profiles'], 'list' | 'add' | 'remove'>;
  credentials: Pick<AppServices['credentials'], 'listCached' | 'refresh' | 'generate' | 'rename' | 'revoke'>;
  health: Pick<AppServices['health'], 'findings'>;
  policy: { checkEndpoint(endpoint: string): void | Promise<void> };
  maybeCreated: { list(profileId: string): MaybeCreated[] | Promise<MaybeCreated[]> };
  cancelRequest(requestId: string): void;
}

/** What a command works with. */
export interface CliContext {
  services: CliServices;
  /** Set when the command runs through the desktop app (its pid): the app's services do the work. */
  throughApp: number | null;
  /** The profiles' access keys (read from the keychain, as the app's vault does). */
  vault: Pick<AccessKeyVault, 'get'>;
  /** Stored copies of generated keys. */
  copies: Pick<KeychainCopies, 'keyIds' | 'read'>;
  keychainStatus(): Promise<KeychainStatus>;
  /** Waits for the work the services started by themselves (rotations left unfinished by the app, resumed at start) so none is cut off. */
  settle(): Promise<void>;
  /** Gives the writer lock back early, once settled (exec does, before its command runs: it writes nothing after). */
  releaseLock(): Promise<void>;
  /** Settles, releases the lock, forgets held values, deletes a snapshot. */
  dispose(): Promise<void>;
}

/** What opening needs. */
export interface ContextDeps {
  dataDir: string;
  storeBackend: StoreBackendFactory;
  keychain: Keychain;
  version: string;
  clientOptions?: Partial<ClientOptions>;
  t: Translate;
  /** Where notes go (stderr). */
  note: (line: string) => void;
  /** The organization's policy (the OS's managed place, or --policy-file where the CLI accepts it). */
  policySource?: PolicySource;
  /** The command ("keys generate") and whether it prints a generated value: the running app hands a value only to a command that asks for one. */
  command: { name: string; print: boolean };
}

/**
 * Opens the services. The rule beside the desktop app: whoever holds `<dataDir>/app.lock` is the only writer of the JSON files.
 * The CLI takes it for the command when it is free (each write checks it still holds it); when the app holds it, the CLI
 * works on a private copy of the files (its CloudMC and keychain work is real, its local writes are dropped) and says so.
 */
export async function openContext(deps: ContextDeps): Promise<CliContext> {
  const { dataDir, t } = deps;
  if (!fs.existsSync(configFileOf(dataDir))) throw new CliFailure('no-data', exitCodes.notFound, t('data.missing', { dir: dataDir }));
  const lock = tryLock(dataDir, 'cli');
  if (!lock.held && lock.holder?.kind === 'app') {
    // Loaded only beside a running app: a command on its own starts no faster or slower for it.
    const { openRemoteContext } = await import('./remote-context');
    const remote = await openRemoteContext(dataDir, deps.command, t);
    if (remote) {
      deps.note(t('data.through-app', { pid: remote.throughApp ?? '?' }));
      return remote;
    }
  }
  let snapshot: Snapshot | null = null;
  let storeDir = dataDir;
  let backend = deps.storeBackend;
  if (lock.held) backend = guardedBackend(deps.storeBackend, lock);
  else if (lock.problem) deps.note(t('data.read-only', { reason: lock.problem }));
  else {
    snapshot = snapshotDataDir(dataDir);
    storeDir = snapshot.dir;
    const pid = lock.holder?.pid ?? '?';
    deps.note(t(lock.holder?.kind === 'app' ? 'data.app-running' : 'data.cli-running', { pid }));
  }
  const keychain = probedOnce(deps.keychain);
  let services: AppServices;
  try {
    services = await createAppServices({
      dataDir: storeDir,
      storeBackend: backend,
      keychain,
      clipboard: noClipboard,
      version: deps.version,
      // A retirement deadline belongs to the app: the CLI never waits for one.
      rotationTimers: { setTimeout: () => null, clearTimeout: () => undefined },
      // A Generate cut short is checked by the app (it shows the notice); the CLI only matches the lists it reads anyway.
      generateCheckTimers: null,
      ...(deps.clientOptions ? { clientOptions: deps.clientOptions } : {}),
      ...(deps.policySource ? { policySource: deps.policySource } : {}),
    });
  } catch (e) {
    lock.release();
    snapshot?.dispose();
    throw e;
  }
  const policyProblem = services.policy.view().problem;
  if (policyProblem) {
    const at = Object.values(policyProblem.details).join(' ');
    deps.note(t('policy.problem', { reason: at ? `${policyProblem.reason}: ${at}` : policyProblem.reason }));
  }
  // The app's vault and copies rules over the same keychain (its probe is shared, not repeated).
  const monitor = new KeychainMonitor(keychain);
  const settle = async (): Promise<void> => {
    await services.rotationsResumed;
  };
  return {
    services,
    throughApp: null,
    vault: createAccessKeyVault(monitor),
    copies: createKeychainCopies(monitor),
    keychainStatus: () => services.keychainStatus(),
    settle,
    async releaseLock() {
      await settle();
      lock.release();
    },
    async dispose() {
      try {
        await settle();
      } finally {
        services.oneTimeSecrets.clear();
        lock.release();
        snapshot?.dispose();
      }
    },
  };
}

/** Wraps a store backend so that each write first checks this process still holds the lock (the app may have taken it over after waiting). */
export function guardedBackend(factory: StoreBackendFactory, lock: AppLock): StoreBackendFactory {
  const check = (): void => {
    if (!lock.stillHeld()) throw Object.assign(new Error('the data dir lock was taken over'), { code: lockLostReason });
  };
  return (options) => {
    check();
    const inner = factory(options);
    return {
      get store() {
        return inner.store;
      },
      set store(value) {
        check();
        inner.store = value;
      },
    };
  };
}

/** The same keychain, probed once however many monitors look at it. */
function probedOnce(keychain: Keychain): Keychain {
  let probe: Promise<KeychainStatus> | null = null;
  return {
    probe: () => (probe ??= keychain.probe()),
    onStatus: (listener) => keychain.onStatus(listener),
    setSecret: (account, value) => keychain.setSecret(account, value),
    getSecret: (account) => keychain.getSecret(account),
    deleteSecret: (account) => keychain.deleteSecret(account),
    listAccounts: () => keychain.listAccounts(),
  };
}

/** The CLI never touches the clipboard: values go to stdout or to a child's environment only. */
const noClipboard: ClipboardPort = {
  writeText: () => Promise.reject(new Error('no clipboard in the command line')),
  readText: () => Promise.resolve(''),
  clear: () => undefined,
};

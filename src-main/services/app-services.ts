// Wires the main-process services for one data directory; Electron parts (store backend, clipboard, keychain) come in from outside.
import type { KeychainStatus } from '../../src-preload/contract/models';
import { createCloudmcClient, type ClientOptions, type CloudmcClient, type CloudmcConnection } from './cloudmc/cloudmc-client';
import { createClipboardService, type ClipboardPort, type ClipboardService } from './clipboard/clipboard-service';
import { createCredentialsService, type CredentialsService } from './credentials/credentials-service';
import { openGenerateIntents } from './credentials/generate-intents';
import { createMaybeCreated, type MaybeCreatedService } from './credentials/maybe-created';
import { createHealthService, openHealthStores, type HealthService } from './health/health-service';
import { createChangesService, type ChangesService } from './health/changes-service';
import { openVisits } from './health/visits';
import type { Keychain } from './keychain/keychain';
import { createKeychainCopies, type KeychainCopies } from './keychain/keychain-copies';
import { openCopyRecords } from './keychain/copy-records';
import { KeychainMonitor } from './keychain/keychain-monitor';
import { CancellableRequests } from './cancellable-requests';
import { ProfileQueue } from './profile-queue';
import { createAccessKeyVault, type AccessKeyVault } from './profiles/access-key-vault';
import { createProfileService, type ProfileService } from './profiles/profile-service';
import { openPolicyService, type PolicyService } from './policy/policy-service';
import { noPolicySource, type PolicySource } from './policy/policy-source';
import { createSecretActions, type SecretActions } from './secrets/secret-actions';
import { OneTimeSecrets } from './secrets/one-time-secrets';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { createStoredCopiesService, type StoredCopiesService } from './keychain/stored-copies-service';
import { createProfileTransfer, type ProfileTransfer } from './profiles/profile-transfer';
import { SyncStatus } from './profiles/sync-status';
import { openRotationJournal } from './rotation/rotation-journal';
import { createRotationService, type RotationService } from './rotation/rotation-service';
import { systemTimers, type RotationTimers } from './rotation/rotation-timer';
import { uiLanguageOf } from './rotation/rotation-plan';
import { openAppStores, type AppStores } from './store/app-stores';
import { createAppEvents, type AppEvents } from './app-events';
import { createChangeEvents, type ChangeEvents } from './change-events';
import { createRefreshAll, type RefreshAllService } from './refresh-all';
import type { StoreBackendFactory } from './store/json-store';
import type { Logger } from '../log';
import { foldersOutside } from './data-removal/app-files';
import { createDataRemoval, type DataRemoval } from './data-removal/data-removal';
import { RestartGate } from './restart-gate';
import { createUpdateService, type UpdateService, type UpdateSource } from './updates/update-service';

/** What the app is built from; each part is real in Electron and real-but-local in tests and the web host. */
export interface AppDeps {
  dataDir: string;
  storeBackend: StoreBackendFactory;
  keychain: Keychain;
  clipboard: ClipboardPort;
  version: string;
  clientOptions?: Partial<ClientOptions>;
  now?: () => Date;
  /** The app's logger, so new key values are redacted from every later line. */
  log?: Logger;
  /** Endpoint suggested in the Add profile form. */
  defaultEndpoint?: string;
  /** The rotation timer's clock (tests fire it themselves); Node's timers otherwise. */
  rotationTimers?: RotationTimers;
  /** Where the organization's policy is read: the OS's managed place in the app, a test's --policy-file; none when absent. */
  policySource?: PolicySource;
  /** The clock of the checks after a Generate cut short (tests fire it themselves); null: no check by itself (the command line). */
  generateCheckTimers?: RotationTimers | null;
  /** How this install updates (electron-updater, from the Electron edge); absent: the app does not update itself (CLI, web host). */
  updates?: UpdateSource | null;
  /** The update timer's clock (tests fire it themselves); Node's timers otherwise. */
  updateTimers?: RotationTimers;
  /** The app's folders outside the data folder (logs on macOS, the update cache): "Remove all my data" clears them too. */
  otherDataFolders?: readonly (string | null)[];
  /** Ends the app after "Remove all my data" (the desktop app quits); absent: the caller goes on. */
  quitAfterRemoval?: () => void;
  /** The system's locale when the language setting follows the system (Electron's app.getLocale()); Node's otherwise. */
  systemLocale?: () => string;
}

/** The services the IPC handlers call. */
export interface AppServices {
  version: string;
  stores: AppStores;
  /** The keychain's status (waits for the first probe, which starts with the services and never delays the window). */
  keychainStatus(): Promise<KeychainStatus>;
  /** "Try again" after the keychain stopped answering. */
  retryKeychain(): Promise<KeychainStatus>;
  /** Cancels a CloudMC call the renderer started with this request id (also one not started yet). */
  cancelRequest(requestId: string): void;
  settings: SettingsService;
  profiles: ProfileService;
  credentials: CredentialsService;
  secretActions: SecretActions;
  storedCopies: StoredCopiesService;
  transfer: ProfileTransfer;
  defaultEndpoint: string | null;
  oneTimeSecrets: OneTimeSecrets;
  clipboard: ClipboardService;
  /** Key rotation; `rotationsResumed` settles once the rotations left unfinished by the last run went as far as they can (started in the background). */
  rotation: RotationService;
  rotationsResumed: Promise<void>;
  /** Key health: findings, activity, notes, exports. */
  health: HealthService;
  /** "Changes since your last visit", per profile and across all. */
  keyChanges: ChangesService;
  /** The organization's policy in force (read at start; `policy.watch()` follows its changes). */
  policy: PolicyService;
  /** Refresh all, run in main (its progress is an event). */
  refreshAll: RefreshAllService;
  /** Main's events (contract/events.ts): the app's windows and the web host subscribe. */
  events: AppEvents;
  /** What the services call when something a window shows changed; `changes.idle()` settles once every event is sent. */
  changes: ChangeEvents;
  /** Generates that may have created a key (a crash with the request sent, no answer, an answer refused): checked and shown with Revoke. */
  maybeCreated: MaybeCreatedService;
  /** Says when the app may end itself (update, data removal): never during a Generate, a rotation step or with an open one-time key. */
  gate: RestartGate;
  /** Update checks, downloads and "Restart to update" (`start()` once the window shows). */
  updates: UpdateService;
  /** "Remove all my data". */
  dataRemoval: DataRemoval;
  /** The profiles' access keys (session or keychain): the command line's `exec` through the app's channel reads them here. */
  accessKeys: Pick<AccessKeyVault, 'get'>;
  /** Stored copies of generated keys: the command line's `read` and `exec --key` through the app's channel. */
  copies: Pick<KeychainCopies, 'keyIds' | 'read'>;
}

/** Opens the stores, starts probing the keychain (in the background), and builds every service. */
export async function createAppServices(deps: AppDeps): Promise<AppServices> {
  const now = deps.now ?? (() => new Date());
  const stores = openAppStores(deps.dataDir, deps.storeBackend);
  const events = createAppEvents(deps.log);
  // Built once every service exists (the views come from them); the services call it only later, as things change.
  let changes: ChangeEvents | null = null;
  const keychain = new KeychainMonitor(deps.keychain, (status) => changes?.keychainChanged(status));
  const sync = new SyncStatus();
  // Read before anything else is built: no service ever acts without the policy that applies.
  const policy = await openPolicyService({
    source: deps.policySource ?? noPolicySource,
    stores,
    now,
    ...(deps.log ? { log: deps.log } : {}),
    onMoved: (id) => sync.forget(id),
  });
  const settings = createSettingsService(stores, policy);
  // Every CloudMC client is made here: an endpoint the policy does not allow never receives a key (docs/security.md 46).
  const makeClient = (conn: CloudmcConnection): CloudmcClient => {
    policy.checkEndpoint(conn.endpoint);
    return createCloudmcClient(conn, deps.clientOptions);
  };
  const vault = createAccessKeyVault(keychain);
  const copyRecords = openCopyRecords({
    dataDir: deps.dataDir,
    backend: deps.storeBackend,
    readOnly: stores.config.readOnly,
    now,
    nameOf: (profileId, keyId) => stores.cache.get(profileId)?.keys.find((k) => k.id === keyId)?.name,
  });
  const copies = createKeychainCopies(keychain, copyRecords);
  const oneTimeSecrets = new OneTimeSecrets(() => changes?.secretsChanged());
  const clipboard = createClipboardService(deps.clipboard, () => settings.get().clipboardClearSeconds);
  const queue = new ProfileQueue();
  const requests = new CancellableRequests();
  const forgetters: ((profileId: string) => void)[] = [];
  const healthStores = openHealthStores(deps.dataDir, deps.storeBackend, stores.config.readOnly);
  const profiles = createProfileService({
    stores,
    vault,
    copies,
    sync,
    queue,
    requests,
    now,
    makeClient,
    onRemoved: (id) => forgetters.forEach((forget) => forget(id)),
    onLeft: (id) => keyChanges.left(id),
    policy,
  });
  const keyChanges = createChangesService({
    stores,
    history: healthStores.history,
    visits: openVisits(deps.dataDir, deps.storeBackend, stores.config.readOnly),
    profiles,
    now,
  });
  forgetters.push((id) => keyChanges.forget(id));
  const maybeCreated = createMaybeCreated({
    intents: openGenerateIntents(deps.dataDir, deps.storeBackend),
    refresh: async (profileId) => (await credentials.refresh(profileId)).failure,
    knownKeyIds: (profileId) => stores.cache.get(profileId)?.keys.map((k) => k.id) ?? [],
    profileExists: (profileId) => stores.config.read().profiles.some((p) => p.id === profileId),
    timers: deps.generateCheckTimers === undefined ? systemTimers : deps.generateCheckTimers,
    now,
  });
  forgetters.push((id) => maybeCreated.forget(id));
  const credentials: CredentialsService = createCredentialsService({
    stores,
    profiles,
    secrets: oneTimeSecrets,
    copies,
    sync,
    queue,
    requests,
    now,
    hideFromLogs: (v) => deps.log?.forget(v) ?? (() => undefined),
    observe: (profileId, keys) => {
      maybeCreated.observe(profileId, keys);
      healthStores.history.record(profileId, keys, now().toISOString());
    },
    noteOf: (profileId, keyId) => healthStores.notes.get(profileId, keyId),
    onViewChanged: (profileId) => changes?.keysChanged(profileId),
    maybeCreated,
  });
  maybeCreated.resumeLeftovers();
  forgetters.push((id) => credentials.forget(id));
  const secretActions = createSecretActions({ secrets: oneTimeSecrets, clipboard, copies, endpointOf: (id) => profiles.get(id).endpoint });
  const storedCopies = createStoredCopiesService({
    stores,
    copies,
    records: copyRecords,
    clipboard,
    requireProfile: (id) => profiles.get(id),
    refresh: (id, requestId) => credentials.refresh(id, requestId),
    now,
  });
  // Every journal save or removal of a rotation (the rotation service's hook; a spread, so it also builds before that hook exists).
  const rotationHooks = { onChange: (profileId: string) => changes?.rotationChanged(profileId) };
  const rotation = createRotationService({
    journal: openRotationJournal(deps.dataDir, deps.storeBackend, now),
    profiles,
    credentials,
    copies,
    secrets: oneTimeSecrets,
    queue,
    requests,
    makeClient,
    keychainStatus: () => keychain.status(),
    now,
    hideFromLogs: (v) => deps.log?.forget(v) ?? (() => undefined),
    ...(deps.rotationTimers ? { timers: deps.rotationTimers } : {}),
    ...rotationHooks,
    language: () => {
      const chosen = settings.get().language;
      return uiLanguageOf(chosen === 'system' ? (deps.systemLocale?.() ?? Intl.DateTimeFormat().resolvedOptions().locale) : chosen);
    },
  });
  forgetters.push((id) => rotation.forget(id));
  const transfer = createProfileTransfer({ stores, now, profiles, policy });
  const health = createHealthService({ stores, health: healthStores, profiles, storedCopies, settings, requests, now });
  forgetters.push((id) => health.forget(id));
  changes = createChangeEvents(
    events,
    {
      keysView: (profileId) => credentials.listCached(profileId),
      rotations: (profileId) => rotation.list(profileId),
      pendingSecrets: () => oneTimeSecrets.list(),
      profiles: () => profiles.list(),
    },
    deps.log,
  );
  const changed = changes;
  // Any write of the profiles list (the command line through the app, an import, the policy, this window): every window lists them again.
  stores.config.onWrite((next, before) => {
    if (next.profiles !== before.profiles) changed.profilesChanged();
  });
  // The policy read again (IT changed it): every window applies the new view and lists the profiles again.
  policy.onChange((view) => events.emit('policy:did-change', view));
  const refreshAll = createRefreshAll({
    listProfiles: () => profiles.list(),
    refresh: (profileId, requestId) => credentials.refresh(profileId, requestId),
    cancelRequest: (requestId) => requests.cancel(requestId),
    progress: (change) => events.emit('refreshAll:did-change', change),
    viewChanged: (view) => changed.keysChanged(view.profile.id, view),
  });
  const gate = new RestartGate({ rotationStepRunning: () => rotation.busy(), oneTimeKeyOpen: () => oneTimeSecrets.list().length > 0 });
  const updates = createUpdateService({
    source: deps.updates ?? null,
    enabled: () => settings.get().updates, // the organization's policy (a later issue) can turn checks off here too
    gate,
    now,
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.updateTimers ? { timers: deps.updateTimers } : {}),
  });
  const dataRemoval = createDataRemoval({
    dataDir: deps.dataDir,
    otherFolders: foldersOutside(deps.dataDir, deps.otherDataFolders ?? []),
    keychain,
    stores,
    gate,
    background: {
      pause() {
        rotation.stop();
        updates.stop();
      },
      resume() {
        void rotation.resumeAll(); // drives what is due and arms the rotation timer again
        updates.resume();
      },
    },
    ...(deps.quitAfterRemoval ? { quit: deps.quitAfterRemoval } : {}),
  });
  return {
    version: deps.version,
    stores,
    settings,
    profiles,
    credentials,
    secretActions,
    storedCopies,
    transfer,
    oneTimeSecrets,
    clipboard,
    rotation,
    rotationsResumed: rotation.resumeAll().catch(() => undefined),
    health,
    keyChanges,
    policy,
    refreshAll,
    events,
    changes: changed,
    maybeCreated,
    keychainStatus: () => keychain.status(),
    retryKeychain: () => keychain.retry(),
    cancelRequest: (requestId) => requests.cancel(requestId),
    defaultEndpoint: deps.defaultEndpoint ?? null,
    gate,
    updates,
    dataRemoval,
    accessKeys: vault,
    copies,
  };
}

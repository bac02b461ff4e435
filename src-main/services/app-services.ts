// Wires the main-process services for one data directory; Electron parts (store backend, clipboard, keychain) come in from outside.
import type { KeychainStatus } from '../../src-preload/contract/models';
import { createCloudmcClient, type ClientOptions } from './cloudmc/cloudmc-client';
import { createClipboardService, type ClipboardPort, type ClipboardService } from './clipboard/clipboard-service';
import { createCredentialsService, type CredentialsService } from './credentials/credentials-service';
import type { Keychain } from './keychain/keychain';
import { createKeychainCopies } from './keychain/keychain-copies';
import { createAccessKeyVault } from './profiles/access-key-vault';
import { createProfileService, type ProfileService } from './profiles/profile-service';
import { createSecretActions, type SecretActions } from './secrets/secret-actions';
import { OneTimeSecrets } from './secrets/one-time-secrets';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { createStoredCopiesService, type StoredCopiesService } from './keychain/stored-copies-service';
import { createProfileTransfer, type ProfileTransfer } from './profiles/profile-transfer';
import { SyncStatus } from './profiles/sync-status';
import { openAppStores, type AppStores } from './store/app-stores';
import type { StoreBackendFactory } from './store/json-store';
import type { Logger } from '../log';

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
}

/** The services the IPC handlers call. */
export interface AppServices {
  version: string;
  stores: AppStores;
  keychainStatus(): KeychainStatus;
  settings: SettingsService;
  profiles: ProfileService;
  credentials: CredentialsService;
  secretActions: SecretActions;
  storedCopies: StoredCopiesService;
  transfer: ProfileTransfer;
  defaultEndpoint: string | null;
  oneTimeSecrets: OneTimeSecrets;
  clipboard: ClipboardService;
}

/** Opens the stores, probes the keychain once, and builds every service. */
export async function createAppServices(deps: AppDeps): Promise<AppServices> {
  const now = deps.now ?? (() => new Date());
  const stores = openAppStores(deps.dataDir, deps.storeBackend);
  const status = await deps.keychain.probe();
  const keychainUsable = (): boolean => status.available;
  const settings = createSettingsService(stores);
  const vault = createAccessKeyVault(deps.keychain, keychainUsable);
  const copies = createKeychainCopies(deps.keychain, keychainUsable);
  const oneTimeSecrets = new OneTimeSecrets();
  const clipboard = createClipboardService(deps.clipboard, () => settings.get().clipboardClearSeconds);
  const sync = new SyncStatus();
  const profiles = createProfileService({ stores, vault, copies, sync, now, makeClient: (conn) => createCloudmcClient(conn, deps.clientOptions) });
  const credentials = createCredentialsService({ stores, profiles, secrets: oneTimeSecrets, copies, sync, keychainUsable, now, hideFromLogs: (v) => deps.log?.forget(v) ?? (() => undefined) });
  const secretActions = createSecretActions({ secrets: oneTimeSecrets, clipboard, copies });
  const storedCopies = createStoredCopiesService({ stores, copies, clipboard, requireProfile: (id) => profiles.get(id) });
  const transfer = createProfileTransfer({ stores, now });
  return {
    version: deps.version, stores, keychainStatus: () => status, settings, profiles, credentials, secretActions, storedCopies, transfer, oneTimeSecrets, clipboard,
    defaultEndpoint: deps.defaultEndpoint ?? null,
  };
}

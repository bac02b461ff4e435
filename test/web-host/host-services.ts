// Builds the real main-process services for the web host: conf files in a data dir, a memory or system keychain, the clipboard relay.
import Conf from 'conf';
import { createAppServices, type AppServices } from '../../src-main/services/app-services';
import type { ClientOptions } from '../../src-main/services/cloudmc/cloudmc-client';
import type { Keychain } from '../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../src-main/services/keychain/keytar-keychain';
import { createMemoryKeychain } from '../../src-main/services/keychain/memory-keychain';
import type { StoreBackendFactory } from '../../src-main/services/store/json-store';
import type { ClipboardPort } from '../../src-main/services/clipboard/clipboard-service';
import type { Logger } from '../../src-main/log';
import { jsonFileSource } from '../../src-main/services/policy/policy-source';

/** Which keychain the host uses: process memory (default), the OS Secret Service, or none at all. */
export type KeychainMode = 'memory' | 'system' | 'none';

/** conf as the store backend: the same library and file format electron-store uses in the app. */
export const confBackend: StoreBackendFactory = (options) =>
  new Conf<Record<string, unknown>>({ ...options, configName: options.name, projectName: 'cloudmc-credentials' });

/** The keychain for a mode. */
export function keychainFor(mode: KeychainMode): Keychain {
  if (mode === 'system') return createKeytarKeychain();
  return createMemoryKeychain({ unavailable: mode === 'none' });
}

/** Creates the app services the way the Electron main process does, minus Electron. */
export function createHostServices(opts: {
  dataDir: string;
  keychain: KeychainMode;
  clipboard: ClipboardPort;
  log?: Logger;
  defaultEndpoint?: string;
  clientOptions?: Partial<ClientOptions>;
  /** A policy file (a test's temp folder); without it the host has no policy (it never reads the OS's managed place). */
  policyFile?: string;
}): Promise<AppServices> {
  return createAppServices({
    dataDir: opts.dataDir,
    storeBackend: confBackend,
    keychain: keychainFor(opts.keychain),
    clipboard: opts.clipboard,
    version: '0.1.0-web-host',
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.defaultEndpoint ? { defaultEndpoint: opts.defaultEndpoint } : {}),
    ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
    ...(opts.policyFile ? { policySource: jsonFileSource(opts.policyFile, 2_000) } : {}),
  });
}

// electron-store as the store backend (it imports Electron, so only the Electron entry point loads this file).
import ElectronStore from 'electron-store';
import type { StoreBackendFactory } from './services/store/json-store';

/** electron-store as the store backend: same options and file format as conf. */
export const electronStoreBackend: StoreBackendFactory = (options) => new ElectronStore<Record<string, unknown>>(options);

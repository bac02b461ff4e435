// Adapters from Electron's modules to the plain interfaces the services take (store backend, clipboard).
import type { Clipboard } from 'electron';
import ElectronStore from 'electron-store';
import type { ClipboardPort } from './services/clipboard/clipboard-service';
import type { StoreBackendFactory } from './services/store/json-store';

/** electron-store as the store backend. */
export const electronStoreBackend: StoreBackendFactory = (options) => new ElectronStore<Record<string, unknown>>(options);

/** Electron's clipboard as the clipboard port. */
export function electronClipboard(clipboard: Clipboard): ClipboardPort {
  return { writeText: (t) => clipboard.writeText(t), readText: () => clipboard.readText(), clear: () => clipboard.clear() };
}

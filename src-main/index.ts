// The Electron entry point: registers the app:// scheme and hands the real Electron modules to the lifecycle.
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import path from 'node:path';
import { runApp } from './lifecycle';
import { createLogger } from './log';
import { createLogFileSink, teeSinks } from './log-file';
import { createKeytarKeychain } from './services/keychain/keytar-keychain';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

void runApp(
  { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, screen, session, shell },
  {
    rendererRoot: path.join(import.meta.dirname, '../renderer'),
    preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
    // electron-store is loaded only here: importing it anywhere else would load Electron itself.
    storeBackend: async () => (await import('./electron-store-backend')).electronStoreBackend,
    keychain: () => createKeytarKeychain(),
    // One redaction point, two sinks: the console and a rotated file in the OS log folder (Linux ~/.config/CloudMC Credentials/logs, macOS ~/Library/Logs, Windows %APPDATA%).
    log: createLogger(
      teeSinks(
        (level, line) => console[level](line),
        createLogFileSink(() => app.getPath('logs')),
      ),
    ),
  },
);

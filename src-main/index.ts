// App lifecycle only: single instance, protocol, services, IPC, window, and safe quit.
import { app, BrowserWindow, clipboard, dialog, ipcMain, protocol, session, shell } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { appOrigin, serveAppRequest } from './app-protocol';
import { electronClipboard, electronStoreBackend } from './electron-edges';
import { isAllowedExternalUrl } from './external-links';
import { createDispatcher } from './ipc/dispatcher';
import { registerIpc } from './ipc/electron-ipc';
import { createHandlers } from './ipc/handlers';
import { createLogger } from './log';
import { createAppServices, type AppServices } from './services/app-services';
import { createKeytarKeychain } from './services/keychain/keytar-keychain';
import { createMainWindow, denyAllPermissions } from './window';
import { confirmQuitMessage } from './quit-guard';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

const log = createLogger((level, line) => console[level](line));
const rendererRoot = path.join(import.meta.dirname, '../renderer');
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');
const openExternal = (url: string): void => {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: AppServices | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    protocol.handle('app', async (request) => {
      // Every answer carries the CSP and nosniff as headers too (security.md 3), not only the page's meta tag.
      const answer = await serveAppRequest(request.url, rendererRoot, (file) => fs.readFile(file));
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    });
    services = await createAppServices({
      dataDir: app.getPath('userData'),
      storeBackend: electronStoreBackend,
      keychain: createKeytarKeychain(),
      clipboard: electronClipboard(clipboard),
      version: app.getVersion(),
      log,
    });
    registerIpc(ipcMain, createDispatcher(createHandlers(services), log), appOrigin);
    mainWindow = createMainWindow(BrowserWindow, { preloadPath, url: `${appOrigin}/index.html`, openExternal, appOrigin });
    mainWindow.on('close', (event) => {
      if (!services?.oneTimeSecrets.hasUnsaved() || !mainWindow) return;
      const choice = dialog.showMessageBoxSync(mainWindow, confirmQuitMessage(app.getLocale()));
      if (choice !== 0) event.preventDefault();
    });
  }).catch((e: unknown) => {
    log.error('start-up failed', e);
    app.exit(1);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  let clearedOnQuit = false;
  app.on('before-quit', (event) => {
    services?.oneTimeSecrets.clear();
    if (clearedOnQuit || !services) return;
    // Clearing the clipboard is async: hold the quit until it is done.
    event.preventDefault();
    clearedOnQuit = true;
    void services.clipboard.clearSecretNow().finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}

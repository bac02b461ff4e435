// The app's lifecycle over injected Electron parts: single instance, protocol, services, IPC, window, and a quit that loses nothing.
import type * as Electron from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveAppRequest } from './app-protocol';
import { uiLocation } from './ui-location';
import { acquireAppLock, releaseAppLock, type AppLock } from './cli/app-lock';
import { openAppChannel } from './services/app-channel/channel-server';
import { electronClipboard } from './electron-edges';
import { isAllowedExternalUrl } from './external-links';
import { createDispatcher } from './ipc/dispatcher';
import { registerIpc } from './ipc/electron-ipc';
import { sendToAppWindows } from './ipc/electron-events';
import { createHandlers } from './ipc/handlers';
import type { Logger } from './log';
import { confirmQuitMessage } from './quit-guard';
import { startupFailureMessage } from './startup-failure';
import { createAppServices, type AppServices } from './services/app-services';
import type { Keychain } from './services/keychain/keychain';
import { osPolicySource } from './services/policy/os-policy-source';
import type { PolicySource } from './services/policy/policy-source';
import type { StoreBackendFactory } from './services/store/json-store';
import type { UpdateSource } from './services/updates/update-service';
import { createMainWindow, denyAllPermissions, guardDownloads } from './window';
import { recoverFromCrashes } from './crash-recovery';
import { crashPageUrl } from './crash-page';
import { openWindowState } from './window-state';
import { appMenuTemplate } from './app-menu';
import { commandLineToolLabel, installCommandLineTool } from './command-line-tool';

/** The Electron modules the lifecycle uses (the real ones in index.ts). */
export interface ElectronParts {
  app: Electron.App;
  BrowserWindow: typeof Electron.BrowserWindow;
  clipboard: Electron.Clipboard;
  ClipboardItem: typeof Electron.ClipboardItem;
  dialog: Pick<Electron.Dialog, 'showMessageBoxSync' | 'showErrorBox'>;
  Menu: Pick<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Electron.Protocol, 'handle'>;
  session: { defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on' | 'resolveProxy'> };
  screen: Pick<Electron.Screen, 'getAllDisplays'>;
  shell: Pick<Electron.Shell, 'openExternal'>;
}

/** Where the built UI is, and how to open the stores and the keychain. */
export interface LifecycleOptions {
  rendererRoot: string;
  preloadPath: string;
  storeBackend: () => Promise<StoreBackendFactory>;
  keychain: () => Keychain;
  log: Logger;
  /** How this install updates (electron-updater, built in index.ts); absent or null: it does not update itself. */
  updates?: () => (UpdateSource & { cacheDir: string | null }) | null;
  /** The organization's policy: the OS's managed place (tests give another); never anything from argv or a user-writable place. */
  policySource?: () => PolicySource;
}

/** Starts the app; returns the services once ready (for tests), or null when another instance runs. */
export function runApp(e: ElectronParts, opts: LifecycleOptions): Promise<AppServices | null> {
  const { app } = e;
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // one writer per data dir (docs/security.md 24): the first instance is focused instead
    return Promise.resolve(null);
  }
  let services: AppServices | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;
  /** The windows this app opened and that are still open: main's events go to them (security.md 7). */
  const windows = new Set<Electron.BrowserWindow>();
  const openExternal = (url: string): void => {
    if (isAllowedExternalUrl(url)) void e.shell.openExternal(url);
  };

  // Another launch, or the dock icon on macOS: bring the window back, or open a new one if it was closed.
  let openWindow: (() => void) | null = null;
  const showWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      openWindow?.();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit(); // macOS apps stay in the dock; `activate` opens a window again
  });

  // After every window has closed (each asked first if a new key was unsaved): wipe the values and clear the clipboard.
  let clearedOnQuit = false;
  // The data folder's writer lock (shared with the command line): released as the app quits.
  let writerLock: AppLock | null = null;
  app.on('will-quit', (event) => {
    // The profile on screen is left as the app quits: its visit is recorded ("Changes since your last visit"; best effort, swept after a data removal).
    const shown = clearedOnQuit ? null : (services?.stores.uiState.read().lastProfileId ?? null);
    if (shown !== null) services?.keyChanges.left(shown);
    services?.oneTimeSecrets.clear();
    services?.updates.stop();
    if (clearedOnQuit) services?.dataRemoval.sweep(); // after "Remove all my data": what was written since (the window's place, a log line)
    if (writerLock && (clearedOnQuit || !services)) {
      releaseAppLock(writerLock);
      writerLock = null;
    }
    if (clearedOnQuit || !services) return;
    event.preventDefault();
    clearedOnQuit = true;
    void services.clipboard.clearSecretNow().finally(() => app.quit());
  });

  return app
    .whenReady()
    .then(async () => {
      denyAllPermissions(e.session.defaultSession);
      const template = appMenuTemplate(process.platform, {
        label: commandLineToolLabel(app.getLocale()),
        // The launcher inside the bundle (Contents/Resources/bin/cloudmc) linked as /usr/local/bin/cloudmc, after asking.
        click: () =>
          installCommandLineTool({
            showMessageBox: (options) => e.dialog.showMessageBoxSync(options),
            launcher: path.join(process.resourcesPath, 'bin', 'cloudmc'),
            linkPath: '/usr/local/bin/cloudmc',
            locale: app.getLocale(),
          }),
      });
      e.Menu.setApplicationMenu(template ? e.Menu.buildFromTemplate(template) : null);
      e.protocol.handle('app', async (request) => {
        // Every answer carries the CSP and nosniff as headers too (docs/security.md 3), not only the page's meta tag.
        const answer = await serveAppRequest(request.url, opts.rendererRoot, (file) => fs.readFile(file));
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      });
      // One writer of the data folder's files: a command-line run finishes first (10 s at most), then the app holds the lock while it runs.
      writerLock = await acquireAppLock(app.getPath('userData'));
      const updates = opts.updates?.() ?? null;
      services = await createAppServices({
        dataDir: app.getPath('userData'),
        storeBackend: await opts.storeBackend(),
        keychain: opts.keychain(),
        clipboard: electronClipboard(e.clipboard, e.ClipboardItem),
        version: app.getVersion(),
        log: opts.log,
        // The OS proxy settings (PAC, WPAD included) as Chromium resolves them; CloudMC calls tunnel through the proxy it names.
        clientOptions: { resolveProxy: (url) => e.session.defaultSession.resolveProxy(url) },
        updates,
        otherDataFolders: [app.getPath('logs'), updates?.cacheDir ?? null],
        // After "Remove all my data" the app quits (not restarts): starting again would write the folder anew before an uninstall.
        quitAfterRemoval: () => app.quit(),
        systemLocale: () => app.getLocale(),
        policySource: opts.policySource?.() ?? osPolicySource(),
      });
      const ready = services;
      // The command line's channel: while the app runs, `cloudmc` commands go through these services (one writer, the screen follows).
      if (writerLock.held) {
        const channel = await openAppChannel({ dataDir: app.getPath('userData'), services: ready, log: opts.log });
        if (channel) app.on('will-quit', () => void channel.close());
      }
      // The policy is read again when IT changes it (its watcher never keeps the app from quitting).
      const stopWatchingPolicy = ready.policy.watch();
      app.on('will-quit', stopWatchingPolicy);
      // electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app ignores it.
      const ui = uiLocation(app.isPackaged, process.env['ELECTRON_RENDERER_URL']);
      if (ui.devServer) opts.log.warn(`development: the UI comes from ${ui.origin}`);
      registerIpc(e.ipcMain, createDispatcher(createHandlers(ready), opts.log), ui.origin);
      ready.events.subscribe(
        sendToAppWindows(
          () => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
          ui.origin,
          (error) => opts.log.warn('an event could not reach a window', error),
        ),
      );
      guardDownloads(e.session.defaultSession, ui.origin);
      const windowState = openWindowState(app.getPath('userData'), await opts.storeBackend());
      const locale = (): string => {
        const language = ready.settings.get().language;
        return language === 'system' ? app.getLocale() : language;
      };
      openWindow = () => {
        const saved = windowState.restore(e.screen.getAllDisplays());
        const win = createMainWindow(e.BrowserWindow, {
          preloadPath: opts.preloadPath,
          url: ui.url,
          openExternal,
          appOrigin: ui.origin,
          devTools: !app.isPackaged,
          bounds: saved.bounds,
        });
        if (saved.maximized) win.maximize();
        mainWindow = win;
        windows.add(win);
        win.on('closed', () => windows.delete(win));
        // A crashed UI comes back (keys generated before the crash are still listed, without their value); a UI that keeps crashing shows an error page.
        recoverFromCrashes(win, { log: opts.log, errorPageUrl: () => crashPageUrl(locale()) });
        win.on('close', (event) => {
          if (ready.oneTimeSecrets.hasUnsaved()) {
            const choice = e.dialog.showMessageBoxSync(win, confirmQuitMessage(locale()));
            if (choice !== 0) return event.preventDefault();
          }
          if (!ready.dataRemoval.removed) windowState.save(win.getNormalBounds(), win.isMaximized());
        });
      };
      openWindow();
      ready.updates.start(); // the first check comes seconds after the window shows (never delaying it), then every few hours
      return ready;
    })
    .catch((error: unknown) => {
      // No window can say it: a native box in the system language, then exit (an unwritable data dir does not get here).
      opts.log.error('start-up failed', error);
      try {
        const box = startupFailureMessage(app.getLocale(), error);
        e.dialog.showErrorBox(box.title, box.content);
      } catch (dialogError) {
        opts.log.error('start-up error box failed', dialogError);
      }
      app.exit(1);
      return null;
    });
}

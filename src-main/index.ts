// The Electron entry point: registers the app:// scheme and hands the real Electron modules to the lifecycle.
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import path from 'node:path';
import { runApp } from './lifecycle';
import { createLogger } from './log';
import { createLogFileSink, teeSinks } from './log-file';
import { createKeytarKeychain } from './services/keychain/keytar-keychain';
import { electronUpdateSource } from './services/updates/electron-updater-source';

const cliAt = process.argv.indexOf('--cli');
if (cliAt !== -1) runCommandLine(process.argv.slice(cliAt + 1));
else startDesktopApp();

/** `<app> --cli COMMAND ...`: the command line in the app's own main process, before any window (the RunAsNode fuse stays off). */
function runCommandLine(args: string[]): void {
  app.dock?.hide();
  void (async () => {
    const { runCli } = await import('./cli/run-cli');
    const { envProxyResolver } = await import('./cli/env-proxy');
    const code = await runCli(args, {
      storeBackend: (await import('./electron-store-backend')).electronStoreBackend,
      keychain: () => createKeytarKeychain(),
      defaultDataDir: app.getPath('userData'),
      version: app.getVersion(),
      program: `${path.basename(process.execPath)} --cli`,
      // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as the checkout's command line (no window: the system resolver is the app's).
      clientOptions: { resolveProxy: envProxyResolver(process.env) },
    });
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    app.exit(code);
  })();
}

/** The desktop app: the app:// scheme, then the lifecycle over the real Electron modules. */
function startDesktopApp(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
  // One redaction point, two sinks: the console and a rotated file in the OS log folder (Linux ~/.config/CloudMC Credentials/logs, macOS ~/Library/Logs, Windows %APPDATA%).
  const log = createLogger(
    teeSinks(
      (level, line) => console[level](line),
      createLogFileSink(() => app.getPath('logs')),
    ),
  );
  void runApp(
    { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, screen, session, shell },
    {
      rendererRoot: path.join(import.meta.dirname, '../renderer'),
      preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
      // electron-store is loaded only here: importing it anywhere else would load Electron itself.
      storeBackend: async () => (await import('./electron-store-backend')).electronStoreBackend,
      keychain: () => createKeytarKeychain(),
      // electron-updater is loaded only at the first check, after the window shows.
      updates: () =>
        electronUpdateSource({
          platform: process.platform,
          isPackaged: app.isPackaged,
          resourcesPath: process.resourcesPath,
          appImage: process.env['APPIMAGE'],
          log,
        }),
      log,
    },
  );
}

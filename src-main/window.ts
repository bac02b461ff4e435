// Creates the app window with Electron's security checklist applied (docs/security.md 1, 4, 5, 14).
import type { BrowserWindow as BrowserWindowType, Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import type { Bounds } from './window-state';

/** Denies every permission request and check on a session (camera, notifications, clipboard-read, ...). */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Refuses navigation, new windows and webviews; opens allow-listed https links in the browser instead. */
export function lockDownNavigation(contents: WebContents, openExternal: (url: string) => void, appOrigin: string): void {
  // Electron passes the target in `event.url` (the second argument is deprecated).
  contents.on('will-navigate', (event) => {
    if (!event.url.startsWith(appOrigin + '/')) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!event.url.startsWith(appOrigin + '/')) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    // Reload would drop an open one-time key without asking (docs/security.md 14); DevTools could read it.
    const key = input.key.toLowerCase();
    const devTools = key === 'f12' || ((input.control || input.meta) && input.shift && (key === 'i' || key === 'j' || key === 'c'));
    if (key === 'f5' || ((input.control || input.meta) && key === 'r') || devTools) event.preventDefault();
  });
}

/** Creates the main window: isolated, sandboxed, no Node, locked-down navigation (docs/security.md 1, 5). */
export function createMainWindow(
  BrowserWindow: typeof BrowserWindowType,
  opts: {
    preloadPath: string;
    url: string;
    openExternal: (url: string) => void;
    appOrigin: string;
    iconPath?: string;
    devTools?: boolean;
    bounds?: Bounds | null;
  },
): BrowserWindowType {
  const win = new BrowserWindow({
    width: opts.bounds?.width ?? 1200,
    height: opts.bounds?.height ?? 780,
    ...(opts.bounds ? { x: opts.bounds.x, y: opts.bounds.y } : {}),
    minWidth: 320,
    minHeight: 400,
    show: false,
    title: 'CloudMC Credentials',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    // Written out here, not built by a helper, so that Electronegativity (docs/security.md 10) can see every value.
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick', // a middle click must not open a link in a new window
      spellcheck: false,
      devTools: opts.devTools ?? false,
    },
  });
  lockDownNavigation(win.webContents, opts.openExternal, opts.appOrigin);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}

/** The parts of a download the app checks. */
export interface DownloadItemLike {
  getURL(): string;
  getFilename(): string;
  setSaveDialogOptions(options: { title?: string; defaultPath?: string }): void;
}

/** Downloads only files the app's own page made (an export), and always through a save dialog; anything else is refused. */
export function guardDownloads(
  session: { on(event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadItemLike) => void): unknown },
  appOrigin: string,
): void {
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (!url.startsWith(`${appOrigin}/`) && !url.startsWith(`blob:${appOrigin}/`)) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: item.getFilename() }); // no save path set: Electron asks where to save
  });
}

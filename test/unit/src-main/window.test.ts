// The window's hardening (docs/security.md 1, 4, 5, 6, 14), driven through a mocked `electron` module: webPreferences, permissions, navigation, popups, webviews, reload keys.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  type Handler = (details: { url: string }) => { action: 'allow' | 'deny' };
  /** Stands in for Electron's WebContents: an EventEmitter with the window-open handler slot. */
  class WebContents extends EventEmitter {
    windowOpenHandler: Handler | null = null;
    setWindowOpenHandler(handler: Handler): void {
      this.windowOpenHandler = handler;
    }
  }
  /** Stands in for Electron's BrowserWindow: records its options and the URL it loads. */
  class BrowserWindow extends EventEmitter {
    static created: BrowserWindow[] = [];
    readonly webContents = new WebContents();
    loadedUrl: string | null = null;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.created.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
  }
  /** Stands in for a Session: keeps the permission handlers it is given. */
  class Session {
    requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
    checkHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
    setPermissionRequestHandler(h: Session['requestHandler']): void {
      this.requestHandler = h;
    }
    setPermissionCheckHandler(h: Session['checkHandler']): void {
      this.checkHandler = h;
    }
  }
  const session = { defaultSession: new Session() };
  return { BrowserWindow, session, default: { BrowserWindow, session } };
});

const electron = await import('electron');
const { createMainWindow, denyAllPermissions, lockDownNavigation } = await import('../../../src-main/window');
const { appOrigin } = await import('../../../src-main/app-protocol');

type FakeContents = EventEmitter & { windowOpenHandler: ((d: { url: string }) => { action: string }) | null };
type FakeWindow = EventEmitter & {
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  webContents: FakeContents;
  loadedUrl: string | null;
  shown: boolean;
};
type FakeSession = {
  requestHandler: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  checkHandler: (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
};

function openWindow(): { win: FakeWindow; opened: string[] } {
  const opened: string[] = [];
  const win = createMainWindow(electron.BrowserWindow, {
    preloadPath: '/app/preload.cjs',
    url: `${appOrigin}/index.html`,
    openExternal: (u) => opened.push(u),
    appOrigin,
  }) as unknown as FakeWindow;
  return { win, opened };
}

/** Emits an event the way Electron does, with a preventable event object; true when a listener prevented it. */
function emitPreventable(contents: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

/** Emits will-navigate / will-redirect as Electron 45 does: the target in `event.url`, the deprecated second argument after it. */
function emitNavigation(contents: EventEmitter, name: 'will-navigate' | 'will-redirect', url: string, deprecatedUrl = url): boolean {
  let prevented = false;
  contents.emit(name, { url, preventDefault: () => (prevented = true) }, deprecatedUrl);
  return prevented;
}

const permissions = [
  'camera',
  'microphone',
  'media',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'geolocation',
  'midi',
  'midiSysex',
  'openExternal',
  'pointerLock',
  'fullscreen',
  'display-capture',
  'hid',
  'serial',
  'usb',
  'idle-detection',
  'unknown',
];

describe('webPreferences (security.md 1)', () => {
  const expected = {
    preload: '/app/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
  };

  it('the main window is created with exactly the secure preferences and loads the app origin', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toEqual({
      ...expected,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule'])
      expect(win.options.webPreferences).not.toHaveProperty(risky);
    expect(win.loadedUrl).toBe('app://ui/index.html');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});

describe('permissions (security.md 4)', () => {
  const s = electron.session.defaultSession as unknown as FakeSession;
  denyAllPermissions(electron.session.defaultSession);

  it.each(permissions)('the request handler denies %s', (permission) => {
    const answers: boolean[] = [];
    s.requestHandler({}, permission, (granted) => answers.push(granted), { requestingUrl: 'app://ui/index.html' });
    expect(answers).toEqual([false]);
  });

  it.each(permissions)('the check handler denies %s, even for the app origin', (permission) => {
    expect(s.checkHandler({}, permission, appOrigin, { requestingUrl: 'app://ui/index.html' })).toBe(false);
  });
});

describe('navigation (security.md 5)', () => {
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://ui.evil/index.html',
    'app://uix/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
  ])('will-navigate and will-redirect to %s are prevented', (url) => {
    const { win } = openWindow();
    expect(emitNavigation(win.webContents, 'will-navigate', url)).toBe(true);
    expect(emitNavigation(win.webContents, 'will-redirect', url)).toBe(true);
  });

  it.each(['app://ui/index.html', 'app://ui/index.html#/keys'])('a same-origin navigation to %s is allowed', (url) => {
    const { win } = openWindow();
    expect(emitNavigation(win.webContents, 'will-navigate', url)).toBe(false);
  });

  it('will-navigate reads the target from the event (details.url), not from the deprecated argument', () => {
    const { win } = openWindow();
    expect(emitNavigation(win.webContents, 'will-navigate', 'https://evil.example/', 'app://ui/index.html')).toBe(true);
  });

  it('will-attach-webview is prevented', () => {
    const { win } = openWindow();
    expect(emitPreventable(win.webContents, 'will-attach-webview', {}, {})).toBe(true);
  });

  it('lockDownNavigation can be applied to any contents with the same rules', () => {
    const contents = new (electron.BrowserWindow as unknown as new (o: object) => FakeWindow)({}).webContents;
    lockDownNavigation(contents as never, () => undefined, appOrigin);
    expect(emitNavigation(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitPreventable(contents, 'will-attach-webview', {}, {})).toBe(true);
  });
});

describe('new windows (security.md 5, 6)', () => {
  it('every window.open is denied; an allow-listed https link opens in the browser', () => {
    const { win, opened } = openWindow();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://docs.cloudmc.io/api/keys' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.cloudmc.io/api/keys']);
  });

  it.each([
    'https://docs.cloudmc.io.evil.com/',
    'http://docs.cloudmc.io/',
    'https://user:pass@docs.cloudmc.io/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://ui/index.html',
    'https://evil.example/',
    'not a url',
  ])('%s is denied and never opened', (url) => {
    const { win, opened } = openWindow();
    expect(win.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });
});

describe('reload shortcuts (security.md 14)', () => {
  const key = (k: string, mods: { control?: boolean; meta?: boolean; shift?: boolean } = {}) => ({
    type: 'keyDown',
    key: k,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  });

  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Cmd+Shift+R', key('R', { meta: true, shift: true })],
    ['Shift+F5', key('F5', { shift: true })],
    ['F12 (DevTools)', key('F12')],
    ['Ctrl+Shift+I (DevTools)', key('I', { control: true, shift: true })],
    ['Cmd+Shift+I (DevTools)', key('i', { meta: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
  ])('%s is prevented', (_name, input) => {
    const { win } = openWindow();
    expect(emitPreventable(win.webContents, 'before-input-event', input)).toBe(true);
  });

  it.each([
    ['r', key('r')],
    ['Ctrl+C', key('c', { control: true })],
    ['F6', key('F6')],
  ])('%s goes through', (_name, input) => {
    const { win } = openWindow();
    expect(emitPreventable(win.webContents, 'before-input-event', input)).toBe(false);
  });
});

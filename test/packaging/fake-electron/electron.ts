// A small recording fake of Electron's main-process API (typed against node_modules/electron/electron.d.ts), loaded for `import 'electron'`
// when the packaged main boots under plain Node. It enforces Electron's ordering rules and throws on a violation or on any member it lacks.
import type * as Electron from 'electron';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { createRendererFrame, type RendererFrame } from './renderer';

/** Where the fake's state lives (one per process, whichever URL the module was loaded by). */
const stateKey = Symbol.for('cloudmc.fake-electron');

/** Everything the fake recorded, and the knobs the harness sets before main starts. */
export interface FakeState {
  ready: boolean;
  /** Rule violations seen (each also thrown where it happened). */
  violations: string[];
  paths: Record<string, string>;
  version: string;
  appPath: string;
  isPackaged: boolean;
  /** The OS the fake answers for (`app.dock` exists only on macOS, as in Electron). */
  platform: NodeJS.Platform;
  /** Whether the macOS dock icon shows (the CLI hides it). */
  dockVisible: boolean;
  locale: string;
  privilegedSchemes: Electron.CustomScheme[];
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  ipcHandlers: Map<string, (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown>;
  windows: FakeBrowserWindow[];
  applicationMenu: unknown;
  permissionRequestHandler: Parameters<Electron.Session['setPermissionRequestHandler']>[0] | undefined;
  permissionCheckHandler: Parameters<Electron.Session['setPermissionCheckHandler']>[0] | undefined;
  clipboardText: string;
  /** The MIME types / raw OS formats of the last clipboard write. */
  clipboardFormats: string[];
  dialogs: { kind: string; args: unknown[] }[];
  /** Answers for showMessageBoxSync, in order; a box with no answer queued is a failure (an unexpected dialog). */
  messageBoxAnswers: number[];
  opened: string[];
  /** App events in the order they were emitted (ready, before-quit, will-quit, quit, ...). */
  appEvents: string[];
  exitCode: number | null;
  exited: Promise<number>;
  resolveExit: (code: number) => void;
  resolveReady: () => void;
  whenReady: Promise<void>;
}

function createState(): FakeState {
  let resolveExit!: (code: number) => void;
  let resolveReady!: () => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  const whenReady = new Promise<void>((r) => (resolveReady = r));
  const root = path.join(os.tmpdir(), 'cloudmc-fake-electron');
  return {
    ready: false,
    violations: [],
    version: '0.0.0',
    appPath: process.cwd(),
    isPackaged: true,
    platform: process.platform,
    dockVisible: true,
    locale: 'en-US',
    paths: {
      home: os.homedir(),
      appData: root,
      userData: path.join(root, 'userData'),
      sessionData: path.join(root, 'userData'),
      temp: os.tmpdir(),
      logs: path.join(root, 'logs'),
      crashDumps: path.join(root, 'crashDumps'),
    },
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    windows: [],
    applicationMenu: undefined,
    permissionRequestHandler: undefined,
    permissionCheckHandler: undefined,
    clipboardText: '',
    clipboardFormats: [],
    dialogs: [],
    messageBoxAnswers: [],
    opened: [],
    appEvents: [],
    exitCode: null,
    exited,
    resolveExit,
    resolveReady,
    whenReady,
  };
}

/** The fake's state (created on first use). */
export const fake: FakeState = ((globalThis as Record<symbol, unknown>)[stateKey] ??= createState()) as FakeState;

/** Records and throws an Electron rule violation. */
function violation(message: string): never {
  fake.violations.push(message);
  throw new Error(`fake electron: ${message}`);
}

function mustBeReady(what: string): void {
  if (!fake.ready) violation(`${what} used before the app is ready`);
}

/** Wraps an object so that reading a member the fake does not implement throws (instead of returning undefined silently). */
function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'string' && !(prop in t) && prop !== 'then' && prop !== 'toJSON' && !prop.startsWith('_')) {
        throw new Error(`fake electron: ${name}.${prop} is not implemented by the fake (add it, typed against electron.d.ts)`);
      }
      return Reflect.get(t, prop, receiver);
    },
  });
}

/** A preventable event like Electron's. */
function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ---------------------------------------------------------------- app

/** Electron's Dock (macOS only): the icon's visibility. */
const dock = strict('dock', {
  hide(): void {
    fake.dockVisible = false;
  },
  async show(): Promise<void> {
    fake.dockVisible = true;
  },
  isVisible(): boolean {
    return fake.dockVisible;
  },
} satisfies Pick<Electron.Dock, 'hide' | 'show' | 'isVisible'>) as unknown as Electron.Dock;

class FakeApp extends EventEmitter {
  private lock = false;
  private quitting = false;
  get isPackaged(): boolean {
    return fake.isPackaged;
  }
  /** `Dock` on macOS, `undefined` on every other OS (electron.d.ts: `readonly dock: Dock | undefined`). */
  get dock(): Electron.App['dock'] {
    return fake.platform === 'darwin' ? dock : undefined;
  }
  whenReady(): Promise<void> {
    return fake.whenReady;
  }
  isReady(): boolean {
    return fake.ready;
  }
  requestSingleInstanceLock(): boolean {
    this.lock = true;
    return true;
  }
  hasSingleInstanceLock(): boolean {
    return this.lock;
  }
  releaseSingleInstanceLock(): void {
    this.lock = false;
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const p = fake.paths[name];
    if (p === undefined) throw new Error(`fake electron: app.getPath('${name}'): unknown path name`);
    return p;
  }
  setPath(name: Parameters<Electron.App['setPath']>[0], value: string): void {
    if (!path.isAbsolute(value)) throw new Error(`app.setPath('${name}') needs an absolute path`);
    fake.paths[name] = value;
  }
  getVersion(): string {
    return fake.version;
  }
  getName(): string {
    return 'CloudMC Credentials';
  }
  getAppPath(): string {
    return fake.appPath;
  }
  getLocale(): string {
    return fake.locale;
  }
  getSystemLocale(): string {
    return fake.locale;
  }
  getPreferredSystemLanguages(): string[] {
    return [fake.locale];
  }
  setAppUserModelId(_id: string): void {}
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (typeof event === 'string') fake.appEvents.push(event);
    return super.emit(event, ...args);
  }
  /** Like Electron: before-quit, then every window is asked to close (any may refuse), then will-quit, then quit. */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    setImmediate(() => {
      this.quitting = false;
      const before = preventable();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      for (const win of fake.windows.filter((w) => !w.isDestroyed())) {
        if (!win.tryClose()) return; // a window refused: the quit is cancelled
      }
      const willQuit = preventable();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      this.emit('quit', preventable(), 0);
      this.exit(0);
    });
  }
  exit(code = 0): void {
    if (fake.exitCode !== null) return;
    fake.exitCode = code;
    fake.resolveExit(code);
  }
  focus(): void {}
}

/** Electron's `app`. */
export const app = strict('app', new FakeApp()) as unknown as Electron.App;

// ---------------------------------------------------------------- protocol

/** Electron's `protocol`: schemes are registered before ready, handled after. */
export const protocol = strict('protocol', {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (fake.ready) violation('protocol.registerSchemesAsPrivileged called after the app is ready');
    fake.privilegedSchemes.push(...structuredClone(schemes));
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    mustBeReady('protocol.handle');
    if (fake.protocolHandlers.has(scheme)) violation(`protocol.handle('${scheme}') called twice`);
    fake.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    fake.protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return fake.protocolHandlers.has(scheme);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'>) as unknown as Electron.Protocol;

/** Asks the registered handler for a URL, as Electron does when a page or asset is loaded. */
export async function requestThroughProtocol(url: string): Promise<Response> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = fake.protocolHandlers.get(scheme);
  if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME: no handler for ${scheme}:`);
  if (!fake.privilegedSchemes.some((s) => s.scheme === scheme && s.privileges?.standard))
    throw new Error(`scheme ${scheme}: was not registered as a standard scheme before ready`);
  return handler(new Request(url));
}

// ---------------------------------------------------------------- ipcMain

/** Electron's `ipcMain` (invoke handlers; one per channel, like Electron). */
export const ipcMain = strict(
  'ipcMain',
  Object.assign(new EventEmitter(), {
    handle(channel: string, listener: Parameters<Electron.IpcMain['handle']>[1]): void {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, listener);
    },
    handleOnce(channel: string, listener: Parameters<Electron.IpcMain['handleOnce']>[1]): void {
      ipcMain.handle(channel, (event, ...args) => {
        ipcMain.removeHandler(channel);
        return listener(event, ...args);
      });
    },
    removeHandler(channel: string): void {
      fake.ipcHandlers.delete(channel);
    },
  }),
) as unknown as Electron.IpcMain;

// ---------------------------------------------------------------- webContents, BrowserWindow

let nextId = 1;

/** Tells the harness what happened ('window' with each new BrowserWindow). */
export const fakeEvents = new EventEmitter();

/** A frame's identity as main sees it in `event.senderFrame`. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  routingId: number;
  processId: number;
}

class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  private url = '';
  private destroyed = false;
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  /** The page's main frame once loaded. */
  mainFrame: FakeFrame = { url: '', parent: null, routingId: 1, processId: this.id };
  /** The renderer side of the main frame: the preload's isolated world and what it exposed. */
  renderer: RendererFrame | null = null;
  /** The last page load through the protocol handler. */
  lastLoad: { url: string; status: number; headers: Record<string, string>; bytes: number } | null = null;
  readonly session = defaultSessionObject();

  constructor(private readonly owner: FakeBrowserWindow) {
    super();
  }

  async loadURL(url: string): Promise<void> {
    const response = await requestThroughProtocol(url);
    const body = new Uint8Array(await response.arrayBuffer());
    this.lastLoad = { url, status: response.status, headers: Object.fromEntries(response.headers), bytes: body.length };
    if (response.status !== 200) throw new Error(`ERR_FAILED (${response.status}) loading '${url}'`);
    this.url = url;
    this.mainFrame = { url, parent: null, routingId: 1, processId: this.id };
    const preload = this.owner.webPreferences.preload;
    this.renderer = createRendererFrame({
      webContents: this as unknown as Electron.WebContents,
      frame: this.mainFrame,
      webPreferences: this.owner.webPreferences,
    });
    if (preload) this.renderer.runPreload(preload);
    this.emit('dom-ready');
    this.emit('did-finish-load');
    this.owner.emit('ready-to-show');
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    void this.loadURL(this.url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  /** Delivers to the page's ipcRenderer listeners, as Electron does; a destroyed webContents throws, as Electron's does. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.renderer?.deliver(channel, args);
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  closeDevTools(): void {}
}

/** Electron's BrowserWindow: cannot be created before ready. */
export class FakeBrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webPreferences: Electron.WebPreferences;
  readonly webContents: FakeWebContents;
  private destroyed = false;
  private visible = false;
  private minimized = false;
  private bounds = { x: 0, y: 0, width: 800, height: 600 };

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    mustBeReady('new BrowserWindow()');
    this.options = structuredClone(options);
    this.webPreferences = this.options.webPreferences ?? {};
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = new FakeWebContents(this);
    fake.windows.push(this);
    if (options.show !== false) this.visible = true;
    fakeEvents.emit('window', this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return fake.windows.filter((w) => !w.isDestroyed());
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows()[0] ?? null;
  }
  static fromWebContents(wc: unknown): FakeBrowserWindow | null {
    return fake.windows.find((w) => w.webContents === wc) ?? null;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.visible = true;
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds };
  }
  getNormalBounds(): Electron.Rectangle {
    return { ...this.bounds };
  }
  setBounds(b: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...b };
  }
  /** Emits 'close' (preventable); if not prevented, destroys the window. Returns whether it closed. */
  tryClose(): boolean {
    if (this.destroyed) return true;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  close(): void {
    if (this.tryClose() && FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    this.emit('closed');
  }
}

/** Electron's `BrowserWindow` class. */
export const BrowserWindow = FakeBrowserWindow as unknown as typeof Electron.BrowserWindow;

// ---------------------------------------------------------------- session

/** A session: permission handlers recorded; its events (will-download, ...) through EventEmitter so the harness can emit them. */
function defaultSessionObject(): Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on' | 'resolveProxy'> {
  return strict(
    'session',
    Object.assign(new EventEmitter(), {
      setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]): void {
        fake.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]): void {
        fake.permissionCheckHandler = handler;
      },
      // No system proxy on the fake machine: every origin is reached directly, as Chromium answers without one.
      async resolveProxy(_url: string): Promise<string> {
        return 'DIRECT';
      },
    }),
  ) as unknown as Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on' | 'resolveProxy'>;
}
let defaultSessionInstance: ReturnType<typeof defaultSessionObject> | null = null;

/** Electron's `session`: `defaultSession` exists only once the app is ready. */
export const session = strict('session', {
  get defaultSession() {
    mustBeReady('session.defaultSession');
    return (defaultSessionInstance ??= defaultSessionObject());
  },
}) as unknown as typeof Electron.session;

// ---------------------------------------------------------------- screen

/** One 1920x1080 display at the origin. */
const primaryDisplay = {
  id: 1,
  label: 'fake',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
} as unknown as Electron.Display;

/** Electron's `screen`: like Electron, unusable before the app is ready. */
export const screen = strict('screen', {
  getAllDisplays(): Electron.Display[] {
    mustBeReady('screen.getAllDisplays');
    return [primaryDisplay];
  },
  getPrimaryDisplay(): Electron.Display {
    mustBeReady('screen.getPrimaryDisplay');
    return primaryDisplay;
  },
  getDisplayMatching(_rect: Electron.Rectangle): Electron.Display {
    mustBeReady('screen.getDisplayMatching');
    return primaryDisplay;
  },
} satisfies Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching'>) as unknown as Electron.Screen;

// ---------------------------------------------------------------- clipboard, dialog, Menu, shell

/** Electron's ClipboardItem: a set of entries (MIME type or raw OS format -> string or Blob) written in one go. */
export class FakeClipboardItem {
  readonly types: string[];
  constructor(private readonly items: Record<string, string | Blob | Promise<string | Blob>>) {
    this.types = Object.keys(items);
  }
  async getType(type: string): Promise<Blob> {
    if (!(type in this.items)) throw new Error(`ClipboardItem has no entry of type ${type}`);
    const entry = await this.items[type]!;
    return typeof entry === 'string' ? new Blob([entry], { type }) : entry;
  }
}

/** Electron's `ClipboardItem` class. */
export const ClipboardItem = FakeClipboardItem as unknown as typeof Electron.ClipboardItem;

/** Electron 45's `clipboard` (promise-based, W3C-like), in memory: the text, and the formats of the last write. */
export const clipboard = strict('clipboard', {
  async writeText(text: string): Promise<void> {
    fake.clipboardText = String(text);
    fake.clipboardFormats = ['text/plain'];
  },
  async readText(): Promise<string> {
    return fake.clipboardText;
  },
  clear(): void {
    fake.clipboardText = '';
    fake.clipboardFormats = [];
  },
  async has(mimetype: string): Promise<boolean> {
    return fake.clipboardFormats.includes(mimetype);
  },
  async write(data: Electron.ClipboardItem[]): Promise<void> {
    if (data.length !== 1 || !(data[0] instanceof FakeClipboardItem)) throw new TypeError('clipboard.write takes ClipboardItem objects (one here)');
    const item = data[0];
    fake.clipboardText = item.types.includes('text/plain') ? await (await item.getType('text/plain')).text() : '';
    fake.clipboardFormats = [...item.types];
  },
} satisfies Pick<Electron.Clipboard, 'writeText' | 'readText' | 'clear' | 'has' | 'write'>) as unknown as Electron.Clipboard;

function answerBox(kind: string, args: unknown[]): number {
  mustBeReady(`dialog.${kind}`);
  fake.dialogs.push({ kind, args: structuredClone(args.filter((a) => !(a instanceof FakeBrowserWindow))) });
  const answer = fake.messageBoxAnswers.shift();
  if (answer === undefined) throw new Error(`fake electron: unexpected dialog.${kind}: ${JSON.stringify(args.at(-1))}`);
  return answer;
}

/** Electron's `dialog`: every box is recorded; message boxes take their answers from `fake.messageBoxAnswers`. */
export const dialog = strict('dialog', {
  showMessageBoxSync(...args: unknown[]): number {
    return answerBox('showMessageBoxSync', args);
  },
  async showMessageBox(...args: unknown[]): Promise<Electron.MessageBoxReturnValue> {
    return { response: answerBox('showMessageBox', args), checkboxChecked: false };
  },
  showErrorBox(title: string, content: string): void {
    fake.dialogs.push({ kind: 'showErrorBox', args: [title, content] });
  },
  /** Save dialogs are recorded and cancelled (the boot never downloads). */
  async showSaveDialog(...args: unknown[]): Promise<Electron.SaveDialogReturnValue> {
    mustBeReady('dialog.showSaveDialog');
    fake.dialogs.push({ kind: 'showSaveDialog', args: structuredClone(args.filter((a) => !(a instanceof FakeBrowserWindow))) });
    return { canceled: true, filePath: '' };
  },
  showSaveDialogSync(...args: unknown[]): string | undefined {
    mustBeReady('dialog.showSaveDialogSync');
    fake.dialogs.push({ kind: 'showSaveDialogSync', args: structuredClone(args.filter((a) => !(a instanceof FakeBrowserWindow))) });
    return undefined;
  },
}) as unknown as Electron.Dialog;

/** Electron's `Menu` (only what the app builds). */
export const Menu = strict('Menu', {
  buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): { items: unknown[] } {
    return { items: template };
  },
  setApplicationMenu(menu: unknown): void {
    fake.applicationMenu = menu;
  },
}) as unknown as typeof Electron.Menu;

/** Electron's `shell`: openExternal is recorded, never performed. */
export const shell = strict('shell', {
  async openExternal(url: string): Promise<void> {
    fake.opened.push(url);
  },
  async openPath(_p: string): Promise<string> {
    return 'not in the fake';
  },
}) as unknown as Electron.Shell;

// ---------------------------------------------------------------- harness control

/** Makes the app ready: emits 'ready' and resolves `app.whenReady()`, as Electron does once at start-up. */
export function emitReady(): void {
  if (fake.ready) violation('ready emitted twice');
  fake.ready = true;
  app.emit('will-finish-launching');
  app.emit('ready', preventable(), {});
  fake.resolveReady();
}

const electron = { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, screen, session, shell };
export default strict('electron', electron);

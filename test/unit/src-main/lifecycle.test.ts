// The app lifecycle over fake Electron parts and real services: single instance, window and IPC set-up, close confirmation, quit clean-up.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runApp, type ElectronParts } from '../../../src-main/lifecycle';
import { createLogger } from '../../../src-main/log';
import { reloadDelaysMs } from '../../../src-main/crash-recovery';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { jsonFileSource } from '../../../src-main/services/policy/policy-source';
import { allChannels } from '../../../src-preload/contract';
import { confStoreBackend, makeTempDir, removeTempDir } from './helpers';

/** A prevent-able Electron event. */
function event(): { preventDefault: () => void; prevented: boolean } {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
}

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  reloads = 0;
  /** What main sent to this window's page (events). */
  readonly sent: unknown[][] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler: () => undefined,
    reload: () => void (this.reloads += 1),
    isDestroyed: () => this.destroyed,
    mainFrame: { url: '' },
    send: (channel: string, payload: unknown) => void this.sent.push([channel, payload]),
  });
  url = '';
  focused = 0;
  minimized = true;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.created.push(this);
  }
  loads: string[] = [];
  loadURL(url: string): Promise<void> {
    this.url = url;
    this.webContents.mainFrame.url = url;
    this.loads.push(url);
    return Promise.resolve();
  }
  shown = 0;
  maximized = false;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  show(): void {
    this.shown += 1;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

interface Fake {
  parts: ElectronParts;
  app: EventEmitter & { quits: number; exitCode: number | null };
  dialogs: { message: string }[];
  errorBoxes: { title: string; content: string }[];
  dialogChoice: number;
  handlers: Map<string, unknown>;
  protocolHandler: ((request: { url: string }) => Promise<Response>) | null;
  permissionAnswers: boolean[];
  clipboard: { text: string };
  clipboardWrites: string[][];
  sessionListeners: Map<string, unknown>;
  menus: unknown[];
}

function fakeElectron(dataDir: string, lock = true, locale = 'en-US'): Fake {
  const app = Object.assign(new EventEmitter(), {
    quits: 0,
    exitCode: null as number | null,
    requestSingleInstanceLock: () => lock,
    quit: () => (app.quits += 1),
    exit: (code: number) => (app.exitCode = code),
    whenReady: () => Promise.resolve(),
    getPath: () => dataDir,
    getVersion: () => '9.9.9',
    getLocale: () => locale,
    isPackaged: true,
  });
  const fake: Fake = {
    app,
    dialogs: [],
    errorBoxes: [],
    dialogChoice: 1,
    handlers: new Map(),
    protocolHandler: null,
    permissionAnswers: [],
    clipboard: { text: '' },
    clipboardWrites: [],
    sessionListeners: new Map(),
    menus: [],
    parts: undefined as unknown as ElectronParts,
  };
  fake.parts = {
    app: app as unknown as ElectronParts['app'],
    BrowserWindow: FakeWindow as unknown as ElectronParts['BrowserWindow'],
    ClipboardItem: class {
      constructor(readonly items: Record<string, unknown>) {}
    } as unknown as ElectronParts['ClipboardItem'],
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as never },
    clipboard: {
      write: async (items: { items: Record<string, unknown> }[]) => {
        fake.clipboardWrites.push(Object.keys(items[0]!.items));
        fake.clipboard.text = String(items[0]!.items['text/plain']);
      },
      writeText: async (t: string) => void (fake.clipboard.text = t),
      readText: async () => fake.clipboard.text,
      clear: () => void (fake.clipboard.text = ''),
    } as unknown as ElectronParts['clipboard'],
    Menu: { buildFromTemplate: ((t: unknown) => ({ template: t })) as never, setApplicationMenu: (m: unknown) => void fake.menus.push(m) },
    dialog: {
      showMessageBoxSync: ((_win: unknown, options: { message: string }) => (fake.dialogs.push(options), fake.dialogChoice)) as never,
      showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }),
    },
    ipcMain: {
      handle: (channel: string, h: unknown) => void fake.handlers.set(channel, h),
      removeHandler: (c: string) => void fake.handlers.delete(c),
    },
    protocol: { handle: ((scheme: string, h: (request: { url: string }) => Promise<Response>) => void (fake.protocolHandler = h)) as never },
    session: {
      defaultSession: {
        setPermissionRequestHandler: ((h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) =>
          h(null, 'media', (ok) => fake.permissionAnswers.push(ok))) as never,
        setPermissionCheckHandler: ((h: () => boolean) => fake.permissionAnswers.push(h())) as never,
        on: ((event: string, listener: unknown) => void fake.sessionListeners.set(event, listener)) as never,
        resolveProxy: async () => 'DIRECT',
      },
    },
    shell: { openExternal: async () => undefined },
  };
  return fake;
}

let dataDir: string;
let rendererRoot: string;
const logLines: string[] = [];
const options = () => ({
  rendererRoot,
  preloadPath: '/app/out/preload/index.cjs',
  storeBackend: async () => confStoreBackend,
  keychain: () => createMemoryKeychain(),
  log: createLogger((_level, line) => logLines.push(line)),
});

beforeEach(() => {
  dataDir = makeTempDir('cloudmc-life-');
  rendererRoot = makeTempDir('cloudmc-ui-');
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>ui</title>');
  FakeWindow.created = [];
  logLines.length = 0;
});
afterEach(() => {
  removeTempDir(dataDir);
  removeTempDir(rendererRoot);
});

describe('start-up', () => {
  it('a second instance quits at once and opens nothing (security.md 24)', async () => {
    const fake = fakeElectron(dataDir, false);
    expect(await runApp(fake.parts, options())).toBeNull();
    expect(fake.app.quits).toBe(1);
    expect(FakeWindow.created).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('opens one secure window on app://, registers every channel, denies permissions, serves the UI with its CSP header', async () => {
    const fake = fakeElectron(dataDir);
    const services = await runApp(fake.parts, options());
    expect(services).not.toBeNull();
    expect(FakeWindow.created).toHaveLength(1);
    const win = FakeWindow.created[0]!;
    expect(win.url).toBe('app://ui/index.html');
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    // No menu bar here (Linux): so no View > Reload or Toggle DevTools to click.
    expect(fake.menus).toEqual([null]);
    expect([...fake.handlers.keys()].sort()).toEqual([...allChannels].sort());
    expect(fake.permissionAnswers).toEqual([false, false]);
    const response = await fake.protocolHandler!({ url: 'app://ui/' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(await response.text()).toContain('<title>ui</title>');
    expect((await fake.protocolHandler!({ url: 'app://ui/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
  });

  it('takes the policy from its source only, never from argv, and follows its changes (security.md 46)', async () => {
    const policyFile = path.join(dataDir, 'policy.json');
    fs.writeFileSync(policyFile, JSON.stringify({ version: 1, allowUserProfiles: false }));
    const argv = process.argv;
    process.argv = [...argv, '--policy-file', policyFile];
    try {
      // The OS's managed place (none on this machine): the --policy-file in argv is ignored.
      const fromArgv = (await runApp(fakeElectron(dataDir).parts, options()))!;
      expect(fromArgv.policy.view()).toMatchObject({ applied: false, allowUserProfiles: true });
    } finally {
      process.argv = argv;
    }
    const fake = fakeElectron(makeTempDir('cloudmc-life-policy-'));
    const services = (await runApp(fake.parts, { ...options(), policySource: () => jsonFileSource(policyFile) }))!;
    expect(services.policy.view()).toMatchObject({ applied: true, allowUserProfiles: false });
    fs.writeFileSync(policyFile, JSON.stringify({ version: 1, updates: false }));
    await vi.waitFor(() => expect(services.policy.updatesAllowed()).toBe(false), { timeout: 5000 });
    fake.app.emit('will-quit', event());
  });

  it('focuses (and restores) the window when a second instance starts', async () => {
    const fake = fakeElectron(dataDir);
    await runApp(fake.parts, options());
    fake.app.emit('second-instance');
    expect(FakeWindow.created[0]!.focused).toBe(1);
    expect(FakeWindow.created[0]!.minimized).toBe(false);
  });

  it('reloads a crashed UI after a short delay, which can then list the keys still waiting to be saved', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const fake = fakeElectron(dataDir);
      const services = (await runApp(fake.parts, options()))!;
      services.oneTimeSecrets.add({ profileId: 'p', keyId: 'k', keyName: 'n', value: 'one-time-value-123' });
      FakeWindow.created[0]!.webContents.emit('render-process-gone', event(), { reason: 'crashed', exitCode: 1 });
      expect(FakeWindow.created[0]!.reloads).toBe(0);
      await vi.advanceTimersByTimeAsync(reloadDelaysMs[0]);
      expect(FakeWindow.created[0]!.reloads).toBe(1);
      expect(services.oneTimeSecrets.list().map((p) => p.keyName)).toEqual(['n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a UI that keeps crashing is reloaded a few times with growing delays, then shows an error page in the user's language, never looping", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const fake = fakeElectron(dataDir, true, 'fr-FR');
      await runApp(fake.parts, options());
      const win = FakeWindow.created[0]!;
      const loadsBefore = win.loads.length;
      for (const delay of reloadDelaysMs) {
        win.webContents.emit('render-process-gone', event(), { reason: 'crashed', exitCode: 1 });
        await vi.advanceTimersByTimeAsync(delay);
      }
      expect(win.reloads).toBe(reloadDelaysMs.length);
      win.webContents.emit('render-process-gone', event(), { reason: 'crashed', exitCode: 1 });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(win.reloads).toBe(reloadDelaysMs.length);
      const errorPage = win.loads.slice(loadsBefore).at(-1) ?? '';
      expect(errorPage.startsWith('data:text/html')).toBe(true);
      expect(decodeURIComponent(errorPage)).toContain('La fenêtre a cessé de fonctionner');
      expect(decodeURIComponent(errorPage)).not.toContain('<script');
    } finally {
      vi.useRealTimers();
    }
  });

  it('second-instance and activate bring a hidden window back, and open a new one when it was closed, without throwing', async () => {
    const fake = fakeElectron(dataDir);
    await runApp(fake.parts, options());
    const first = FakeWindow.created[0]!;
    fake.app.emit('activate');
    expect(first.shown).toBeGreaterThan(0);
    first.destroyed = true;
    expect(() => fake.app.emit('second-instance')).not.toThrow();
    expect(FakeWindow.created).toHaveLength(2);
    fake.app.emit('activate');
    expect(FakeWindow.created).toHaveLength(2);
  });

  it("main's events reach each open window's page at the app origin; a window closed, or showing another page, gets nothing", async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    const first = FakeWindow.created[0]!;
    await services.keychainStatus();
    await services.changes.idle();
    // The first probe may answer before the window exists (the page then reads it with app.getState); what counts is every change after.
    first.sent.length = 0;
    const status = { available: false as const, reason: 'not-answering' as const, messageKey: 'keychain.not-answering' };
    services.events.emit('keychain:did-change', { status });
    expect(first.sent).toEqual([['keychain:did-change', { status }]]);

    first.destroyed = true;
    first.emit('closed');
    fake.app.emit('activate'); // a new window
    const second = FakeWindow.created[1]!;
    services.events.emit('keychain:did-change', { status });
    expect(first.sent).toHaveLength(1);
    expect(second.sent).toHaveLength(1);

    second.webContents.mainFrame.url = 'data:text/html,crashed'; // e.g. the crash page
    expect(() => services.events.emit('keychain:did-change', { status })).not.toThrow();
    expect(second.sent).toHaveLength(1);
  });

  it('remembers the window size and position, and ignores a place no display shows', async () => {
    const fake = fakeElectron(dataDir);
    await runApp(fake.parts, options());
    const first = FakeWindow.created[0]!;
    first.bounds = { x: 40, y: 30, width: 900, height: 640 };
    first.emit('close', event());
    const again = fakeElectron(dataDir);
    await runApp(again.parts, options());
    expect(FakeWindow.created[1]!.options).toMatchObject({ x: 40, y: 30, width: 900, height: 640 });
    FakeWindow.created[1]!.bounds = { x: 5000, y: 5000, width: 900, height: 640 };
    FakeWindow.created[1]!.emit('close', event());
    const third = fakeElectron(dataDir);
    await runApp(third.parts, options());
    expect(FakeWindow.created[2]!.options).not.toHaveProperty('x');
  });

  it('downloads only what the app made, through a save dialog; any other download is refused', async () => {
    const fake = fakeElectron(dataDir);
    await runApp(fake.parts, options());
    const willDownload = fake.sessionListeners.get('will-download') as (e: ReturnType<typeof event>, item: unknown) => void;
    const item = (url: string) => ({
      dialog: null as unknown,
      getURL: () => url,
      getFilename: () => 'cloudmc-profiles.json',
      setSaveDialogOptions(o: unknown) {
        this.dialog = o;
      },
    });
    const foreign = event();
    willDownload(foreign, item('https://evil.example/payload.exe'));
    expect(foreign.prevented).toBe(true);
    const ours = event();
    const exported = item('blob:app://ui/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed');
    willDownload(ours, exported);
    expect(ours.prevented).toBe(false);
    expect(exported.dialog).toEqual({ defaultPath: 'cloudmc-profiles.json' });
  });

  it('a copied key is written with the marks that keep it out of clipboard history and cloud clipboard', async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    await services.clipboard.copySecret('copied-secret-value-123');
    expect(fake.clipboard.text).toBe('copied-secret-value-123');
    const formats = fake.clipboardWrites.at(-1) ?? [];
    for (const mark of [
      'ExcludeClipboardContentFromMonitorProcessing',
      'CanIncludeInClipboardHistory',
      'CanUploadToCloudClipboard',
      'x-kde-passwordManagerHint',
      'org.nspasteboard.ConcealedType',
    ]) {
      expect(formats).toContain(`electron application/osclipboard;format="${mark}"`);
    }
    await services.clipboard.clearSecretNow();
  });

  it('exits with an error, logged, when the services cannot start', async () => {
    const fake = fakeElectron(dataDir);
    const result = await runApp(fake.parts, { ...options(), storeBackend: async () => Promise.reject(new Error('disk on fire')) });
    expect(result).toBeNull();
    expect(fake.app.exitCode).toBe(1);
    expect(logLines.join('\n')).toContain('disk on fire');
  });

  it.each([
    ['en-US', 'CloudMC Credentials could not start', 'Reason: EACCES at /somewhere/config.json'],
    ['fr-CA', "CloudMC Credentials n'a pas pu démarrer", 'Raison\u00a0: EACCES à /somewhere/config.json'],
    ['es-419', 'CloudMC Credentials no pudo iniciarse', 'Motivo: EACCES en /somewhere/config.json'],
  ])("a start-up that still fails shows a native error box in the user's language (%s), logs it, then exits", async (locale, title, reason) => {
    const fake = fakeElectron(dataDir, true, locale);
    const denied = Object.assign(new Error('EACCES: permission denied, open /somewhere/config.json (secret-looking text never shown)'), {
      code: 'EACCES',
      path: '/somewhere/config.json',
    });
    const result = await runApp(fake.parts, { ...options(), storeBackend: async () => Promise.reject(denied) });
    expect(result).toBeNull();
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.title).toBe(title);
    expect(fake.errorBoxes[0]!.content).toContain(reason);
    // Only the code and the path reach the box; the message itself stays in the log.
    expect(fake.errorBoxes[0]!.content).not.toContain('secret-looking');
    expect(logLines.join('\n')).toContain('start-up failed');
    expect(fake.app.exitCode).toBe(1);
    expect(FakeWindow.created).toHaveLength(0);
  });

  it("npm run dev: an unpacked app loads electron-vite's loopback dev server and trusts its origin for IPC; a packaged one never does", async () => {
    const previous = process.env['ELECTRON_RENDERER_URL'];
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173/';
    try {
      const dev = fakeElectron(dataDir);
      (dev.app as unknown as { isPackaged: boolean }).isPackaged = false;
      await runApp(dev.parts, options());
      expect(FakeWindow.created[0]!.url).toBe('http://localhost:5173/');
      const getState = dev.handlers.get('app:getState') as (e: unknown, input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
      expect(await getState({ senderFrame: { url: 'http://localhost:5173/', parent: null } }, undefined)).toMatchObject({ ok: true });
      expect(await getState({ senderFrame: { url: 'app://ui/index.html', parent: null } }, undefined)).toMatchObject({
        ok: false,
        error: { code: 'sender-refused' },
      });
      const packaged = fakeElectron(dataDir);
      await runApp(packaged.parts, options());
      expect(FakeWindow.created[1]!.url).toBe('app://ui/index.html');
    } finally {
      if (previous === undefined) delete process.env['ELECTRON_RENDERER_URL'];
      else process.env['ELECTRON_RENDERER_URL'] = previous;
    }
  });

  it('a keychain probe that never answers does not delay the first window; app.getState waits for it alone', async () => {
    const fake = fakeElectron(dataDir);
    let answerProbe: (status: { available: true; backend: string }) => void = () => undefined;
    const stuck = { ...createMemoryKeychain(), probe: () => new Promise<{ available: true; backend: string }>((resolve) => (answerProbe = resolve)) };
    const services = await runApp(fake.parts, { ...options(), keychain: () => stuck });
    expect(services).not.toBeNull();
    expect(FakeWindow.created).toHaveLength(1);
    let stateAnswered = false;
    const state = (fake.handlers.get('app:getState') as (e: unknown, input: unknown) => Promise<{ ok: boolean }>)(
      { senderFrame: { url: 'app://ui/index.html', parent: null } },
      undefined,
    ).then((r) => ((stateAnswered = true), r));
    await Promise.resolve();
    expect(stateAnswered).toBe(false);
    answerProbe({ available: true, backend: 'memory' });
    expect(await state).toMatchObject({ ok: true, value: { keychain: { available: true } } });
  });

  it('an unwritable data dir (config.json is a folder) does not make start-up throw: the window opens, read-only', async () => {
    fs.mkdirSync(path.join(dataDir, 'config.json'));
    const fake = fakeElectron(dataDir);
    const services = await runApp(fake.parts, options());
    expect(fake.app.exitCode).toBeNull();
    expect(fake.errorBoxes).toHaveLength(0);
    expect(services).not.toBeNull();
    expect(FakeWindow.created).toHaveLength(1);
    expect(services!.stores.problem).toEqual({ messageKey: 'data.not-a-file', path: path.join(dataDir, 'config.json'), reason: 'EISDIR' });
    expect(services!.stores.config.readOnly).toBe(true);
  });
});

describe('closing and quitting (security.md 13, 14)', () => {
  it('asks before closing while a new key was neither copied nor stored, in the chosen language', async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    const win = FakeWindow.created[0]!;
    const quiet = event();
    win.emit('close', quiet);
    expect(fake.dialogs).toHaveLength(0);
    expect(quiet.prevented).toBe(false);

    services.settings.update({ language: 'fr' });
    const pending = services.oneTimeSecrets.add({ profileId: 'p', keyId: 'k', keyName: 'n', value: 'one-time-value-123' });
    const stay = event();
    win.emit('close', stay);
    expect(fake.dialogs.at(-1)?.message).toBe("Une nouvelle clé d'API n'a pas été enregistrée");
    expect(stay.prevented).toBe(true);

    fake.dialogChoice = 0;
    const leave = event();
    win.emit('close', leave);
    expect(leave.prevented).toBe(false);

    pending.copied = true;
    const afterCopy = event();
    const before = fake.dialogs.length;
    win.emit('close', afterCopy);
    expect(fake.dialogs.length).toBe(before);
  });

  it('on quit wipes one-time values and clears a secret it put on the clipboard, then quits', async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    services.oneTimeSecrets.add({ profileId: 'p', keyId: 'k', keyName: 'n', value: 'one-time-value-123' });
    await services.clipboard.copySecret('one-time-value-123');
    expect(fake.clipboard.text).toBe('one-time-value-123');
    const willQuit = event();
    fake.app.emit('will-quit', willQuit);
    expect(willQuit.prevented).toBe(true);
    expect(services.oneTimeSecrets.hasUnsaved()).toBe(false);
    await expect.poll(() => fake.app.quits).toBe(1);
    expect(fake.clipboard.text).toBe('');
    const second = event();
    fake.app.emit('will-quit', second);
    expect(second.prevented).toBe(false);
  });

  it('leaves the clipboard alone on quit when the user copied something else since', async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    await services.clipboard.copySecret('one-time-value-123');
    fake.clipboard.text = 'something the user copied';
    fake.app.emit('will-quit', event());
    await expect.poll(() => fake.app.quits).toBe(1);
    expect(fake.clipboard.text).toBe('something the user copied');
  });
});

describe('updates and "Remove all my data" in the lifecycle (security.md 47)', () => {
  const sender = { senderFrame: { url: 'app://ui/index.html', parent: null } };
  const call = (fake: Fake, channel: string, input?: unknown) =>
    (fake.handlers.get(channel) as (e: unknown, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { messageKey: string } }>)(
      sender,
      input,
    );

  it('the first update check starts seconds after the window shows, never before it; electron-updater is loaded only then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const fake = fakeElectron(dataDir);
      const loads: number[] = [];
      const source = {
        install: 'self' as const,
        releasesUrl: null,
        cacheDir: null,
        load: () => {
          loads.push(FakeWindow.created.length);
          return Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
        },
      };
      await runApp(fake.parts, { ...options(), updates: () => source });
      expect(FakeWindow.created).toHaveLength(1);
      expect(loads).toEqual([]);
      expect(await call(fake, 'updates:status')).toEqual({ ok: true, value: { state: 'idle', checkedAt: null } });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(loads).toEqual([1]);
      expect(await call(fake, 'updates:status')).toMatchObject({
        ok: true,
        value: { state: 'failed', failure: { messageKey: 'updates.errors.offline' } },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a build that does not update itself says so, and "Restart to update" is refused with a reason', async () => {
    const fake = fakeElectron(dataDir);
    await runApp(fake.parts, { ...options(), updates: () => null });
    expect(await call(fake, 'updates:status')).toEqual({ ok: true, value: { state: 'unsupported' } });
    expect(await call(fake, 'updates:restart')).toMatchObject({ ok: false, error: { messageKey: 'updates.errors.not-ready' } });
  });

  it("after Remove all my data the app quits without writing the window's place again; what was written meanwhile is swept", async () => {
    const fake = fakeElectron(dataDir);
    const services = (await runApp(fake.parts, options()))!;
    services.settings.update({ theme: 'dark' });
    const win = FakeWindow.created[0]!;
    const plan = (await call(fake, 'data:removalPlan')) as { ok: true; value: { confirmation: string } };
    expect(await call(fake, 'data:removeAll', { confirmation: plan.value.confirmation })).toEqual({
      ok: true,
      value: { keychainEntriesRemoved: 0, quitting: true },
    });
    await expect.poll(() => fake.app.quits).toBe(1);
    expect(fs.existsSync(path.join(dataDir, 'config.json'))).toBe(false);
    win.emit('close', event());
    expect(fs.existsSync(path.join(dataDir, 'window-state.json'))).toBe(false);
    fs.writeFileSync(path.join(dataDir, 'late.log'), 'a line written while quitting');
    fake.app.emit('will-quit', event());
    await expect.poll(() => fake.app.quits).toBe(2);
    fake.app.emit('will-quit', event());
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

// Boots the packaged main bundle (an extracted app.asar) under plain Node with the fake Electron, and checks what Electron would see.
// Usage: tsx test/packaging/boot-packaged.ts <extracted app dir> <temp userData dir>. Prints one line per check; exits 1 on the first failure.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppState, GeneratedKey, ProfileSummary } from '../../src-preload/contract/models';
import type { CloudmcBridge } from '../../src-preload/contract/bridge';
import type { IpcResult } from '../../src-preload/contract/errors';
import type { EventPayload } from '../../src-preload/contract/events';
import { seedAccessUser } from '../cloudmc-sim/seed';
import { startSimulator } from '../cloudmc-sim/server';
import { SimState } from '../cloudmc-sim/state';
import { useFakeElectron } from './fake-electron/register';
import type * as FakeModule from './fake-electron/electron';
import { createRendererFrame } from './fake-electron/renderer';

const [appDir, userData] = process.argv.slice(2);
if (!appDir || !userData) throw new Error('usage: boot-packaged.ts <extracted app dir> <userData dir>');

/** Fails the boot if nothing happens within this time (an awaited event that never comes); a ref'd timer, so Node cannot just exit 0 while waiting. */
const deadline = setTimeout(() => fail(new Error('no progress within 30 s')), 30_000);
process.on('exit', (code) => {
  if (code === 0 && !finished) {
    console.error('  FAIL the boot stopped before every check ran');
    process.exitCode = 1;
  }
});
let finished = false;
const ok = (what: string): void => console.log(`  ok  ${what}`);

/** Unwraps an IpcResult, failing with its error code. */
function value<T>(result: IpcResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
}

async function main(): Promise<void> {
  useFakeElectron();
  // The same module instance main gets for `import 'electron'`.
  const fakeModule = (await import('electron')) as unknown as typeof FakeModule;
  const { fake, emitReady, requestThroughProtocol, BrowserWindow, protocol, fakeEvents, app } = fakeModule;
  fake.paths['userData'] = userData!;
  fake.appPath = appDir!;
  fake.version = (JSON.parse(fs.readFileSync(path.join(appDir!, 'package.json'), 'utf8')) as { version: string }).version;

  // The fake refuses what Electron refuses (checked on the fake itself, then forgotten).
  assert.throws(() => new BrowserWindow(), /before the app is ready/);
  assert.throws(() => protocol.handle('x-check', () => new Response('')), /before the app is ready/);
  fake.violations.length = 0;
  ok('fake Electron refuses a window and protocol.handle before ready');

  await import(pathToFileURL(path.join(appDir!, 'out/main/index.js')).href);
  const scheme = fake.privilegedSchemes.find((s) => s.scheme === 'app');
  assert.ok(scheme?.privileges?.standard && scheme.privileges.secure, 'app: registered as a standard, secure scheme before ready');
  ok(`packaged main loaded; 'app' scheme registered as privileged before ready (${JSON.stringify(scheme.privileges)})`);

  // Main either creates its window or exits (after a start-up error box): whichever comes first.
  const windowCreated = once(fakeEvents, 'window') as Promise<[FakeModule.FakeBrowserWindow]>;
  const exitedEarly = fake.exited.then((code) => {
    throw new Error(`main exited with code ${code} during start-up: ${JSON.stringify(fake.dialogs)}`);
  });
  emitReady();
  const [win] = await Promise.race([windowCreated, exitedEarly]);
  await Promise.race([once(win.webContents, 'did-finish-load'), exitedEarly]);
  assert.equal(fake.windows.length, 1);

  const prefs = win.webPreferences;
  const expected = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
  };
  for (const [k, v] of Object.entries(expected)) assert.equal(prefs[k as keyof typeof prefs], v, `webPreferences.${k}`);
  assert.equal(prefs.preload, path.join(appDir!, 'out/preload/index.cjs'), 'the preload is the packaged one');
  ok(
    `one window: ${Object.entries(expected)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}; preload=<package>/out/preload/index.cjs`,
  );

  const deny = await new Promise<boolean>((resolve) => fake.permissionRequestHandler!(win.webContents as never, 'media', resolve, {} as never));
  assert.equal(deny, false);
  assert.equal(fake.permissionCheckHandler!(null, 'clipboard-read', 'app://ui', {} as never), false);
  ok('permission request and check handlers deny');

  const load = win.webContents.lastLoad!;
  assert.equal(load.url, 'app://ui/index.html');
  assert.equal(load.status, 200);
  assert.match(load.headers['content-type'] ?? '', /^text\/html/);
  const csp = load.headers['content-security-policy'] ?? '';
  for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'none'"])
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  ok(`app://ui/index.html served by the registered handler: 200 ${load.headers['content-type']}, ${load.bytes} bytes, CSP "${csp}"`);
  const html = await (await requestThroughProtocol('app://ui/index.html')).text();
  const script = /<script[^>]+src="\.?\/?([^"]+)"/.exec(html)?.[1];
  assert.ok(script, 'index.html names its script');
  const asset = await requestThroughProtocol(`app://ui/${script}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  assert.equal((await requestThroughProtocol('app://ui/%2e%2e/package.json')).status, 404);
  ok(`its script ${script} served (200 ${asset.headers.get('content-type')}); app://ui/%2e%2e/package.json refused (404)`);

  const renderer = win.webContents.renderer!;
  assert.deepEqual(renderer.requires, ['electron']);
  assert.deepEqual(Object.keys(renderer.mainWorld), ['cloudmc']);
  const cloudmc = renderer.mainWorld['cloudmc'] as CloudmcBridge;
  const { on, ...domains } = cloudmc as unknown as Record<string, Record<string, unknown>>;
  assert.equal(typeof on, 'function', "window.cloudmc.on, for main's events");
  const bridgeFunctions = Object.values(domains).flatMap((domain) => Object.values(domain));
  assert.ok(
    bridgeFunctions.length > 0 && bridgeFunctions.every((f) => typeof f === 'function'),
    'the bridge exposes named functions only, grouped by domain',
  );
  ok(
    `preload ran in a vm context; it required only ${JSON.stringify(renderer.requires)}; window.cloudmc has ${bridgeFunctions.length} functions in ${Object.keys(domains).length} domains, and on`,
  );

  const state = value((await cloudmc.app.getState()) as IpcResult<AppState>, 'getAppState');
  assert.equal(state.version, fake.version);
  assert.equal(state.keychain.available, false, 'no D-Bus here: the keychain (keytar) reports unavailable');
  ok(
    `getAppState() through the preload bridge -> fake ipcMain -> real handlers: version ${state.version}, ${state.profiles.length} profiles, keychain ${JSON.stringify(state.keychain)}`,
  );

  for (const frame of [
    { name: 'a frame of another origin', url: 'https://evil.example/', parent: null },
    { name: 'a subframe at the app origin', url: 'app://ui/index.html', parent: win.webContents.mainFrame },
  ]) {
    const other = createRendererFrame({
      webContents: win.webContents as never,
      frame: { url: frame.url, parent: frame.parent, routingId: 7, processId: 99 },
      webPreferences: prefs,
    });
    other.runPreload(prefs.preload!);
    const refused = (await (other.mainWorld['cloudmc'] as CloudmcBridge).app.getState()) as IpcResult<AppState>;
    assert.ok(!refused.ok && refused.error.code === 'sender-refused', `${frame.name} refused`);
    ok(`getAppState() from ${frame.name} (${frame.url}) refused: ${refused.ok ? 'ok' : refused.error.code}`);
  }

  // A real one-time key from the CloudMC simulator, copied through the bridge: the clipboard then holds our value.
  const simState = new SimState();
  const { apiKey } = seedAccessUser(simState);
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', state: simState });
  try {
    const profile = value(
      (await cloudmc.profiles.add({ name: 'Packaged', endpoint: sim.endpoint, apiKey })) as IpcResult<ProfileSummary>,
      'addProfile',
    );
    // Main's events reach the page through the packaged preload's `on`: the new key's notification comes as secrets:did-change (no value).
    assert.throws(() => cloudmc.on('keys:refresh' as never, () => undefined), /not an event of the contract/);
    const heard = new Promise<EventPayload<'secrets:did-change'>>((resolve) => {
      const stop = cloudmc.on('secrets:did-change', (payload) => {
        stop();
        resolve(payload);
      });
    });
    const generated = value(
      (await cloudmc.keys.generate({ profileId: profile.id, name: 'packaged-check', storeInKeychain: false })) as IpcResult<GeneratedKey>,
      'generateKey',
    );
    const event = await heard;
    assert.deepEqual(
      event.pending.map((p) => p.secretId),
      [generated.secretId],
    );
    assert.ok(!JSON.stringify(event).includes(generated.secret), 'no key value in the event');
    ok(`main's secrets:did-change reached the page through the packaged preload's on(): ${event.pending.length} key pending, no value`);
    value(await cloudmc.secrets.copy({ secretId: generated.secretId }), 'copySecret');
    assert.equal(fake.clipboardText, generated.secret, 'the clipboard holds the generated key');
    ok(
      `a key generated on the CloudMC simulator and copied through the bridge: the clipboard holds it (written as ${fake.clipboardFormats.length} formats: ${fake.clipboardFormats.join(', ')})`,
    );

    fake.appEvents.length = 0;
    app.quit();
    const code = await fake.exited;
    assert.equal(code, 0);
    for (const event of ['before-quit', 'will-quit', 'quit']) assert.ok(fake.appEvents.includes(event), `${event} emitted`);
    assert.equal(fake.clipboardText, '', 'the clipboard was cleared on quit');
    assert.ok(win.isDestroyed());
    ok(`clean quit: ${fake.appEvents.join(' -> ')}; exit code ${code}; clipboard cleared; window closed`);

    const leaked = listFiles(userData!).filter((f) => fs.readFileSync(f).includes(generated.secret) || fs.readFileSync(f).includes(apiKey));
    assert.deepEqual(leaked, [], 'no key value in the data folder');
    ok(`no key value in any of the ${listFiles(userData!).length} files written to userData`);
  } finally {
    await sim.close();
  }
  assert.deepEqual(fake.violations, [], 'no Electron rule violated');
  assert.deepEqual(
    fake.dialogs.filter((d) => d.kind === 'showErrorBox'),
    [],
    'no start-up error box',
  );
  ok('no Electron rule violated, no error box');
}

/** Every file under a folder. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Reports the failure and exits 1. */
function fail(error: unknown): never {
  console.error(`  FAIL ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

process.on('unhandledRejection', fail); // e.g. a page load the fake refused (a window that is not sandboxed)

main().then(() => {
  finished = true;
  clearTimeout(deadline);
  process.exit(0);
}, fail);

// Updates with the real electron-updater (its AppImageUpdater, Electron's net faked after electron.d.ts) against a loopback feed:
// found, downloaded and verified in the background, a tampered file refused, "Restart to update" refused while a one-time key is open
// (security.md 47) and installed once it is dismissed; checks off; deb/rpm told where to get it; the first check only after start().
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { electronUpdateSource } from '../../../../../src-main/services/updates/electron-updater-source';
import { confStoreBackend, failureOf, makeTempDir, MemoryClipboard, removeTempDir, translation, uiLanguages } from '../../helpers';
import {
  appImageName,
  appImageScript,
  layOutAppImageInstall,
  startUpdateFeed,
  useFakeElectronFor,
  type AppImageInstall,
  type UpdateFeed,
} from './update-feed';

/** Timers the test fires itself. */
class ManualTimers {
  armed: { fire: () => void; ms: number }[] = [];
  setTimeout = (fire: () => void, ms: number): unknown => {
    const entry = { fire, ms };
    this.armed.push(entry);
    return entry;
  };
  clearTimeout = (handle: unknown): void => {
    this.armed = this.armed.filter((t) => t !== handle);
  };
  /** Fires the earliest armed timer. */
  fireNext(): void {
    const next = this.armed.shift();
    if (!next) throw new Error('no timer armed');
    next.fire();
  }
}

let root: string;
let feed: UpdateFeed;
let install: AppImageInstall;
let app: AppServices;
let timers: ManualTimers;
let fake: ReturnType<typeof useFakeElectronFor>;
const logLines: string[] = [];
const newAppImage = (): Buffer => appImageScript('new', path.join(root, 'new-started'));

async function startApp(opts: { packageType?: 'deb' | 'rpm' } = {}): Promise<AppServices> {
  install = layOutAppImageInstall(root, feed.url, opts);
  fake = useFakeElectronFor(install, '0.1.0');
  const log = createLogger((_level, line) => logLines.push(line));
  timers = new ManualTimers();
  return createAppServices({
    dataDir: install.userData,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.1.0',
    log,
    now: () => new Date('2026-12-10T09:00:00.000Z'), // a still clock: each armed delay is exact
    updateTimers: timers,
    updates: electronUpdateSource({ platform: 'linux', isPackaged: true, resourcesPath: install.resourcesPath, appImage: install.appImage, log }),
  });
}

beforeEach(async () => {
  root = makeTempDir('cloudmc-updates-');
  feed = await startUpdateFeed();
  logLines.length = 0;
});
afterEach(async () => {
  await feed.close();
  removeTempDir(root);
});

/** Files electron-updater left in its download cache for pending updates. */
const pendingFiles = (): string[] => {
  const dir = path.join(install.cacheHome, 'cloudmc-credentials-updater', 'pending');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('finding, downloading and verifying an update', () => {
  it('finds the newer version, downloads it in the background, verifies its sha512, then offers Restart to update', async () => {
    feed.publish('0.2.0', newAppImage());
    app = await startApp();
    expect(app.updates.status()).toEqual({ state: 'idle', checkedAt: null });
    const told: string[] = [];
    app.updates.onChange((status) => told.push(status.state));
    expect(await app.updates.check()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(told).toEqual(['checking', 'downloading', 'ready']); // what an `updates` event to the window would carry
    expect(feed.requests).toContain('/latest-linux.yml');
    expect(feed.requests).toContain(`/${appImageName('0.2.0')}`);
    expect(pendingFiles()).toContain(appImageName('0.2.0'));
    expect(fs.readFileSync(path.join(install.cacheHome, 'cloudmc-credentials-updater', 'pending', appImageName('0.2.0')))).toEqual(newAppImage());
    expect(logLines.join('\n')).toContain('version 0.2.0 downloaded and verified');
  });

  it('refuses a file that does not match the sha512 the feed published: nothing offered, nothing kept, the next check gets the right one', async () => {
    feed.publish('0.2.0', newAppImage());
    feed.tamper = true;
    app = await startApp();
    const failed = await app.updates.check();
    expect(failed).toMatchObject({ state: 'failed', failure: { messageKey: 'updates.errors.checksum', code: 'bad-response' } });
    expect(pendingFiles().filter((f) => f.endsWith('.AppImage'))).toEqual([]);
    await expect(failureOf(Promise.resolve().then(() => app.updates.restart()))).resolves.toMatchObject({ messageKey: 'updates.errors.not-ready' });
    expect(fs.readFileSync(install.appImage, 'utf8')).toContain('old');

    feed.tamper = false;
    expect(await app.updates.check()).toEqual({ state: 'ready', version: '0.2.0' });
  });

  it('is idle when the feed has nothing newer, and says the feed could not be reached when it cannot', async () => {
    feed.publish('0.1.0', appImageScript('same', path.join(root, 'same')));
    app = await startApp();
    const idle = await app.updates.check();
    expect(idle).toMatchObject({ state: 'idle' });
    expect(Date.parse((idle as { checkedAt: string }).checkedAt)).not.toBeNaN();
    expect(feed.requests).not.toContain(`/${appImageName('0.1.0')}`);
    await feed.close();
    expect(await app.updates.check()).toMatchObject({ state: 'failed', failure: { messageKey: 'updates.errors.offline', kind: 'offline' } });
    feed = await startUpdateFeed(); // for afterEach
  });
});

describe('Restart to update (security.md 47)', () => {
  it('a download while a one-time key is pending is not installed until the key is dismissed', async () => {
    feed.publish('0.2.0', newAppImage());
    app = await startApp();
    const pending = app.oneTimeSecrets.add({ profileId: 'p', keyId: 'k', keyName: 'nightly', value: 'one-time-value-123' });
    expect(await app.updates.check()).toEqual({ state: 'ready', version: '0.2.0' });

    const refused = await failureOf(Promise.resolve().then(() => app.updates.restart()));
    expect(refused).toMatchObject({ messageKey: 'updates.busy.one-time-key', details: { reason: 'one-time-key' } });
    for (const language of uiLanguages) expect(translation(language, refused.messageKey)).toBeTruthy();
    expect(fs.readFileSync(install.appImage)).toEqual(appImageScript('old', path.join(root, 'old-started')));
    expect(fake.fake.appEvents).not.toContain('before-quit');
    // Even copied, the key's notification is still open: dismissing it is the user's call.
    pending.copied = true;
    expect(() => app.updates.restart()).toThrow();

    app.oneTimeSecrets.dismiss(pending.secretId);
    app.updates.restart();
    // electron-updater replaced the running AppImage with the verified download, started it, and quit the app.
    await expect.poll(() => fs.existsSync(path.join(root, 'new-started'))).toBe(true);
    expect(fs.readFileSync(install.appImage)).toEqual(newAppImage());
    expect(fs.readFileSync(path.join(root, 'new-started'), 'utf8').trim()).toBe('new silent=true');
    await expect.poll(() => fake.fake.appEvents.includes('before-quit')).toBe(true);
  });

  it('a Generate in flight or a rotation step holds the restart back, and once decided a new Generate is refused', async () => {
    feed.publish('0.2.0', newAppImage());
    app = await startApp();
    await app.updates.check();
    for (const kind of ['generate', 'rotation'] as const) {
      let finish: () => void = () => undefined;
      const work = app.gate.run(kind, () => new Promise<void>((resolve) => (finish = resolve)));
      expect(() => app.updates.restart()).toThrow(
        expect.objectContaining({ appError: expect.objectContaining({ messageKey: `updates.busy.${kind}` }) }),
      );
      finish();
      await work;
    }

    app.updates.restart();
    await expect(failureOf(app.gate.run('generate', async () => 'never'))).resolves.toMatchObject({ messageKey: 'updates.ending.update' });
    await expect.poll(() => fs.existsSync(path.join(root, 'new-started'))).toBe(true);
  });
});

describe('when checks run', () => {
  it('checks only once started, after the delay, then every few hours; turned off, the feed is not asked; turned on, it is again', async () => {
    feed.publish('0.1.0', appImageScript('same', path.join(root, 'same')));
    app = await startApp();
    expect(timers.armed).toEqual([]);
    app.updates.start();
    expect(timers.armed.map((t) => t.ms)).toEqual([10_000]);
    expect(feed.requests).toEqual([]);
    timers.fireNext();
    await expect.poll(() => timers.armed.map((t) => t.ms)).toEqual([4 * 60 * 60 * 1000]);
    expect(feed.requests).toEqual(['/latest-linux.yml']);

    app.settings.update({ updates: false });
    expect(app.updates.status()).toEqual({ state: 'off' });
    timers.fireNext();
    await expect.poll(() => timers.armed.length).toBe(1);
    expect(feed.requests).toEqual(['/latest-linux.yml']);

    app.settings.update({ updates: true });
    app.updates.settingsChanged();
    timers.fireNext();
    await expect.poll(() => feed.requests.length).toBe(2);
  });

  it('a deb or rpm install is told a new version exists and where to get it; nothing is downloaded', async () => {
    feed.publish('0.2.0', newAppImage());
    app = await startApp({ packageType: 'deb' });
    process.env['APPIMAGE'] = '';
    const source = electronUpdateSource({
      platform: 'linux',
      isPackaged: true,
      resourcesPath: install.resourcesPath,
      appImage: undefined,
      log: createLogger(() => undefined),
    });
    expect(source?.install).toBe('manual');
    app = await createAppServices({
      dataDir: install.userData,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.1.0',
      updates: source,
    });
    expect(await app.updates.check()).toEqual({ state: 'available', version: '0.2.0', downloadUrl: null });
    expect(feed.requests).not.toContain(`/${appImageName('0.2.0')}`);
  });
});

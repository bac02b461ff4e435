// The Electron edge of updates, over real files laid out as electron-builder writes them: which install updates itself, which is told
// where to get a new version (deb, rpm), which does not update (a checkout, a build without a feed); the Releases page; the download cache.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../src-main/log';
import {
  electronUpdateSource,
  releasesPageOf,
  updaterCacheDirOf,
  type InstallFacts,
} from '../../../../../src-main/services/updates/electron-updater-source';
import { makeTempDir, removeTempDir } from '../../helpers';

/** app-update.yml as electron-builder writes it for this project's GitHub publish config. */
const githubFeed =
  'owner: cloudmc\nrepo: cloudmc-credentials\nprovider: github\nreleaseType: release\nupdaterCacheDirName: cloudmc-credentials-updater\n';

let resources: string;
const facts = (overrides: Partial<InstallFacts> = {}): InstallFacts => ({
  platform: 'linux',
  isPackaged: true,
  resourcesPath: resources,
  appImage: undefined,
  log: createLogger(() => undefined),
  ...overrides,
});

beforeEach(() => {
  resources = makeTempDir('cloudmc-resources-');
  fs.writeFileSync(path.join(resources, 'app-update.yml'), githubFeed);
});
afterEach(() => removeTempDir(resources));

describe('which installs update themselves', () => {
  it.each([
    ['macOS (zip through Squirrel.Mac, which checks the signature)', { platform: 'darwin' as const }],
    ['an AppImage ($APPIMAGE set)', { appImage: '/home/rose/Apps/cloudmc.AppImage' }],
  ])('%s: electron-updater installs the update', (_name, overrides) => {
    expect(electronUpdateSource(facts(overrides))?.install).toBe('self');
  });

  it('Windows: installed by the app only when the feed names the publisher whose signature electron-updater checks', () => {
    expect(electronUpdateSource(facts({ platform: 'win32' }))?.install).toBe('manual');
    fs.writeFileSync(path.join(resources, 'app-update.yml'), `${githubFeed}publisherName:\n  - CloudMC Credentials maintainers\n`);
    expect(electronUpdateSource(facts({ platform: 'win32' }))?.install).toBe('self');
  });

  it.each(['deb', 'rpm'])('a %s: told where to get the new version (electron-updater does not install it)', (type) => {
    fs.writeFileSync(path.join(resources, 'package-type'), `${type}\n`);
    expect(electronUpdateSource(facts())).toMatchObject({
      install: 'manual',
      releasesUrl: 'https://github.com/cloudmc/cloudmc-credentials/releases/latest',
    });
  });

  it('does not update: run from a checkout, outside Electron, an unpacked Linux folder, a build without a feed', () => {
    expect(electronUpdateSource(facts({ isPackaged: false, platform: 'win32' }))).toBeNull();
    expect(electronUpdateSource(facts({ resourcesPath: undefined, platform: 'win32' }))).toBeNull();
    expect(electronUpdateSource(facts())).toBeNull();
    fs.writeFileSync(path.join(resources, 'app-update.yml'), 'updaterCacheDirName: cloudmc-credentials-updater\n');
    expect(electronUpdateSource(facts({ platform: 'win32' }))).toBeNull();
    fs.rmSync(path.join(resources, 'app-update.yml'));
    expect(electronUpdateSource(facts({ platform: 'win32' }))).toBeNull();
  });
});

describe('what the feed names', () => {
  it('the Releases page of a GitHub feed, an https generic feed itself, nothing else', () => {
    expect(releasesPageOf(githubFeed)).toBe('https://github.com/cloudmc/cloudmc-credentials/releases/latest');
    expect(releasesPageOf('provider: github\nowner: \'cloudmc\'\nrepo: "x"\n')).toBe('https://github.com/cloudmc/x/releases/latest');
    expect(releasesPageOf('provider: github\nowner: evil.example/a?b\nrepo: x\n')).toBeNull();
    expect(releasesPageOf('provider: generic\nurl: https://downloads.example.com/cloudmc/\n')).toBe('https://downloads.example.com/cloudmc/');
    expect(releasesPageOf('provider: generic\nurl: http://127.0.0.1:8080/\n')).toBeNull();
  });

  it("electron-updater's download cache, where electron-updater puts it on each OS", () => {
    const home = os.homedir();
    expect(updaterCacheDirOf(githubFeed, 'linux', { XDG_CACHE_HOME: '/tmp/cache' })).toBe('/tmp/cache/cloudmc-credentials-updater');
    expect(updaterCacheDirOf(githubFeed, 'linux', {})).toBe(path.join(home, '.cache', 'cloudmc-credentials-updater'));
    expect(updaterCacheDirOf(githubFeed, 'darwin', {})).toBe(path.join(home, 'Library', 'Caches', 'cloudmc-credentials-updater'));
    expect(updaterCacheDirOf(githubFeed, 'win32', { LOCALAPPDATA: 'C:\\Users\\rose\\AppData\\Local' })).toBe(
      path.join('C:\\Users\\rose\\AppData\\Local', 'cloudmc-credentials-updater'),
    );
    for (const name of ['../../etc', '..', '.']) expect(updaterCacheDirOf(`updaterCacheDirName: ${name}\n`, 'linux', {})).toBeNull();
  });
});

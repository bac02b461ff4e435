// The release job's collection step (resources/packaging/collect-release.mjs, issue 20 items 3 and 10): the two macOS builds (arm64 on
// macos-14, x64 on macos-15-intel) each write latest-mac.yml; published as is, the second would replace the first and one arch would
// never update. Merged, electron-updater's own parser and arch filter give each Mac its own zip. Names match the feeds; SHA256SUMS.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MacUpdater, type ResolvedUpdateFileInfo } from 'electron-updater';
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider';
import { afterEach, describe, expect, it } from 'vitest';
import { collectRelease, mergeUpdateFeeds, releaseName, writeChecksums } from '../../../resources/packaging/collect-release.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

/** A macOS update feed as electron-builder writes it (builder-util's serializeToYaml, i.e. js-yaml's dump) for one arch. */
function macFeed(arch: 'arm64' | 'x64', version = '0.2.0'): string {
  const suffix = arch === 'arm64' ? '-arm64' : '';
  return [
    `version: ${version}`,
    'files:',
    `  - url: CloudMC-Credentials-${version}${suffix}-mac.zip`,
    `    sha512: ${arch}zip==`,
    '    size: 123',
    '    blockMapSize: 456',
    `  - url: CloudMC-Credentials-${version}-${arch}.dmg`,
    `    sha512: ${arch}dmg==`,
    '    size: 789',
    `path: CloudMC-Credentials-${version}${suffix}-mac.zip`,
    `sha512: ${arch}zip==`,
    "releaseDate: '2026-12-07T10:00:00.000Z'",
    '',
  ].join('\n');
}

/** MacUpdater's own choice of files for a Mac of one arch (a protected static, reached through a subclass that is never constructed). */
class ArchChoice extends MacUpdater {
  static zipFor(files: ResolvedUpdateFileInfo[], arm64Mac: boolean): string[] {
    return MacUpdater.filterFilesForArch(files, arm64Mac)
      .filter((f) => f.url.pathname.endsWith('.zip'))
      .map((f) => path.basename(f.url.pathname));
  }
}

const made: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-collect-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Lays out files as actions/download-artifact does without merge-multiple: one folder per artifact. */
function artifacts(layout: Record<string, Record<string, string>>): string {
  const dir = tempDir();
  for (const [artifact, files] of Object.entries(layout))
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, artifact), { recursive: true });
      fs.writeFileSync(path.join(dir, artifact, name), content);
    }
  return dir;
}

describe('the macOS update feeds of the two Mac builds', () => {
  it('merge into one feed in which electron-updater finds the arm64 zip for Apple silicon and the x64 zip for Intel', () => {
    const merged = mergeUpdateFeeds(macFeed('arm64'), macFeed('x64'));
    const info = parseUpdateInfo(merged, 'latest-mac.yml', new URL('https://example.invalid/latest-mac.yml'));
    expect(info.version).toBe('0.2.0');
    expect(info.files.map((f) => f.url)).toEqual([
      'CloudMC-Credentials-0.2.0-arm64-mac.zip',
      'CloudMC-Credentials-0.2.0-arm64.dmg',
      'CloudMC-Credentials-0.2.0-mac.zip',
      'CloudMC-Credentials-0.2.0-x64.dmg',
    ]);
    const files = resolveFiles(info, new URL('https://example.invalid/download/'));
    expect(ArchChoice.zipFor(files, true)).toEqual(['CloudMC-Credentials-0.2.0-arm64-mac.zip']);
    expect(ArchChoice.zipFor(files, false)).toEqual(['CloudMC-Credentials-0.2.0-mac.zip']);
  });

  it('without the merge, whichever feed is published last is wrong for the other arch', () => {
    const only = (arch: 'arm64' | 'x64'): ResolvedUpdateFileInfo[] =>
      resolveFiles(parseUpdateInfo(macFeed(arch), 'latest-mac.yml', new URL('https://example.invalid/')), new URL('https://example.invalid/'));
    expect(ArchChoice.zipFor(only('x64'), true)).toEqual(['CloudMC-Credentials-0.2.0-mac.zip']); // Apple silicon gets the Intel build
    expect(ArchChoice.zipFor(only('arm64'), false)).toEqual([]); // Intel gets nothing to install
  });

  it('refuses to merge feeds of two versions, and keeps a feed merged with itself unchanged', () => {
    expect(() => mergeUpdateFeeds(macFeed('arm64', '0.2.0'), macFeed('x64', '0.3.0'))).toThrow(/different versions/);
    expect(mergeUpdateFeeds(macFeed('arm64'), macFeed('arm64'))).toBe(macFeed('arm64'));
  });
});

describe('collecting the release', () => {
  it('gathers every artifact under the name the feeds use, merges latest-mac.yml, and checksums everything', () => {
    const downloaded = artifacts({
      'installers-Linux': {
        'cloudmc-credentials_0.2.0_amd64.deb': 'deb',
        'CloudMC Credentials-0.2.0-x86_64.AppImage': 'appimage',
        'latest-linux.yml': 'version: 0.2.0\n',
      },
      'installers-macOS-arm64': { 'CloudMC Credentials-0.2.0-arm64.dmg': 'arm dmg', 'latest-mac.yml': macFeed('arm64') },
      'installers-macOS-x64': { 'CloudMC Credentials-0.2.0-x64.dmg': 'intel dmg', 'latest-mac.yml': macFeed('x64') },
      'installers-Windows': { 'CloudMC Credentials-Setup-0.2.0.exe': 'exe', 'CloudMC Credentials-Setup-0.2.0.exe.blockmap': 'map' },
    });
    const release = path.join(tempDir(), 'release');
    expect(collectRelease(downloaded, release)).toEqual([
      'CloudMC-Credentials-0.2.0-arm64.dmg',
      'CloudMC-Credentials-0.2.0-x64.dmg',
      'CloudMC-Credentials-0.2.0-x86_64.AppImage',
      'CloudMC-Credentials-Setup-0.2.0.exe',
      'CloudMC-Credentials-Setup-0.2.0.exe.blockmap',
      'cloudmc-credentials_0.2.0_amd64.deb',
      'latest-linux.yml',
      'latest-mac.yml',
    ]);
    expect(fs.readFileSync(path.join(release, 'latest-mac.yml'), 'utf8')).toBe(mergeUpdateFeeds(macFeed('arm64'), macFeed('x64')));

    const sums = writeChecksums(release);
    expect(sums.split('\n').filter(Boolean)).toHaveLength(8);
    expect(sums).toContain(`${createHash('sha256').update('exe').digest('hex')}  CloudMC-Credentials-Setup-0.2.0.exe\n`);
    const verified = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: release, encoding: 'utf8' });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  });

  it('fails rather than publish one of two different files that end up with the same name', () => {
    const downloaded = artifacts({ a: { 'x.dmg': 'one' }, b: { 'x.dmg': 'two' } });
    expect(() => collectRelease(downloaded, path.join(tempDir(), 'release'))).toThrow(/two different files would be published as x\.dmg/);
  });

  it('names files as GitHub keeps them and electron-builder lists them in the feeds (a space becomes a dash), refusing what GitHub would rename', () => {
    expect(releaseName('CloudMC Credentials-Setup-0.2.0.exe')).toBe('CloudMC-Credentials-Setup-0.2.0.exe');
    expect(() => releaseName('CloudMC Credentials (beta).exe')).toThrow(/GitHub would rename/);
  });

  it('runs as the release job runs it: node collect-release.mjs <artifacts> <release>', () => {
    const downloaded = artifacts({ 'installers-Linux': { 'a.deb': 'deb' } });
    const release = path.join(tempDir(), 'release');
    const run = spawnSync(process.execPath, [path.join(root, 'resources/packaging/collect-release.mjs'), downloaded, release], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readdirSync(release).sort()).toEqual(['SHA256SUMS', 'a.deb']);
  });
});

// The Electron edge of updates: which of electron-updater's updaters serves this install (read from what electron-builder put in the
// resources folder), the Releases page for installs it cannot update, and its download cache (for "Remove all my data").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../log';
import type { AutoUpdater, UpdateSource } from './update-service';

/** What decides how this install updates (Electron's process and app, passed in by index.ts). */
export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.resourcesPath: electron-builder writes `app-update.yml` (the feed) there, and `package-type` for deb and rpm (unset outside Electron). */
  resourcesPath: string | undefined;
  /** $APPIMAGE: the AppImage runtime sets it to the file being run. */
  appImage: string | undefined;
  log: Logger;
}

type UpdaterName = 'NsisUpdater' | 'MacUpdater' | 'AppImageUpdater' | 'DebUpdater' | 'RpmUpdater';

/** One top-level field of electron-builder's `app-update.yml` (a flat `key: value` document it writes itself). */
function feedField(yaml: string, name: string): string | null {
  const line = yaml.split(/\r?\n/).find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const value = line
    .slice(name.length + 1)
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');
  return value === '' ? null : value;
}

/** Where to get a new version by hand: the GitHub Releases page of the feed (an https generic feed is its own page). */
export function releasesPageOf(yaml: string): string | null {
  const provider = feedField(yaml, 'provider');
  const safe = /^[A-Za-z0-9_.-]+$/;
  if (provider === 'github') {
    const owner = feedField(yaml, 'owner');
    const repo = feedField(yaml, 'repo');
    return owner && repo && safe.test(owner) && safe.test(repo) ? `https://github.com/${owner}/${repo}/releases/latest` : null;
  }
  const url = feedField(yaml, 'url');
  return provider === 'generic' && url?.startsWith('https://') ? url : null;
}

/** electron-updater's download cache for this app (the folder it names after `updaterCacheDirName`), or null. */
export function updaterCacheDirOf(yaml: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = feedField(yaml, 'updaterCacheDirName');
  // One folder name of its own ("removed with all my data"): never `.`, `..` or a path.
  if (!name || !/^[A-Za-z0-9_.-]+$/.test(name) || /^\.+$/.test(name)) return null;
  // As electron-updater's getAppCacheDir() computes it.
  const home = os.homedir();
  const base =
    platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : (env['XDG_CACHE_HOME'] ?? path.join(home, '.cache'));
  return path.join(base, name);
}

function updaterFor(facts: InstallFacts, packageType: string | null): UpdaterName | null {
  if (facts.platform === 'win32') return 'NsisUpdater';
  if (facts.platform === 'darwin') return 'MacUpdater'; // needs the zip target; Squirrel.Mac checks the code signature
  if (facts.platform !== 'linux') return null;
  if (facts.appImage) return 'AppImageUpdater';
  if (packageType === 'deb') return 'DebUpdater';
  if (packageType === 'rpm') return 'RpmUpdater';
  return null; // an unpacked folder or another package: nothing electron-updater can serve
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** This install's update source, or null when it does not update (run from a checkout, a build without a feed, an unknown package). */
export function electronUpdateSource(facts: InstallFacts): (UpdateSource & { cacheDir: string | null }) | null {
  if (!facts.isPackaged || !facts.resourcesPath) return null;
  const feed = readText(path.join(facts.resourcesPath, 'app-update.yml'));
  if (feed === null || feedField(feed, 'provider') === null) return null; // a build without a feed (electron-builder found no repository)
  const name = updaterFor(facts, readText(path.join(facts.resourcesPath, 'package-type'))?.trim() ?? null);
  if (!name) return null;
  // electron-updater checks a Windows update's signature only against the publisher app-update.yml names; without one it would not.
  const unverifiable = name === 'NsisUpdater' && !feed.split(/\r?\n/).some((line) => line.startsWith('publisherName:'));
  return {
    install: name === 'DebUpdater' || name === 'RpmUpdater' || unverifiable ? 'manual' : 'self',
    releasesUrl: releasesPageOf(feed),
    cacheDir: updaterCacheDirOf(feed, facts.platform),
    async load(): Promise<AutoUpdater> {
      const loaded: unknown = await import('electron-updater');
      const api = ((loaded as { default?: unknown }).default ?? loaded) as typeof import('electron-updater');
      const updater = new api[name]();
      updater.autoDownload = false; // the service downloads, so it knows when a download ends or fails
      updater.autoInstallOnAppQuit = false; // installed only by "Restart to update", once main finds it safe (security.md 47)
      updater.logger = {
        info: (m: unknown) => facts.log.info(`updates: ${String(m)}`),
        warn: (m: unknown) => facts.log.warn(`updates: ${String(m)}`),
        error: (m: unknown) => facts.log.error(`updates: ${String(m)}`),
      };
      return updater;
    },
  };
}

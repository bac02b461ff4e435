// The files "Remove all my data" removes: everything in the data folder but Chromium's own working files, and the app's other folders whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Chromium's working files in the data folder (Electron keeps them beside the app's): caches, the single-instance lock, its local state.
 * They hold none of the user's data (the UI stores nothing: no cookies, web storage or IndexedDB), Chromium writes them again at each
 * start, and removing them under a running Chromium breaks it (the single-instance lock among them; on Windows they are held open).
 */
export const chromiumEntries: ReadonlySet<string> = new Set([
  'blob_storage',
  'BrowserMetrics',
  'Cache',
  'Code Cache',
  'Cookies',
  'Cookies-journal',
  'Crashpad',
  'databases',
  'DawnCache',
  'DawnGraphiteCache',
  'DawnWebGPUCache',
  'Dictionaries',
  'DIPS',
  'DIPS-journal',
  'GPUCache',
  'GrShaderCache',
  'IndexedDB',
  'Local State',
  'Local Storage',
  'lockfile',
  'Network',
  'Network Persistent State',
  'Partitions',
  'Preferences',
  'QuotaManager',
  'QuotaManager-journal',
  'Service Worker',
  'Session Storage',
  'shared_proto_db',
  'Shared Dictionary',
  'SharedStorage',
  'SharedStorage-wal',
  'ShaderCache',
  'SingletonCookie',
  'SingletonLock',
  'SingletonSocket',
  'TransportSecurity',
  'Trust Tokens',
  'Trust Tokens-journal',
  'VideoDecodeStats',
  'WebStorage',
]);

/** A file or folder that could not be removed, and the system's reason. */
export interface LeftEntry {
  path: string;
  reason: string;
}

function remove(target: string, left: LeftEntry[]): void {
  try {
    fs.rmSync(target, { recursive: true, force: true, maxRetries: 2 });
  } catch (e) {
    left.push({ path: target, reason: (e as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}

/**
 * Removes the app's entries of the data folder (all but Chromium's, and `keep`: the running app's writer lock, released as it quits)
 * and every other folder whole; answers what could not be removed.
 */
export function removeAppFiles(dataDir: string, otherFolders: readonly string[], keep: ReadonlySet<string> = new Set()): LeftEntry[] {
  const left: LeftEntry[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dataDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') left.push({ path: dataDir, reason: (e as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  for (const entry of entries) if (!chromiumEntries.has(entry) && !keep.has(entry)) remove(path.join(dataDir, entry), left);
  for (const folder of otherFolders) remove(folder, left);
  return left;
}

/** The app's other folders outside the data folder (those inside go with it); never the home folder, a root or a parent of the data folder. */
export function foldersOutside(dataDir: string, folders: readonly (string | null | undefined)[]): string[] {
  const data = path.resolve(dataDir) + path.sep;
  const home = path.resolve(os.homedir());
  return [...new Set(folders.filter((f): f is string => !!f).map((f) => path.resolve(f)))].filter(
    (f) => !(f + path.sep).startsWith(data) && !data.startsWith(f + path.sep) && f !== home && path.dirname(f) !== f,
  );
}

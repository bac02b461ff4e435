// Where the desktop app keeps its data (Electron's userData), and a private snapshot of its JSON files for when the app is running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder name of the app's data: the packaged app's productName (resources/electron-builder.config.mjs), which Electron uses for userData. */
export const appDataFolderName = 'CloudMC Credentials';

/** Electron's `app.getPath('userData')` for the installed app, computed without Electron: `<appData>/CloudMC Credentials`. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming'), appDataFolderName);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', appDataFolderName);
  const config = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(home, '.config');
  return path.join(config, appDataFolderName);
}

/** The file that proves a folder is the app's data dir (the app writes it at its first start). */
export function configFileOf(dataDir: string): string {
  return path.join(dataDir, 'config.json');
}

/** A private copy of the app's JSON files in a 0700 temp folder; `dispose` deletes it. */
export interface Snapshot {
  dir: string;
  dispose(): void;
}

/** A store file's name (no temp file of the atomic writer, no backup). */
const storeFileName = /^[A-Za-z0-9_-]{1,200}\.json$/;

/**
 * Copies the app's store files (`*.json` in the data dir and one folder down: config, key lists, health files), each written
 * atomically by the app, so each copy is whole. Left out: the rotation journal, so that a CLI process never resumes a rotation
 * the running app is carrying on, and the generate-intent journal, so that it never takes the app's Generate in flight for one cut short.
 */
export function snapshotDataDir(dataDir: string, leaveOut: readonly string[] = ['rotations.json', 'generate-intents.json']): Snapshot {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-cli-'));
  fs.chmodSync(dir, 0o700);
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  const copyFile = (from: string, to: string): void => {
    try {
      fs.copyFileSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // removed by the app meanwhile
    }
  };
  try {
    fs.copyFileSync(configFileOf(dataDir), configFileOf(dir));
    for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
      if (entry.isFile() && storeFileName.test(entry.name) && entry.name !== 'config.json' && !leaveOut.includes(entry.name))
        copyFile(path.join(dataDir, entry.name), path.join(dir, entry.name));
      if (!entry.isDirectory() || entry.name === 'logs') continue;
      const files = fs.readdirSync(path.join(dataDir, entry.name)).filter((name) => storeFileName.test(name));
      if (files.length === 0) continue;
      fs.mkdirSync(path.join(dir, entry.name), { mode: 0o700 });
      for (const name of files) copyFile(path.join(dataDir, entry.name, name), path.join(dir, entry.name, name));
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir, dispose };
}

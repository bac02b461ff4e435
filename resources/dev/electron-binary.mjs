// Finds Electron's executable the way the `electron` package's index.js does, without ever starting its download (requiring index.js
// downloads the binary when it is missing). Used by `npm start` / `npm run dev` (start-electron.mjs) and the Electron scenarios.
import fs from 'node:fs';
import path from 'node:path';

/** node_modules/electron of this checkout. */
export const electronPackageDir = path.resolve(import.meta.dirname, '../../node_modules/electron');

/** The one line every Electron scenario is skipped with when the binary is absent. */
export const binaryMissingReason = "Electron's binary is not installed here: run `npx install-electron` (needs internet)";

/** The executable name install.js writes to path.txt for this OS (its getPlatformPath). */
function platformExecutable(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'electron';
  return null;
}

/**
 * The executable path, or null with the reason. Mirrors index.js: path.txt names the file under dist/ (or under
 * ELECTRON_OVERRIDE_DIST_PATH); without path.txt, a populated dist/ is still used.
 */
export function electronBinary(packageDir = electronPackageDir, env = process.env, platform = process.platform) {
  const pathFile = path.join(packageDir, 'path.txt');
  const named = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : platformExecutable(platform);
  if (!named) return { path: null, reason: binaryMissingReason };
  const distDir = env['ELECTRON_OVERRIDE_DIST_PATH'] || path.join(packageDir, 'dist');
  const executable = path.join(distDir, named);
  return fs.existsSync(executable) ? { path: executable, reason: null } : { path: null, reason: binaryMissingReason };
}

// Finds the Electron binary without triggering its lazy download, or says in one line why these scenarios cannot run here.
import fs from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(import.meta.dirname, '../../node_modules/electron');

/** The binary path, or null with the reason. */
export function electronBinary(): { path: string; reason: null } | { path: null; reason: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { path: null, reason: 'Electron binary not installed: it is downloaded on first launch, and this machine cannot download it' };
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { path: binary, reason: null } : { path: null, reason: `Electron binary missing at ${binary}` };
}

// A stand-in for Electron's unpacked distribution, for electron-builder's `electronDist` option where Electron's binary cannot be had.
import fs from 'node:fs';
import path from 'node:path';

/** The marker @electron/fuses looks for in an Electron binary (node_modules/@electron/fuses/dist/constants.js). */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's default fuse states ('1' on, '0' off), 9 fuses: what the afterPack hook must flip. */
const defaultFuses = '101100011';

/**
 * Creates the folder electron-builder copies as "Electron": an executable `electron` (a shell script that refuses to run, carrying a
 * fuse wire so the afterPack hook can flip and read back the fuses), `chrome-sandbox`, the licence files, `version`, locales, `resources/`.
 * Returns the folder.
 */
export function makeStubElectronDist(dir: string, version = '45.5.0'): string {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  for (const locale of ['en-US', 'fr', 'es', 'de', 'ja']) fs.writeFileSync(path.join(dir, 'locales', `${locale}.pak`), 'stub');
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stub Electron licence\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stub</p>\n');
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  const wire = Buffer.concat([Buffer.from(fuseSentinel, 'ascii'), Buffer.from([1, defaultFuses.length]), Buffer.from(defaultFuses, 'ascii')]);
  const script = Buffer.from('#!/bin/sh\necho "stub Electron (packaging proof): there is no binary here" >&2\nexit 1\n# ');
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, wire, Buffer.from('\n')]), { mode: 0o755 });
  return dir;
}

// Runs the packaged main (an extracted app.asar) as `cloudmc-credentials --cli ARGS...` does, under the fake Electron: main sees the same
// argv, `app` and userData it would get from Electron, writes to this process's stdout/stderr, and this process exits with the CLI's code.
// Usage: tsx test/packaging/boot-cli.ts <extracted app dir> <userData dir> --cli <args...>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useFakeElectron } from './fake-electron/register';
import type * as FakeModule from './fake-electron/electron';

const [appDir, userData] = process.argv.slice(2);
if (!appDir || !userData || !process.argv.includes('--cli')) throw new Error('usage: boot-cli.ts <extracted app dir> <userData dir> --cli <args...>');

/** A CLI run that never exits is a failure, not a hang. */
const deadline = setTimeout(() => {
  console.error('boot-cli: the packaged CLI did not exit within 30 s');
  process.exit(124);
}, 30_000);

useFakeElectron();
const { fake } = (await import('electron')) as unknown as typeof FakeModule;
fake.paths['userData'] = userData;
fake.appPath = appDir;
fake.version = (JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { version: string }).version;

// Electron never emits 'ready' for the CLI's purposes: main's --cli path must not wait for it (a window would need it).
await import(pathToFileURL(path.join(appDir, 'out/main/index.js')).href);
const code = await fake.exited;
clearTimeout(deadline);
if (fake.violations.length > 0) {
  console.error(`boot-cli: Electron rules violated: ${fake.violations.join('; ')}`);
  process.exit(70);
}
process.exit(code);

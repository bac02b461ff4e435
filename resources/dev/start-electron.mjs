// `npm start` (build, then launch) and `npm run dev` (electron-vite's dev server): first makes sure Electron's binary is there,
// fetching it once with Electron's own install.js. When that fails (offline, a proxy), one paragraph says what failed and what to do
// instead of a stack trace and advice that cannot work. Usage: node resources/dev/start-electron.mjs start|dev [electron args...]
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, electronPackageDir } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const electronVite = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');
const commands = { start: 'npm start', dev: 'npm run dev' };

/** The first line of a failed command's output that says what went wrong (not a stack frame), at most 160 characters. */
function firstErrorLine(output) {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Downloading'));
  return (line ?? 'no message').slice(0, 160);
}

/** The executable, fetched once by node_modules/electron/install.js when missing; or why the fetch failed. */
function ensureElectron() {
  const found = electronBinary();
  if (found.path) return { path: found.path };
  process.stdout.write("Electron's binary is not in node_modules/electron yet: downloading it (once, about 100 MB)...\n");
  const install = spawnSync(process.execPath, [path.join(electronPackageDir, 'install.js')], { encoding: 'utf8' });
  const fetched = electronBinary();
  if (install.status === 0 && fetched.path) return { path: fetched.path };
  return { path: null, cause: install.error ? install.error.message : firstErrorLine(`${install.stderr}\n${install.stdout}`) };
}

/** Node older than Electron's downloader declares (@electron/get 5: >= 22.12). */
function nodeTooOldForDownload() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}

/** Wraps a paragraph at `width` columns, never inside a `quoted command`. */
function wrap(text, width = 100) {
  const lines = [''];
  for (const word of text.match(/\S*`[^`]*`\S*|\S+/g)) {
    if (lines.at(-1).length > 0 && lines.at(-1).length + 1 + word.length > width) lines.push('');
    lines[lines.length - 1] += (lines.at(-1).length > 0 ? ' ' : '') + word;
  }
  return `${lines.join('\n')}\n`;
}

/** The one paragraph shown when the binary is missing and could not be fetched. */
function cannotStart(command, cause) {
  const node = nodeTooOldForDownload() ? ` Electron's downloader also needs Node 22.12 or later, and this is Node ${process.versions.node}.` : '';
  return wrap(
    `\`${command}\` could not start the app: Electron's binary (the desktop runtime) is not in node_modules/electron, and downloading it ` +
      `failed (${cause}). It is downloaded once, on the first start, and that needs internet access (or a mirror named in ELECTRON_MIRROR): ` +
      `run \`${command}\` again once this machine is online.${node} To try the app right now without Electron, run \`npm run demo\`: ` +
      'it serves the same app to your browser, with a demo CloudMC.',
  );
}

/** Runs a command attached to this terminal; this process exits with its code (1 when a signal ended it). */
function runAttached(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: 'inherit', env, cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const [mode, ...args] = process.argv.slice(2);
if (!(mode in commands)) {
  process.stderr.write('usage: node resources/dev/start-electron.mjs start|dev [electron arguments...]\n');
  process.exit(2);
}
const electron = ensureElectron();
if (!electron.path) {
  process.stderr.write(`\n${cannotStart(commands[mode], electron.cause)}`);
  process.exit(1);
}
if (mode === 'start') {
  const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
  runAttached(electron.path, ['.', ...args]);
} else {
  // electron-vite reads node_modules/electron/path.txt unless told where the binary is.
  runAttached(process.execPath, [electronVite, 'dev', ...args], { ...process.env, ELECTRON_EXEC_PATH: electron.path });
}

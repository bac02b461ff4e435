// The `cloudmc` command the packages put on PATH (issue 21, item 5): resources/packaging/bin/cloudmc (Linux, macOS) and cloudmc.cmd
// (Windows). The shell launcher is run for real, through links as /usr/bin/cloudmc and /usr/local/bin/cloudmc make it, in the layout
// each package has, with a stand-in for the app's binary that reports the arguments and environment it got.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const launcherSource = path.join(root, 'resources/packaging/bin/cloudmc');
const made: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-launcher-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in app binary: prints each argument on its own line, then whether DISPLAY/WAYLAND_DISPLAY were set, and exits 7. */
const stubBinary =
  '#!/bin/sh\nfor a in "$@"; do printf \'arg:%s\\n\' "$a"; done\nprintf \'display:%s\\n\' "${DISPLAY-unset}${WAYLAND_DISPLAY-}"\nexit 7\n';

/** Lays out an installed app (`linux`: /opt/<product>/, `darwin`: <product>.app/Contents/) with the real launcher in resources/bin. */
function installed(dir: string, os: 'linux' | 'darwin'): string {
  const [binary, resources] =
    os === 'linux'
      ? ['opt/CloudMC Credentials/cloudmc-credentials', 'opt/CloudMC Credentials/resources']
      : ['Applications/CloudMC Credentials.app/Contents/MacOS/CloudMC Credentials', 'Applications/CloudMC Credentials.app/Contents/Resources'];
  fs.mkdirSync(path.dirname(path.join(dir, binary)), { recursive: true });
  fs.mkdirSync(path.join(dir, resources, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(dir, binary), stubBinary, { mode: 0o755 });
  const launcher = path.join(dir, resources, 'bin', 'cloudmc');
  fs.copyFileSync(launcherSource, launcher);
  fs.chmodSync(launcher, 0o755);
  return launcher;
}

/** Runs `command ARGS` with no display, and `uname -s` answering `system` (a stand-in `uname` first on PATH). */
function run(dir: string, command: string, args: string[], system: string): { status: number | null; args: string[]; display: string } {
  const bin = path.join(dir, 'fake-uname');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'uname'), `#!/bin/sh\necho ${system}\n`, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const result = spawnSync(command, args, { env, encoding: 'utf8', cwd: os.tmpdir() });
  const lines = result.stdout.split('\n');
  return {
    status: result.status,
    args: lines.filter((l) => l.startsWith('arg:')).map((l) => l.slice(4)),
    display: lines.find((l) => l.startsWith('display:'))?.slice(8) ?? `(no output: ${result.stderr})`,
  };
}

const userArgs = ['keys', 'list', '--profile', 'Acme prod', '--json', '*', '$HOME', ''];

describe('the cloudmc shell launcher', () => {
  it('is executable in the source tree (electron-builder copies the mode into resources/bin)', () => {
    expect(fs.statSync(launcherSource).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(launcherSource, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
  });

  it('on Linux, through /usr/bin/cloudmc, runs the app binary headless with --cli and every argument as given, and passes its exit code', () => {
    const dir = tempDir();
    const launcher = installed(dir, 'linux');
    fs.mkdirSync(path.join(dir, 'usr/bin'), { recursive: true });
    fs.symlinkSync(launcher, path.join(dir, 'usr/bin/cloudmc'));
    const result = run(dir, path.join(dir, 'usr/bin/cloudmc'), userArgs, 'Linux');
    expect(result.status).toBe(7);
    expect(result.args).toEqual(['--ozone-platform=headless', '--disable-gpu', '--cli', ...userArgs]);
    expect(result.display).toBe('unset');
  });

  it('follows a chain of links, relative ones included', () => {
    const dir = tempDir();
    const launcher = installed(dir, 'linux');
    fs.mkdirSync(path.join(dir, 'usr/bin'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'home/me/bin'), { recursive: true });
    fs.symlinkSync(path.relative(path.join(dir, 'usr/bin'), launcher), path.join(dir, 'usr/bin/cloudmc'));
    fs.symlinkSync('../../../usr/bin/cloudmc', path.join(dir, 'home/me/bin/cmc'));
    const result = run(dir, path.join(dir, 'home/me/bin/cmc'), ['--version'], 'Linux');
    expect(result.status).toBe(7);
    expect(result.args).toEqual(['--ozone-platform=headless', '--disable-gpu', '--cli', '--version']);
  });

  it('on macOS, through /usr/local/bin/cloudmc, runs Contents/MacOS/<product> with --cli (no Linux switches)', () => {
    const dir = tempDir();
    const launcher = installed(dir, 'darwin');
    fs.mkdirSync(path.join(dir, 'usr/local/bin'), { recursive: true });
    fs.symlinkSync(launcher, path.join(dir, 'usr/local/bin/cloudmc'));
    const result = run(dir, path.join(dir, 'usr/local/bin/cloudmc'), userArgs, 'Darwin');
    expect(result.status).toBe(7);
    expect(result.args).toEqual(['--cli', ...userArgs]);
  });

  it('names the binaries electron-builder makes from the config (linux.executableName, productName)', async () => {
    const { default: config } = await import('../../../resources/electron-builder.config.mjs');
    const text = fs.readFileSync(launcherSource, 'utf8');
    expect(text).toContain(`"$resources/../${config.linux!.executableName}"`);
    expect(text).toContain(`"$resources/../MacOS/${config.productName}"`);
  });
});

describe('cloudmc.cmd, the Windows shim (only its text can be checked here: there is no cmd.exe)', () => {
  const shim = fs.readFileSync(path.join(root, 'resources/packaging/bin/cloudmc.cmd'), 'utf8');
  const commands = shim
    .split('\r\n')
    .filter((l) => l && !/^(@echo off|rem )/i.test(l))
    .map((l) => l.trim());

  it('has CRLF line ends only (cmd.exe misreads labels and long lines in LF-only batch files)', () => {
    expect(shim.endsWith('\r\n')).toBe(true);
    expect(shim.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(shim.startsWith('@echo off\r\n')).toBe(true);
  });

  it('runs the app binary two folders up (resources\\bin → install folder) with --cli and all arguments (%*), then exits with its code', async () => {
    const { default: config } = await import('../../../resources/electron-builder.config.mjs');
    expect(commands).toEqual(['setlocal', `"%~dp0..\\..\\${config.productName}.exe" --cli %*`, 'exit /b %ERRORLEVEL%']);
  });
});

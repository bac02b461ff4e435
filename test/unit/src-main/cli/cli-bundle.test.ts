// Issue 21 item 7: the command line's bundled entry (out/cli/cloudmc.mjs, built with the app by electron.vite.config.ts) runs under
// plain Node with no TypeScript compiled at run time; `npm run cli` runs it, rebuilding it first only when a source is newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../helpers';
import { root } from './processes';

const bundle = path.join(root, 'out/cli/cloudmc.mjs');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> })
  .version;
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => removeTempDir(dir)));

/** Runs `node args...` in `cwd`, English messages. */
const node = (args: string[], cwd = root) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', NODE_OPTIONS: '' } });

describe('the bundled command line', () => {
  it('the build wrote out/cli/cloudmc.mjs and its chunks: ES modules that load only Node built-ins, keytar and each other, never TypeScript', () => {
    const dir = path.dirname(bundle);
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    expect(files).toContain('cloudmc.mjs');
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const imported = new Set([...text.matchAll(/(?:^|[;\s}])(?:import|export)\s*[^'"();]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!));
      for (const [, name] of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) imported.add(name!);
      expect(
        [...imported].filter((name) => !name.startsWith('node:') && !name.startsWith('./') && name !== 'keytar'),
        file,
      ).toEqual([]);
      expect(text).not.toMatch(/["']tsx["'/]/);
    }
  });

  it('under plain node it prints the version and runs a command (exit codes and --json shape as from the sources)', () => {
    const dir = makeTempDir('cloudmc-cli-bundle-');
    temps.push(dir);
    const v = node([bundle, '--version']);
    expect(v.stderr).toBe('');
    expect(v.stdout.trim()).toBe(version);
    const list = node([bundle, '--data-dir', dir, 'profiles', 'list', '--json']);
    expect(list.status).toBe(3);
    expect(JSON.parse(list.stdout)).toMatchObject({ schemaVersion: 1, error: { code: 'no-data', exitCode: 3 } });
  });

  it('`npm run cli` runs node on the launcher, which runs the bundle (no tsx)', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.cli).toBe('node resources/cli/cli-launch.mjs');
    const run = spawnSync('npm', ['run', '-s', 'cli', '--', '--version'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('the launcher builds a missing bundle, rebuilds one older than a source, and leaves a fresh one alone', () => {
    // A checkout of its own: the launcher and builder copied, the sources and node_modules linked.
    const copy = makeTempDir('cloudmc-cli-bundle-');
    temps.push(copy);
    fs.mkdirSync(path.join(copy, 'resources/cli'), { recursive: true });
    for (const f of ['build-cli.mjs', 'cli-launch.mjs']) fs.copyFileSync(path.join(root, 'resources/cli', f), path.join(copy, 'resources/cli', f));
    for (const f of ['src-main', 'src-preload', 'node_modules', 'package.json']) fs.symlinkSync(path.join(root, f), path.join(copy, f));
    const launcher = path.join(copy, 'resources/cli/cli-launch.mjs');
    const built = path.join(copy, 'out/cli/cloudmc.mjs');

    expect(node([launcher, '--version'], copy).stdout.trim()).toBe(version);
    expect(fs.existsSync(built)).toBe(true);

    const longAgo = new Date('2000-01-01T00:00:00Z');
    fs.utimesSync(built, longAgo, longAgo);
    expect(node([launcher, '--version'], copy).stdout.trim()).toBe(version);
    const rebuiltAt = fs.statSync(built).mtimeMs;
    expect(rebuiltAt).toBeGreaterThan(longAgo.getTime());

    expect(node([launcher, '--version'], copy).stdout.trim()).toBe(version);
    expect(fs.statSync(built).mtimeMs).toBe(rebuiltAt);
  });
});

// The data dir's writer lock across real processes: live holders kept, dead ones taken over, one winner in a race, the app waiting for a CLI and taking over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireAppLock, lockFileOf, readLockHolder, releaseAppLock, tryLock } from '../../../../src-main/cli/app-lock';
import { guardedBackend, lockLostReason } from '../../../../src-main/cli/cli-context';
import { openJsonStore } from '../../../../src-main/services/store/json-store';
import { confStoreBackend, makeTempDir, removeTempDir } from '../helpers';
import { endHolder, holdLock, type LineChild } from './processes';

const dirs: string[] = [];
const holders: LineChild[] = [];
const tempDir = (): string => {
  const dir = makeTempDir('cmc-lock-');
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const h of holders.splice(0)) if (h.child.exitCode === null && h.child.signalCode === null) await endHolder(h);
  for (const d of dirs.splice(0)) removeTempDir(d);
});
const track = <T extends { holder: LineChild }>(started: T): T => {
  holders.push(started.holder);
  return started;
};

describe('the data dir writer lock (app.lock)', () => {
  it('a lock held by a live process is not taken by another; once released it is', async () => {
    const dir = tempDir();
    const first = track(await holdLock(dir, 'cli'));
    expect(first.got.held).toBe(true);
    const second = track(await holdLock(dir, 'cli'));
    expect(second.got).toMatchObject({ held: false, holder: { pid: first.got.pid, kind: 'cli' } });
    await endHolder(first.holder);
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
    const third = track(await holdLock(dir, 'cli'));
    expect(third.got.held).toBe(true);
  });

  it('a lock left by a process that died (SIGKILL, no release) is taken over', async () => {
    const dir = tempDir();
    const dead = track(await holdLock(dir, 'cli'));
    expect(dead.got.held).toBe(true);
    dead.holder.child.kill('SIGKILL');
    await dead.holder.exited;
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: dead.got.pid });
    const next = track(await holdLock(dir, 'cli'));
    expect(next.got.held).toBe(true);
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: next.got.pid, kind: 'cli' });
  });

  it('four processes racing for a stale lock: exactly one holds it', async () => {
    const dir = tempDir();
    const dead = track(await holdLock(dir, 'cli'));
    dead.holder.child.kill('SIGKILL');
    await dead.holder.exited;
    const racers = await Promise.all([0, 1, 2, 3].map(() => holdLock(dir, 'cli').then(track)));
    expect(racers.filter((r) => r.got.held)).toHaveLength(1);
    const winner = racers.find((r) => r.got.held)!;
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: winner.got.pid });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.stale-'))).toEqual([]);
  });

  it('the app takes an older app entry at once, even with a live pid (only one app runs per data dir: Electron single-instance lock)', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      fs.writeFileSync(lockFileOf(dir), JSON.stringify({ pid: other.pid, kind: 'app', since: new Date().toISOString(), token: 'older-app' }));
      const lock = await acquireAppLock(dir, { waitForCliMs: 60_000 });
      expect(lock.held).toBe(true);
      expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: process.pid, kind: 'app' });
      releaseAppLock(lock);
      expect(fs.existsSync(lockFileOf(dir))).toBe(false);
    } finally {
      other.kill();
    }
  });

  it('the app waits for a CLI holding the lock and takes it once released', async () => {
    const dir = tempDir();
    const cli = track(await holdLock(dir, 'cli'));
    let settled = false;
    const acquiring = acquireAppLock(dir, { waitForCliMs: 60_000, pollMs: 10 }).finally(() => (settled = true));
    // The app has looked at least once (its first try found the CLI) before the CLI lets go.
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: cli.got.pid, kind: 'cli' });
    expect(settled).toBe(false);
    await endHolder(cli.holder);
    const lock = await acquiring;
    expect(lock.held).toBe(true);
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: process.pid, kind: 'app' });
    releaseAppLock(lock);
  });

  it('after its wait the app takes the lock over from a CLI, whose next write is refused (no write after the app read the files)', async () => {
    const dir = tempDir();
    const cli = track(await holdLock(dir, 'cli'));
    const app = track(await holdLock(dir, 'app', 0));
    expect(app.got.held).toBe(true);
    cli.holder.child.stdin.write('check\n');
    expect(JSON.parse(await cli.holder.nextLine())).toEqual({ stillHeld: false });

    // In this process: a CLI lock the app then takes over; the store over the guarded backend stops writing.
    const own = tempDir();
    const lock = tryLock(own, 'cli');
    expect(lock.held).toBe(true);
    const store = openJsonStore<{ schemaVersion: 1; n: number }>({
      name: 'config',
      cwd: own,
      backend: guardedBackend(confStoreBackend, lock),
      defaults: () => ({ schemaVersion: 1, n: 0 }),
      isValid: (d): d is { schemaVersion: 1; n: number } => typeof (d as { n?: unknown }).n === 'number',
    });
    store.update((d) => ({ ...d, n: 1 }));
    const takeover = track(await holdLock(own, 'app', 0));
    expect(takeover.got.held).toBe(true);
    const before = fs.readFileSync(path.join(own, 'config.json'), 'utf8');
    expect(() => store.update((d) => ({ ...d, n: 2 }))).toThrow(
      expect.objectContaining({ appError: expect.objectContaining({ details: { reason: lockLostReason, path: path.join(own, 'config.json') } }) }),
    );
    expect(fs.readFileSync(path.join(own, 'config.json'), 'utf8')).toBe(before);
    lock.release(); // not ours any more: the app's lock stays
    expect(readLockHolder(lockFileOf(own))).toMatchObject({ pid: takeover.got.pid, kind: 'app' });
  });

  it('an unwritable place for the lock gives no lock and the reason, never a throw', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const lock = await acquireAppLock(path.join(dir, 'file', 'data'));
    expect(lock).toMatchObject({ held: false, problem: 'ENOTDIR' });
  });
});

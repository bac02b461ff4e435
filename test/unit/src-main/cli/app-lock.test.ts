// The data dir's writer lock across real processes: live holders kept, dead ones taken over, one winner in a race, the app waiting for a CLI and taking over;
// a holder named by pid and process start, so a pid reused by another process is stale (promise 43).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireAppLock, isProcessAlive as isAlive, lockFileOf, readLockHolder, releaseAppLock, tryLock } from '../../../../src-main/cli/app-lock';
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
const sleepers: ChildProcess[] = [];
afterEach(() => {
  for (const s of sleepers.splice(0)) s.kill();
});
/** A live process of our own that holds no lock: it stands for whatever process the OS gave a dead holder's pid to. */
const sleeper = (): number => {
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
  sleepers.push(child);
  return child.pid!;
};
/** The lock file as JSON. */
const lockDoc = (dir: string): Record<string, unknown> => JSON.parse(fs.readFileSync(lockFileOf(dir), 'utf8')) as Record<string, unknown>;
/** A process's start as the test reads it itself: the boot id and field 22 of /proc/<pid>/stat (clock ticks since boot). */
const linuxStartOf = (pid: number): string => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return `linux:${fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}:${fields[22 - 3]}`;
};
/** Kills a lock holder (no release) and writes its lock back naming another live pid: what a reboot or a pid wrap-around leaves. */
const reusedPidLock = async (dir: string): Promise<{ reusedBy: number }> => {
  const dead = track(await holdLock(dir, 'cli'));
  dead.holder.child.kill('SIGKILL');
  await dead.holder.exited;
  const reusedBy = sleeper();
  fs.writeFileSync(lockFileOf(dir), JSON.stringify({ ...lockDoc(dir), pid: reusedBy }));
  return { reusedBy };
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

  it("a lock records its holder's process start beside its pid (Linux: boot id and /proc/<pid>/stat field 22); the live holder keeps it", async () => {
    expect(process.platform).toBe('linux'); // this suite's machines; macOS reads `ps -o lstart=`, Windows keeps the file fresh
    const dir = tempDir();
    const holder = track(await holdLock(dir, 'cli'));
    expect(holder.got.held).toBe(true);
    expect(lockDoc(dir)).toMatchObject({ pid: holder.got.pid, processStart: linuxStartOf(holder.got.pid) });
    const other = track(await holdLock(dir, 'cli'));
    expect(other.got).toMatchObject({ held: false, holder: { pid: holder.got.pid } });
  });

  it('a stale lock whose pid now belongs to another live process is taken over (start times differ)', async () => {
    const dir = tempDir();
    const { reusedBy } = await reusedPidLock(dir);
    const next = track(await holdLock(dir, 'cli'));
    expect(next.got.held).toBe(true);
    expect(lockDoc(dir)).toMatchObject({ pid: next.got.pid, kind: 'cli', processStart: linuxStartOf(next.got.pid) });
    expect(isAlive(reusedBy)).toBe(true); // taken over without touching the process that has the pid now
  });

  it('the app takes a CLI lock whose pid was reused at once, without waiting for that CLI', async () => {
    const dir = tempDir();
    await reusedPidLock(dir);
    const lock = await acquireAppLock(dir, { waitForCliMs: 600_000, pollMs: 10 });
    expect(lock.held).toBe(true);
    expect(readLockHolder(lockFileOf(dir))).toMatchObject({ pid: process.pid, kind: 'app' });
    releaseAppLock(lock);
  });

  it('without a readable process start (Windows) the holder keeps the file fresh; a lock left unrefreshed past the bound is stale even with a live pid', async () => {
    const dir = tempDir();
    const holder = track(await holdLock(dir, 'cli', undefined, { LOCK_HOLDER_NO_IDENTITY: '1', LOCK_HOLDER_HEARTBEAT_MS: '50' }));
    expect(holder.got.held).toBe(true);
    expect(lockDoc(dir)).toMatchObject({ pid: holder.got.pid, processStart: null });
    const longAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(lockFileOf(dir), longAgo, longAgo);
    await vi.waitFor(() => expect(fs.statSync(lockFileOf(dir)).mtimeMs).toBeGreaterThan(Date.now() - 60_000), { timeout: 10_000 });
    expect(tryLock(dir, 'cli')).toMatchObject({ held: false, holder: { pid: holder.got.pid } });
    await endHolder(holder.holder);

    // A lock naming a live pid, with no process start and untouched for an hour: its holder is gone (it would have refreshed it).
    fs.writeFileSync(
      lockFileOf(dir),
      JSON.stringify({ pid: sleeper(), kind: 'cli', since: longAgo.toISOString(), token: 'gone', processStart: null }),
    );
    fs.utimesSync(lockFileOf(dir), longAgo, longAgo);
    const taken = tryLock(dir, 'cli');
    expect(taken.held).toBe(true);
    taken.release();
  });

  it('an unwritable place for the lock gives no lock and the reason, never a throw', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const lock = await acquireAppLock(path.join(dir, 'file', 'data'));
    expect(lock).toMatchObject({ held: false, problem: 'ENOTDIR' });
  });
});

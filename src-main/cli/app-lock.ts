// The data dir's writer lock (`<dataDir>/app.lock`): one process at a time writes the app's JSON files; the desktop app holds it while it runs, the CLI while it may write.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Who holds the lock: the desktop app for its whole run, or the CLI for one command. */
export type LockKind = 'app' | 'cli';

/** The lock file's content. */
export interface LockHolder {
  pid: number;
  kind: LockKind;
  /** When it was taken (ISO time). */
  since: string;
  /** Unique per taking: tells our lock from a later one with the same pid. */
  token: string;
}

/** A lock as one process sees it after trying to take it. */
export interface AppLock {
  readonly file: string;
  /** True when this process holds it. */
  readonly held: boolean;
  /** The live process holding it, when this one does not. */
  readonly holder: LockHolder | null;
  /** The errno code when the data dir could not hold a lock file (read-only disk...): nobody can write there then. */
  readonly problem: string | null;
  /** True while the file still names this process (a lock taken over after a long wait no longer does). */
  stillHeld(): boolean;
  /** Deletes the file if it is still ours. */
  release(): void;
}

/** How liveness and time are checked; real by default, injectable for tests. */
export interface LockOptions {
  pid?: number;
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
}

/** The lock file of a data dir. */
export function lockFileOf(dataDir: string): string {
  return path.join(dataDir, 'app.lock');
}

/** True when a process with this pid exists (EPERM: it exists, owned by someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the holder; null when there is no file, 'unreadable' when it holds something else (being written, or damaged). */
export function readLockHolder(file: string): LockHolder | null | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'unreadable';
  }
  try {
    const doc = JSON.parse(text) as Partial<LockHolder>;
    if (typeof doc.pid === 'number' && (doc.kind === 'app' || doc.kind === 'cli') && typeof doc.token === 'string' && typeof doc.since === 'string')
      return { pid: doc.pid, kind: doc.kind, since: doc.since, token: doc.token };
  } catch {
    // not JSON: a lock being written this instant, or a damaged file
  }
  return 'unreadable';
}

/** An unreadable lock file older than this is damaged, not being written. */
const unreadableGraceMs = 2_000;

/**
 * Tries once to take the lock, without waiting. A holder whose process is gone is stale and taken over;
 * `takeOver` may declare a live holder stale too (the app does so for an older app entry: it holds Electron's single-instance lock).
 */
export function tryLock(dataDir: string, kind: LockKind, opts: LockOptions & { takeOver?: (holder: LockHolder) => boolean } = {}): AppLock {
  const file = lockFileOf(dataDir);
  const me: LockHolder = { pid: opts.pid ?? process.pid, kind, since: (opts.now?.() ?? new Date()).toISOString(), token: randomUUID() };
  const alive = opts.isAlive ?? isProcessAlive;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return unheld(file, null, errnoOf(e));
  }
  // A few rounds: each lost race (someone created or replaced the file meanwhile) is looked at again.
  for (let round = 0; round < 5; round += 1) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      return heldLock(file, me);
    } catch (e) {
      const code = errnoOf(e);
      if (code !== 'EEXIST') return unheld(file, null, code);
    }
    const holder = readLockHolder(file);
    if (holder === null) continue; // released meanwhile
    const stale = holder === 'unreadable' ? isOld(file, opts.now) : !alive(holder.pid) || holder.pid === me.pid || (opts.takeOver?.(holder) ?? false);
    if (!stale) return unheld(file, holder === 'unreadable' ? null : holder, null);
    removeIfStill(file, holder);
  }
  return unheld(file, asHolder(readLockHolder(file)), null);
}

/**
 * Takes the lock for the desktop app (call it after Electron's single-instance lock, before the stores open).
 * An older app entry is stale (only one app runs per data dir); a live CLI holder is waited for (it holds the lock for one
 * command), up to `waitForCliMs`, then taken over: that CLI checks the lock before each write and stops writing.
 * Never throws: on an unwritable data dir the lock is not held and `problem` says why (the app is read-only there anyway).
 */
export async function acquireAppLock(dataDir: string, opts: LockOptions & { waitForCliMs?: number; pollMs?: number } = {}): Promise<AppLock> {
  const waitForCliMs = opts.waitForCliMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  const started = Date.now();
  for (;;) {
    const overdue = Date.now() - started >= waitForCliMs;
    const lock = tryLock(dataDir, 'app', { ...opts, takeOver: (holder) => holder.kind === 'app' || overdue });
    if (lock.held || lock.problem || overdue) return lock;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Releases a lock taken by acquireAppLock or tryLock (nothing happens if it was not held, or was taken over). */
export function releaseAppLock(lock: AppLock): void {
  lock.release();
}

function heldLock(file: string, me: LockHolder): AppLock {
  const stillHeld = (): boolean => {
    const now = readLockHolder(file);
    return now !== null && now !== 'unreadable' && now.token === me.token;
  };
  return {
    file,
    held: true,
    holder: null,
    problem: null,
    stillHeld,
    release() {
      if (!stillHeld()) return;
      try {
        fs.unlinkSync(file);
      } catch {
        // gone already
      }
    },
  };
}

function unheld(file: string, holder: LockHolder | null, problem: string | null): AppLock {
  return { file, held: false, holder, problem, stillHeld: () => false, release: () => undefined };
}

/** Removes a stale lock only if the file is still that stale lock: moved aside first (atomic), checked, and put back if it was a fresh one. */
function removeIfStill(file: string, stale: LockHolder | 'unreadable'): void {
  const aside = `${file}.stale-${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // gone or replaced meanwhile: the next round looks again
  }
  const moved = readLockHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : moved !== null && moved !== 'unreadable' && moved.token === stale.token;
  if (!same) {
    // We moved someone's fresh lock: put it back unless yet another one was taken meanwhile.
    try {
      fs.linkSync(aside, file);
    } catch {
      // another process holds the lock now; the fresh one we moved is lost to its owner, whose stillHeld() says so
    }
  }
  try {
    fs.unlinkSync(aside);
  } catch {
    // already removed
  }
}

function isOld(file: string, now: (() => Date) | undefined): boolean {
  try {
    return (now?.() ?? new Date()).getTime() - fs.statSync(file).mtimeMs > unreadableGraceMs;
  } catch {
    return false;
  }
}

function asHolder(h: LockHolder | null | 'unreadable'): LockHolder | null {
  return h === null || h === 'unreadable' ? null : h;
}

function errnoOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'EUNKNOWN';
}

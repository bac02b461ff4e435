// The data dir's writer lock (`<dataDir>/app.lock`): one process at a time writes the app's JSON files; the desktop app holds it while it runs, the CLI while it may write.
//
// What `app.lock` means (security.md 43):
// - Whoever holds it is the only writer of the data dir's JSON files. The desktop app takes it at start-up (after Electron's
//   single-instance lock, before the stores open) and keeps it until it quits; the CLI takes it for one command when it is free
//   and checks it still holds it before every write. A CLI that finds it held works on a private copy and says so.
// - The file is JSON: `{pid, kind: "app"|"cli", since, token, processStart}`, created with O_EXCL (mode 0600). `token` is new for
//   each taking, so a holder tells its own lock from a later one; `processStart` says which process had `pid` (process-start.ts:
//   Linux boot id + /proc/<pid>/stat field 22, macOS `ps -o lstart=`), or null where Node cannot read one (Windows).
// - A lock is stale, and taken over, when its pid is gone; when the process that has its pid now started at another time (the
//   holder died and the pid was reused, after a crash or a reboot); when it names this very pid; or, with no processStart,
//   when the file's time is older than staleAfterMs (a holder without a process start touches the file every heartbeatMs, so only
//   a dead or long-suspended one misses that). A start that cannot be read for a live pid counts as the holder's (never steal on doubt).
// - An unreadable file (being written this instant, or damaged) is stale once older than 2 s.
// - Taking over moves the stale file aside atomically and checks it was the stale one, so of several processes racing for a
//   stale lock exactly one wins. The app also takes an older app entry at once (only one app runs per data dir), and takes a live
//   CLI's lock after waiting for it (10 s); that CLI's next write sees the lock is no longer its own and is refused.
// - Release deletes the file only if it still holds this taking's token.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ownProcessStart, processStartOf } from './process-start';

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
  /** Which process had `pid` (see process-start.ts); null where the system gives none (the holder then keeps the file's time fresh). */
  processStart: string | null;
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
  /** A process's start (default: process-start.ts); this process's own is asked with its pid. */
  startOf?: (pid: number) => string | null;
  now?: () => Date;
  /** How often a holder with no process start touches the file (default 60 s). */
  heartbeatMs?: number;
}

/** How often a holder without a process start refreshes the lock file's time. */
export const lockHeartbeatMs = 60_000;
/** A lock with no process start whose file is older than this is stale: its holder would have refreshed it (5 heartbeats). */
export const lockStaleAfterMs = 5 * lockHeartbeatMs;

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
    if (typeof doc.pid === 'number' && (doc.kind === 'app' || doc.kind === 'cli') && typeof doc.token === 'string' && typeof doc.since === 'string') {
      // A lock written before processStart existed has none: it is judged like one from a system that gives none.
      const processStart = typeof doc.processStart === 'string' && doc.processStart !== '' ? doc.processStart : null;
      return { pid: doc.pid, kind: doc.kind, since: doc.since, token: doc.token, processStart };
    }
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
  const pid = opts.pid ?? process.pid;
  const startOf = opts.startOf ?? processStartOf;
  const processStart = opts.startOf ? opts.startOf(pid) : pid === process.pid ? ownProcessStart() : processStartOf(pid);
  const me: LockHolder = { pid, kind, since: (opts.now?.() ?? new Date()).toISOString(), token: randomUUID(), processStart };
  const isStale = (holder: LockHolder): boolean =>
    holder.pid === me.pid ||
    !holderIsLive(file, holder, { isAlive: opts.isAlive ?? isProcessAlive, startOf, now: opts.now }) ||
    (opts.takeOver?.(holder) ?? false);
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
      return heldLock(file, me, opts.heartbeatMs ?? lockHeartbeatMs);
    } catch (e) {
      const code = errnoOf(e);
      if (code !== 'EEXIST') return unheld(file, null, code);
    }
    const holder = readLockHolder(file);
    if (holder === null) continue; // released meanwhile
    const stale = holder === 'unreadable' ? olderThan(file, unreadableGraceMs, opts.now) : isStale(holder);
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

/**
 * True while the holder's process runs: its pid exists and, when the lock records a process start, the process with that pid
 * started then (else the pid was reused); with no process start, while the file was refreshed within lockStaleAfterMs.
 */
function holderIsLive(
  file: string,
  holder: LockHolder,
  how: { isAlive: (pid: number) => boolean; startOf: (pid: number) => string | null; now: (() => Date) | undefined },
): boolean {
  if (!how.isAlive(holder.pid)) return false;
  if (holder.processStart === null) return !olderThan(file, lockStaleAfterMs, how.now);
  const startNow = how.startOf(holder.pid);
  return startNow === null || startNow === holder.processStart;
}

function heldLock(file: string, me: LockHolder, heartbeatMs: number): AppLock {
  const stillHeld = (): boolean => {
    const now = readLockHolder(file);
    return now !== null && now !== 'unreadable' && now.token === me.token;
  };
  // No process start to be known by: the file's time says the holder is alive.
  const heartbeat = me.processStart === null ? setInterval(() => touchIfHeld(file, stillHeld), heartbeatMs) : null;
  heartbeat?.unref();
  return {
    file,
    held: true,
    holder: null,
    problem: null,
    stillHeld,
    release() {
      if (heartbeat) clearInterval(heartbeat);
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

/** True when the file was last written more than `ms` ago. */
function olderThan(file: string, ms: number, now: (() => Date) | undefined): boolean {
  try {
    return (now?.() ?? new Date()).getTime() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

function touchIfHeld(file: string, stillHeld: () => boolean): void {
  try {
    if (stillHeld()) fs.utimesSync(file, new Date(), new Date());
  } catch {
    // gone or unwritable: the next beat tries again; the lock's owner learns through stillHeld()
  }
}

function asHolder(h: LockHolder | null | 'unreadable'): LockHolder | null {
  return h === null || h === 'unreadable' ? null : h;
}

function errnoOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'EUNKNOWN';
}

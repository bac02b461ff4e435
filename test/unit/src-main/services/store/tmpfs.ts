// A real small file system for the store tests: a tmpfs that can be filled to the brim or remounted read-only (needs root).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Why tmpfs tests cannot run here (one line), or null when they can. */
export const tmpfsSkipReason: string | null = findSkipReason();

function findSkipReason(): string | null {
  if (process.platform !== 'linux') return 'tmpfs tests need Linux';
  if (process.getuid?.() !== 0) return 'tmpfs tests need root (mount -t tmpfs); skipped';
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `tmpfs tests cannot mount here (${String((e as Error).message).split('\n')[0]}); skipped`;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** A mounted tmpfs of `size` (e.g. "1m"); call `unmount` in afterEach. */
export function mountTmpfs(size = '1m'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  return dir;
}

/** Fills the file system holding `dir` until a single byte more cannot be written (ENOSPC). */
export function fillToTheBrim(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler.bin'), 'w');
  try {
    for (const chunk of [Buffer.alloc(64 * 1024), Buffer.alloc(4096), Buffer.alloc(1)]) {
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  const check = fs.openSync(path.join(dir, 'filler-check.bin'), 'w');
  try {
    fs.writeSync(check, Buffer.alloc(1));
    throw new Error('the tmpfs still has room after filling it');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(check);
  }
}

/** Remounts the tmpfs read-only (chmod does not stop root; a read-only mount does). */
export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
}

/** Unmounts (lazily if busy) and removes the mount point. */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
  fs.rmdirSync(dir);
}

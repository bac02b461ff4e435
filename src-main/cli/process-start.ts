// A process's start, as a string that differs between two processes that had the same pid: tells a lock's holder from a later process given its pid.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The start of the process with this pid, or null when the system offers none that Node can read without a native module:
 * - Linux: `linux:<boot id>:<start time>`, the start time being field 22 of `/proc/<pid>/stat` (clock ticks since boot) and the
 *   boot id `/proc/sys/kernel/random/boot_id` (so a pid reused after a reboot differs too);
 * - macOS: `darwin:<lstart>` from `ps -o lstart= -p <pid>` (to the second), run with `LC_ALL=C TZ=UTC` so that the app started from
 *   the Finder and a CLI started from a terminal write the same text;
 * - Windows and others: null (see app-lock.ts: the holder then keeps the lock file's time fresh).
 * Null as well when the process is gone or cannot be read.
 */
export function processStartOf(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') return linuxStartOf(pid);
  if (process.platform === 'darwin') return darwinStartOf(pid);
  return null;
}

let ownStart: string | null | undefined;

/** This process's start (read once: it does not change). */
export function ownProcessStart(): string | null {
  ownStart ??= processStartOf(process.pid);
  return ownStart;
}

function linuxStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses, which may hold spaces and ')': count the fields after the last ')'.
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = afterName[22 - 3];
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return startTicks !== undefined && /^\d+$/.test(startTicks) && bootId !== '' ? `linux:${bootId}:${startTicks}` : null;
  } catch {
    return null;
  }
}

function darwinStartOf(pid: number): string | null {
  try {
    const lstart = execFileSync('/bin/ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' },
    }).trim();
    return lstart === '' ? null : `darwin:${lstart}`;
  } catch {
    return null; // no such process (ps exits 1), or ps could not run
  }
}

// A separate process for the lock tests: takes the data dir lock (as the CLI, or as the app), prints what it got, holds it until stdin ends.
// Usage: node --import tsx lock-holder.ts <dataDir> cli|app [waitForCliMs]
// LOCK_HOLDER_NO_IDENTITY=1 makes it a holder on a system without a readable process start (Windows): it then keeps the
// lock file's time fresh every LOCK_HOLDER_HEARTBEAT_MS instead.
import { acquireAppLock, tryLock, type AppLock, type LockOptions } from '../../../../src-main/cli/app-lock';

const [dataDir, mode, wait] = process.argv.slice(2);
if (!dataDir || (mode !== 'cli' && mode !== 'app')) throw new Error('usage: lock-holder.ts <dataDir> cli|app [waitForCliMs]');
const opts: LockOptions = {
  ...(process.env['LOCK_HOLDER_NO_IDENTITY'] === '1' ? { startOf: () => null } : {}),
  ...(process.env['LOCK_HOLDER_HEARTBEAT_MS'] ? { heartbeatMs: Number(process.env['LOCK_HOLDER_HEARTBEAT_MS']) } : {}),
};
const lock: AppLock =
  mode === 'app' ? await acquireAppLock(dataDir, { ...opts, waitForCliMs: Number(wait ?? 10_000), pollMs: 20 }) : tryLock(dataDir, 'cli', opts);
process.stdout.write(`${JSON.stringify({ pid: process.pid, held: lock.held, holder: lock.holder })}\n`);
process.stdin.on('data', (chunk: Buffer) => {
  // "check": answers whether the lock is still ours (a CLI lock taken over by the app is not).
  if (chunk.toString().includes('check')) process.stdout.write(`${JSON.stringify({ stillHeld: lock.stillHeld() })}\n`);
});
process.stdin.on('end', () => {
  lock.release();
  process.exit(0);
});

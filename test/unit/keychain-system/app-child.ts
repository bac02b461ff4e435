// A separate process playing the desktop app for the channel tests: the web host's services on a data dir with the system keychain,
// the writer lock, the command line's channel. Prints {"pid"} once open, then one line per keys:did-change event; exits when stdin ends.
// Usage: node --import tsx app-child.ts <dataDir>
import { acquireAppLock } from '../../../src-main/cli/app-lock';
import { openAppChannel } from '../../../src-main/services/app-channel/channel-server';
import { createHostServices } from '../../web-host/host-services';
import { MemoryClipboard } from '../src-main/helpers';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: app-child.ts <dataDir>');
const lock = await acquireAppLock(dataDir);
const services = await createHostServices({ dataDir, keychain: 'system', clipboard: new MemoryClipboard() });
const channel = await openAppChannel({ dataDir, services });
services.events.subscribe((name, payload) => {
  if (name === 'keys:did-change') {
    const view = (payload as { view: { list: { keys: { id: string; name: string }[] } | null } }).view;
    process.stdout.write(`${JSON.stringify({ event: name, keys: view.list?.keys.map((k) => k.name) ?? [] })}\n`);
  }
});
process.stdout.write(`${JSON.stringify({ pid: process.pid, held: lock.held, channel: channel !== null })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void channel?.close().then(() => {
    lock.release();
    process.exit(0);
  });
});

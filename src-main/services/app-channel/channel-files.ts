// Where the running app's command-line channel is: a 0700 folder in the data dir holding `channel.json` (0600: the socket's address
// and this run's token) and, on Unix, the socket itself. Only the user who owns the data dir can reach either.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the app writes for the command line to find it (`channel.json`). */
export interface ChannelDescriptor {
  pid: number;
  /** A Unix socket path, or a Windows named pipe (`\\.\pipe\...`). */
  address: string;
  /** New for each run of the app; the command line sends it first, anyone without it is refused. */
  token: string;
}

/** The channel's folder in a data dir. */
export function channelDirOf(dataDir: string): string {
  return path.join(dataDir, 'cli-channel');
}

/** The descriptor file in the channel's folder. */
export function descriptorFileOf(dataDir: string): string {
  return path.join(channelDirOf(dataDir), 'channel.json');
}

/** Longest Unix socket path every system takes (sun_path is 104 bytes on macOS, 108 on Linux). */
const maxSocketPath = 100;

/** The socket's address: in the 0700 channel folder, or (a data dir with a very long path) a new 0700 temp folder. */
export function socketAddressFor(dataDir: string, unique: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\cloudmc-credentials-${unique}`;
  const inFolder = path.join(channelDirOf(dataDir), 'app.sock');
  if (Buffer.byteLength(inFolder) <= maxSocketPath) return inFolder;
  const dir = fs.mkdtempSync(path.join(process.env['XDG_RUNTIME_DIR'] || os.tmpdir(), 'cloudmc-ch-'));
  fs.chmodSync(dir, 0o700);
  return path.join(dir, 'app.sock');
}

/** True when `file` is owned by this user and gives nothing to group or others (always true on Windows: the data dir's ACL rules there). */
export function privateToUser(file: string, kind: 'dir' | 'file' | 'socket'): boolean {
  if (process.platform === 'win32') return true;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return false;
  }
  const typeOk = kind === 'dir' ? st.isDirectory() : kind === 'file' ? st.isFile() : st.isSocket();
  return typeOk && st.uid === process.getuid?.() && (st.mode & 0o077) === 0;
}

/** Creates (or makes private again) the channel's folder; false when it belongs to someone else. */
export function prepareChannelDir(dataDir: string): boolean {
  const dir = channelDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return true;
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid?.()) return false;
  fs.chmodSync(dir, 0o700);
  return true;
}

/** Writes the descriptor atomically, 0600. */
export function writeDescriptor(dataDir: string, descriptor: ChannelDescriptor): void {
  const file = descriptorFileOf(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(descriptor), { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** The descriptor when it is there, private to this user and well formed; null otherwise. */
export function readDescriptor(dataDir: string): ChannelDescriptor | null {
  const file = descriptorFileOf(dataDir);
  if (!privateToUser(channelDirOf(dataDir), 'dir') || !privateToUser(file, 'file')) return null;
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ChannelDescriptor>;
    if (typeof doc.pid === 'number' && typeof doc.address === 'string' && typeof doc.token === 'string' && doc.token.length >= 32)
      return { pid: doc.pid, address: doc.address, token: doc.token };
  } catch {
    // being replaced, or damaged: no channel
  }
  return null;
}

/** Removes the descriptor if it is still this run's (a later app may have written its own). */
export function removeDescriptor(dataDir: string, token: string): void {
  const file = descriptorFileOf(dataDir);
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ChannelDescriptor>;
    if (doc.token === token) fs.unlinkSync(file);
  } catch {
    // gone already
  }
}

// A D-Bus session bus and a gnome-keyring-daemon of the test's own, so a test may stop, continue or lock the very daemon it started.
// The bus has no service directories: nothing is D-Bus-activated behind the test's back (no second keyring daemon, no prompter).
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running private Secret Service. */
export interface PrivateSecretService {
  /** The bus address, also set as this process's DBUS_SESSION_BUS_ADDRESS (libsecret connects to it on first use). */
  address: string;
  /** The gnome-keyring-daemon this test started (the only process it may signal). */
  daemonPid: number;
  /** Environment for tools (secret-tool, gdbus) that must talk to this bus. */
  env: NodeJS.ProcessEnv;
  /** Output of `secret-tool search --all service <service>` on this bus. */
  search(service: string): string;
  /** Locks the login collection, as a user or a screen locker would. */
  lockLogin(): Promise<void>;
  /** Continues the daemon if stopped, then ends both processes and removes their folders. */
  stop(): Promise<void>;
}

const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`;

/** Starts the bus and an unlocked gnome-keyring (login collection, password known only to the test), and points this process at it. */
export async function startPrivateSecretService(): Promise<PrivateSecretService> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-secret-service-'));
  const runtimeDir = path.join(root, 'runtime');
  const dataHome = path.join(root, 'data');
  fs.mkdirSync(runtimeDir, { mode: 0o700 });
  fs.mkdirSync(dataHome);
  fs.writeFileSync(path.join(root, 'bus.conf'), busConfig);

  const children: ChildProcess[] = [];
  const bus = spawn('dbus-daemon', [`--config-file=${path.join(root, 'bus.conf')}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(bus);
  const [address] = (await Promise.race([
    once(createInterface({ input: bus.stdout! }), 'line'),
    once(bus, 'exit').then(() => ['dbus-daemon exited']),
  ])) as [string];
  if (!address.startsWith('unix:')) throw new Error(`dbus-daemon did not start: ${address}`);

  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtimeDir, XDG_DATA_HOME: dataHome };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  delete env['GNOME_KEYRING_CONTROL'];
  const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  children.push(daemon);
  daemon.stdin!.end('private-test-keyring-password');
  await run('gdbus', ['wait', '--session', '--timeout', '15', 'org.freedesktop.secrets'], { env });
  const login = await run(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      'org.freedesktop.Secret.Service.ReadAlias',
      'default',
    ],
    { env },
  );
  if (!login.stdout.includes('/collection/login')) throw new Error(`the private keyring has no login collection: ${login.stdout}`);

  process.env['DBUS_SESSION_BUS_ADDRESS'] = address;
  return {
    address,
    daemonPid: daemon.pid!,
    env,
    search(service) {
      const r = spawnSync('secret-tool', ['search', '--all', 'service', service], { env, encoding: 'utf8', timeout: 15_000 });
      if (r.error) throw r.error;
      return `${r.stdout}\n${r.stderr}`;
    },
    async lockLogin() {
      await run(
        'gdbus',
        [
          'call',
          '--session',
          '--dest',
          'org.freedesktop.secrets',
          '--object-path',
          '/org/freedesktop/secrets',
          '--method',
          'org.freedesktop.Secret.Service.Lock',
          "['/org/freedesktop/secrets/collection/login']",
        ],
        { env },
      );
    },
    async stop() {
      for (const child of children.reverse()) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        const exited = once(child, 'exit');
        if (child === daemon) child.kill('SIGCONT');
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

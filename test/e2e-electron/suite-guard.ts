// Decides whether the Electron scenarios may run on this machine, and if not, says why in one line.
import { electronBinary } from './electron-binary';

/** The variable test/with-secret-service.sh exports: the address of the private D-Bus session it started. */
export const privateBusMarker = 'CLOUDMC_PRIVATE_SECRET_SERVICE_BUS';

/** Why the scenarios cannot run outside the private keychain. */
export const publicKeychainReason =
  'Electron scenarios write to the keychain: run them inside `bash test/with-secret-service.sh` (private D-Bus and gnome-keyring), never against your own';

/** Why the scenarios cannot run without a display on Linux. */
export const noDisplayReason = 'No display for Electron windows: set DISPLAY, e.g. run under `xvfb-run -a`';

/** True when DBUS_SESSION_BUS_ADDRESS is the private bus test/with-secret-service.sh started (it exports the marker). */
export function onPrivateSecretService(env: NodeJS.ProcessEnv = process.env): boolean {
  const bus = env['DBUS_SESSION_BUS_ADDRESS'];
  return Boolean(bus) && env[privateBusMarker] === bus;
}

/** The first thing that stops the scenarios here (binary, private keychain, display), or null when they can run. */
export function suiteBlocker(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const binary = electronBinary(undefined, env, platform);
  if (binary.path === null) return binary.reason;
  if (!onPrivateSecretService(env)) return publicKeychainReason;
  if (platform === 'linux' && !env['DISPLAY']) return noDisplayReason;
  return null;
}

/** The executable, once suiteBlocker() said null. */
export function electronExecutable(): string {
  const binary = electronBinary();
  if (binary.path === null) throw new Error(binary.reason);
  return binary.path;
}

/** Chromium refuses to start as root with its sandbox on: only then is `--no-sandbox` passed. */
export const runningAsRoot = process.getuid?.() === 0;

// Decides whether the Electron scenarios may run on this machine, and if not, says why in one line; where they are required
// (the release workflow), a scenario that cannot run fails instead of skipping.
import fs from 'node:fs';
import path from 'node:path';
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

/** What stops any Electron run here besides the binary: the private keychain, a display on Linux. */
function environmentBlocker(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (!onPrivateSecretService(env)) return publicKeychainReason;
  if (platform === 'linux' && !env['DISPLAY']) return noDisplayReason;
  return null;
}

/** The first thing that stops the scenarios here (binary, private keychain, display), or null when they can run. */
export function suiteBlocker(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const binary = electronBinary(undefined, env, platform);
  if (binary.path === null) return binary.reason;
  return environmentBlocker(env, platform);
}

/** The variable naming the packaged app's executable to smoke-test (the release workflow's Linux job sets it after electron-builder). */
export const packagedAppVariable = 'CLOUDMC_PACKAGED_APP';

/** The packaged executable named by CLOUDMC_PACKAGED_APP (relative to the checkout), or null. */
export function packagedExecutable(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env[packagedAppVariable];
  return named ? path.resolve(import.meta.dirname, '../..', named) : null;
}

/** The first thing that stops the packaged-app smoke test here, or null when it can run. */
export function packagedBlocker(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const executable = packagedExecutable(env);
  if (executable === null)
    return `No packaged app to smoke-test: set ${packagedAppVariable} to its executable (e.g. dist/linux-unpacked/cloudmc-credentials)`;
  if (!fs.existsSync(executable)) return `${packagedAppVariable} names no file: ${executable}`;
  return environmentBlocker(env, platform);
}

/** The variable the release workflow sets: there a scenario that cannot run fails the run, so a run where every scenario skipped is not green. */
export const requireScenariosVariable = 'CLOUDMC_REQUIRE_ELECTRON';

/** Run the scenarios, skip them with the reason, or (where they are required) fail with it. */
export function suiteDecision(blocker: string | null, env: NodeJS.ProcessEnv = process.env): 'run' | 'skip' | 'fail' {
  if (blocker === null) return 'run';
  return env[requireScenariosVariable] === '1' ? 'fail' : 'skip';
}

/** The executable, once suiteBlocker() said null. */
export function electronExecutable(): string {
  const binary = electronBinary();
  if (binary.path === null) throw new Error(binary.reason);
  return binary.path;
}

/** Chromium refuses to start as root with its sandbox on: only then is `--no-sandbox` passed. */
export const runningAsRoot = process.getuid?.() === 0;

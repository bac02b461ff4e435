// Without a D-Bus session (docs/security.md 16): the keytar keychain reports no-dbus, and the app still works with session-only access keys.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translation, uiLanguages } from '../src-main/helpers';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(import.meta.dirname, 'probe-child.ts');

describe('keytar keychain without D-Bus', () => {
  it('probes as unavailable (no-dbus) and createAppServices falls back to session keys', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    delete env['GNOME_KEYRING_CONTROL'];
    // An empty runtime dir: no `$XDG_RUNTIME_DIR/bus` socket to fall back to.
    const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-xdg-'));
    fs.chmodSync(runtimeDir, 0o700);
    env['XDG_RUNTIME_DIR'] = runtimeDir;
    const accessKey = 'no-dbus-test-access-key-5d0f2b7c9e31';
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, accessKey], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
      expect(child.error).toBeUndefined();
      expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: expect.any(String) as string });
      const line = child.stdout.trim().split('\n').at(-1) ?? '';
      const result = JSON.parse(line) as {
        env: { dbus: string | null; display: string | null };
        probe: { available: boolean; reason?: string; messageKey?: string };
        keychainStatus: { available: boolean; reason?: string };
        profile: { accessKey: string; identity: { userName: string } | null };
        refreshedCount: number;
        generated: { storedInKeychain: boolean; storeErrorCode: string | null };
        secretsOnDisk: boolean;
      };
      expect(result.env).toEqual({ dbus: null, display: null });
      expect(result.probe).toMatchObject({ available: false, reason: 'no-dbus' });
      // The UI shows $_(messageKey): it must name the no-dbus message in every shipped language.
      const messageKey = result.probe.messageKey ?? '';
      expect(messageKey).toMatch(/^keychain\.(reason\.)?no-dbus$/);
      for (const language of uiLanguages)
        expect({ language, messageKey, text: translation(language, messageKey) }).toEqual({
          language,
          messageKey,
          text: expect.any(String) as string,
        });
      expect(result.keychainStatus).toMatchObject({ available: false, reason: 'no-dbus' });
      expect(result.profile.accessKey).toBe('session');
      expect(result.profile.identity?.userName).toBe('rwilson');
      expect(result.refreshedCount).toBeGreaterThan(0);
      expect(result.generated).toEqual({ storedInKeychain: false, storeErrorCode: 'keychain-unavailable' });
      expect(result.secretsOnDisk).toBe(false);
    } finally {
      fs.rmSync(runtimeDir, { recursive: true, force: true });
    }
  });
});

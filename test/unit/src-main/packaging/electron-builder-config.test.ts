// The installer config (resources/electron-builder.config.mjs) says what issue 10 asks of each installer; the packaging proof
// (test/packaging/check-package.ts) runs electron-builder with it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../../resources/electron-builder.config.mjs';

const root = path.resolve(import.meta.dirname, '../../../..');
const exists = (p: string): boolean => fs.existsSync(path.join(root, p));
type Fpm = { depends?: string[]; afterInstall?: string; afterRemove?: string; appArmorProfile?: string };

describe('electron-builder config', () => {
  it('names the product and ships only the build output, as an asar with native modules unpacked', () => {
    expect(config.productName).toBe('CloudMC Credentials');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.files).toContain('out/**/*');
    expect((config.files as string[]).filter((f) => !f.startsWith('!'))).toEqual(['out/**/*']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('applies the fuses through the one afterPack hook', () => {
    expect(config.afterPack).toBe('resources/packaging/after-pack.mjs');
    expect(exists(config.afterPack as string)).toBe(true);
  });

  it('deb and rpm depend on libsecret and install the AppArmor profile after install', () => {
    const deb = config.deb as Fpm;
    const rpm = config.rpm as Fpm;
    expect(deb.depends).toContain('libsecret-1-0');
    expect(rpm.depends).toContain('libsecret');
    for (const fpm of [deb, rpm]) {
      for (const file of [fpm.afterInstall, fpm.afterRemove, fpm.appArmorProfile]) expect(exists(file!)).toBe(true);
    }
    const afterInstall = fs.readFileSync(path.join(root, deb.afterInstall!), 'utf8');
    expect(afterInstall).toContain('profile_target="$root/etc/apparmor.d/"\'${executable}\'');
    expect(afterInstall).toContain('apparmor_parser --replace');
    expect(fs.readFileSync(path.join(root, deb.appArmorProfile!), 'utf8')).toMatch(/abi <abi\/4\.0>[\s\S]*userns,/);
  });

  it('builds deb, rpm and AppImage on Linux, a hardened-runtime dmg on macOS, a per-user assisted nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['deb', 'rpm', 'AppImage']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(exists(config.mac!.entitlements!)).toBe(true);
    expect(config.win?.target).toBe('nsis');
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.oneClick).toBe(false);
  });

  it('ships the `cloudmc` command in resources/bin: the shell launcher on Linux and macOS, the .cmd shim with its PATH include on Windows', () => {
    const launcher = { from: 'resources/packaging/bin/cloudmc', to: 'bin/cloudmc' };
    expect(config.linux?.extraResources).toEqual([launcher]);
    expect(config.mac?.extraResources).toEqual([launcher]);
    expect(config.win?.extraResources).toEqual([{ from: 'resources/packaging/bin/cloudmc.cmd', to: 'bin/cloudmc.cmd' }]);
    expect(config.nsis?.include).toBe('resources/packaging/win/installer.nsh');
    for (const file of ['resources/packaging/bin/cloudmc', 'resources/packaging/bin/cloudmc.cmd', config.nsis!.include!])
      expect(exists(file)).toBe(true);
    expect(fs.statSync(path.join(root, launcher.from)).mode & 0o111).not.toBe(0);
  });

  it('has an icon for each OS, generated from the SVG source', () => {
    expect(exists('resources/icons/icon.svg')).toBe(true);
    for (const icon of [config.mac!.icon!, config.win!.icon!, 'resources/icons/png/512x512.png', 'resources/icons/png/16x16.png'])
      expect(exists(icon)).toBe(true);
    expect(fs.readFileSync(path.join(root, config.win!.icon!)).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // ICO header
    expect(fs.readFileSync(path.join(root, config.mac!.icon!)).subarray(0, 4).toString('latin1')).toBe('icns');
  });

  it('publishes to GitHub Releases, the feed electron-updater reads (app-update.yml in the app, latest*.yml beside the installers)', () => {
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'release' }]);
    // electron-updater installs a zip on macOS (Squirrel.Mac), an nsis installer on Windows, an AppImage on Linux.
    expect(config.mac?.target).toContain('zip');
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toContain('AppImage');
  });
});

// Fuses (docs/security.md 9): the config flipped into a fake Electron binary, then read back with @electron/fuses' own reader; the afterPack hook does the same.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFuses, fuseSettings, packagedBinaryPath } from '../../../../src-main/packaging/fuses';
import { makeTempDir, removeTempDir } from '../helpers';

/** The marker @electron/fuses looks for (node_modules/@electron/fuses/dist/constants.js). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;

/** Electron's defaults for the 8 known fuses, plus a 9th one this @electron/fuses does not know, as newer Electrons ship. */
const electronDefaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];

/** Random bytes, then sentinel + wire version 1 + wire length + one state byte per fuse, then more random bytes. */
function fakeElectronBinary(file: string, states = electronDefaults): void {
  fs.writeFileSync(
    file,
    Buffer.concat([randomBytes(4096), Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, states.length, ...states]), randomBytes(4096)]),
  );
}

const byName = (wire: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(fuseSettings).map((i) => [FuseV1Options[Number(i)], wire[i] === ON ? 'on' : wire[i] === OFF ? 'off' : wire[i]]));

const expected = {
  RunAsNode: 'off',
  EnableCookieEncryption: 'on',
  EnableNodeOptionsEnvironmentVariable: 'off',
  EnableNodeCliInspectArguments: 'off',
  EnableEmbeddedAsarIntegrityValidation: 'on',
  OnlyLoadAppFromAsar: 'on',
  LoadBrowserProcessSpecificV8Snapshot: 'off',
  GrantFileProtocolExtraPrivileges: 'off',
};

let dir: string;
beforeAll(() => {
  dir = makeTempDir('cmc-fuses-');
});
afterAll(() => removeTempDir(dir));

describe('fuse configuration', () => {
  it('names every fuse @electron/fuses knows, with the states of security.md 9', () => {
    expect(Object.keys(fuseSettings).length).toBe(Object.keys(FuseV1Options).length / 2);
    expect(Object.fromEntries(Object.entries(fuseSettings).map(([i, on]) => [FuseV1Options[Number(i)], on ? 'on' : 'off']))).toEqual(expected);
  });
});

describe('applyFuses on a fake Electron binary', () => {
  it('the wire read back has each fuse in its intended state', async () => {
    const file = path.join(dir, 'electron');
    fakeElectronBinary(file);
    expect(byName((await getCurrentFuseWire(file)) as unknown as Record<string, unknown>)).not.toEqual(expected); // Electron's defaults differ
    await applyFuses(file);
    const wire = (await getCurrentFuseWire(file)) as unknown as Record<string, unknown>;
    expect(wire['version']).toBe('1');
    expect(byName(wire)).toEqual(expected);
    expect(wire['8']).toBe(ON); // a fuse newer than the config keeps Electron's default
  });

  it('only the fuse bytes change; the rest of the binary is left as it was', async () => {
    const file = path.join(dir, 'electron-bytes');
    fakeElectronBinary(file);
    const before = fs.readFileSync(file);
    await applyFuses(file);
    const after = fs.readFileSync(file);
    expect(after.length).toBe(before.length);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    for (const i of changed) expect(i >= wireStart && i < wireStart + 8).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('is idempotent', async () => {
    const file = path.join(dir, 'electron-twice');
    fakeElectronBinary(file);
    await applyFuses(file);
    await applyFuses(file);
    expect(byName((await getCurrentFuseWire(file)) as unknown as Record<string, unknown>)).toEqual(expected);
  });

  it('throws on a file that is not an Electron binary', async () => {
    const file = path.join(dir, 'not-electron');
    fs.writeFileSync(file, randomBytes(1024));
    await expect(applyFuses(file)).rejects.toThrow(/sentinel/);
  });

  it('throws on a fuse wire of another version', async () => {
    const file = path.join(dir, 'electron-v2');
    fs.writeFileSync(file, Buffer.concat([randomBytes(64), Buffer.from(SENTINEL, 'ascii'), Buffer.from([2, 8, ...electronDefaults.slice(0, 8)])]));
    await expect(applyFuses(file)).rejects.toThrow(/version/);
  });
});

describe('packagedBinaryPath', () => {
  it.each([
    ['linux', '/out/linux-unpacked/cloudmc-credentials'],
    ['win32', '/out/linux-unpacked/CloudMC Credentials.exe'],
    ['darwin', '/out/linux-unpacked/CloudMC Credentials.app'],
    ['mas', '/out/linux-unpacked/CloudMC Credentials.app'],
  ])('%s → %s', (platform, file) => {
    expect(packagedBinaryPath('/out/linux-unpacked', platform, 'CloudMC Credentials', 'cloudmc-credentials')).toBe(file);
  });
});

describe('the electron-builder afterPack hook (resources/packaging/after-pack.mjs)', () => {
  it('flips the fuses of the packaged Linux executable', async () => {
    const appOutDir = path.join(dir, 'linux-unpacked');
    fs.mkdirSync(appOutDir);
    const binary = path.join(appOutDir, 'cloudmc-credentials');
    fakeElectronBinary(binary);
    const hook = pathToFileURL(path.resolve(import.meta.dirname, '../../../../resources/packaging/after-pack.mjs')).href;
    const { default: afterPack } = (await import(hook)) as { default: (ctx: unknown) => Promise<void> };
    await afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'cloudmc-credentials', appInfo: { productFilename: 'CloudMC Credentials' } },
    });
    expect(byName((await getCurrentFuseWire(binary)) as unknown as Record<string, unknown>)).toEqual(expected);
  });
});

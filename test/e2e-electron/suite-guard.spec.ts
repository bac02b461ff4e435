// The harness's own rules, run everywhere (no Electron needed): where the binary is found, and when the scenarios refuse to run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { binaryMissingReason, electronBinary } from './electron-binary';
import { connectToPage, launchWithDevTools } from './packaged/packaged-app';
import {
  noDisplayReason,
  packagedAppVariable,
  packagedBlocker,
  packagedExecutable,
  privateBusMarker,
  publicKeychainReason,
  requireScenariosVariable,
  runningAsRoot,
  suiteBlocker,
  suiteDecision,
} from './suite-guard';

const made: string[] = [];
test.afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for node_modules/electron: index.js would download if required, so it throws instead. */
function fakePackage(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-electron-pkg-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'index.js'), 'throw new Error("index.js was required: it downloads");\n');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('scenarios skipped on every fresh machine: a fetched binary is found from path.txt, or from a populated dist/ without it', () => {
  const withPathTxt = fakePackage({ 'path.txt': 'electron', 'dist/electron': '' });
  expect(electronBinary(withPathTxt, {}, 'linux')).toEqual({ path: path.join(withPathTxt, 'dist/electron'), reason: null });
  const distOnly = fakePackage({ 'dist/electron': '' });
  expect(electronBinary(distOnly, {}, 'linux')).toEqual({ path: path.join(distOnly, 'dist/electron'), reason: null });
  const mac = fakePackage({ 'dist/Electron.app/Contents/MacOS/Electron': '' });
  expect(electronBinary(mac, {}, 'darwin').path).toBe(path.join(mac, 'dist/Electron.app/Contents/MacOS/Electron'));
  const override = fakePackage({ 'elsewhere/electron': '' });
  expect(
    electronBinary(fakePackage({ 'path.txt': 'electron' }), { ELECTRON_OVERRIDE_DIST_PATH: path.join(override, 'elsewhere') }, 'linux').path,
  ).toBe(path.join(override, 'elsewhere/electron'));
});

test('a machine without the binary gets one line saying how to fetch it, and nothing is downloaded', () => {
  const empty = fakePackage({});
  expect(electronBinary(empty, {}, 'linux')).toEqual({ path: null, reason: binaryMissingReason });
  expect(electronBinary(fakePackage({ 'path.txt': 'electron' }), {}, 'linux')).toEqual({ path: null, reason: binaryMissingReason });
  expect(binaryMissingReason).toBe("Electron's binary is not installed here: run `npx install-electron` (needs internet)");
  expect(binaryMissingReason).not.toContain('\n');
  expect(fs.readdirSync(empty)).toEqual(['index.js']); // no dist/, no path.txt: nothing was fetched or written
});

test('scenarios wrote to the real OS keychain: they refuse any bus but the private one test/with-secret-service.sh started', () => {
  // Only the order of the checks is under test here: pretend the binary is present through the override.
  const pkg = fakePackage({ 'dist/electron': '' });
  const env = { ELECTRON_OVERRIDE_DIST_PATH: path.join(pkg, 'dist'), DISPLAY: ':99' };
  const blocker = (extra: Record<string, string>): string | null => suiteBlocker({ ...env, ...extra }, 'linux');
  expect(blocker({})).toBe(publicKeychainReason);
  expect(blocker({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe(publicKeychainReason);
  expect(blocker({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus', [privateBusMarker]: 'unix:path=/tmp/dbus-private' })).toBe(
    publicKeychainReason,
  );
  expect(blocker({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/dbus-private', [privateBusMarker]: 'unix:path=/tmp/dbus-private' })).toBeNull();
});

test('the second instance failed without an X server: on Linux, no DISPLAY is a one-line skip', () => {
  const pkg = fakePackage({ 'dist/electron': '' });
  const env = {
    ELECTRON_OVERRIDE_DIST_PATH: path.join(pkg, 'dist'),
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/b',
    [privateBusMarker]: 'unix:path=/tmp/b',
  };
  expect(suiteBlocker(env, 'linux')).toBe(noDisplayReason);
  expect(suiteBlocker({ ...env, DISPLAY: ':99' }, 'linux')).toBeNull();
  for (const reason of [noDisplayReason, publicKeychainReason]) expect(reason).not.toContain('\n');
});

test('the private secret-service script exports the marker these scenarios check', async () => {
  const script = fs.readFileSync(path.resolve(import.meta.dirname, '../with-secret-service.sh'), 'utf8');
  expect(script).toContain(`export ${privateBusMarker}="$DBUS_SESSION_BUS_ADDRESS"`);
});

test('a run that requires the scenarios (the release workflow) fails where they cannot run; elsewhere they skip', () => {
  expect(suiteDecision(null, { [requireScenariosVariable]: '1' })).toBe('run');
  expect(suiteDecision(binaryMissingReason, {})).toBe('skip');
  expect(suiteDecision(binaryMissingReason, { [requireScenariosVariable]: '1' })).toBe('fail');
  expect(suiteDecision(binaryMissingReason, { [requireScenariosVariable]: '0' })).toBe('skip');
});

test('the packaged-app smoke test names what it needs: the executable, then the private keychain and a display', () => {
  const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/b', [privateBusMarker]: 'unix:path=/tmp/b', DISPLAY: ':99' };
  expect(packagedBlocker(bus, 'linux')).toMatch(/^No packaged app to smoke-test: set CLOUDMC_PACKAGED_APP/);
  expect(packagedBlocker({ ...bus, [packagedAppVariable]: 'dist/nothing-here' }, 'linux')).toMatch(
    /^CLOUDMC_PACKAGED_APP names no file: .*dist\/nothing-here$/,
  );
  const executable = path.join(fakePackage({ 'cloudmc-credentials': '' }), 'cloudmc-credentials');
  expect(packagedExecutable({ [packagedAppVariable]: executable })).toBe(executable);
  expect(packagedBlocker({ ...bus, [packagedAppVariable]: executable }, 'linux')).toBeNull();
  expect(packagedBlocker({ [packagedAppVariable]: executable }, 'linux')).toBe(publicKeychainReason);
});

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

test('the packaged smoke test reaches a window over DevTools (proven on Debian Chromium, where Electron cannot be had)', async () => {
  test.skip(!fs.existsSync(chromiumPath), `no Chromium at ${chromiumPath}`);
  const profile = fakePackage({});
  const browser = await launchWithDevTools(chromiumPath, [
    '--headless=new',
    `--user-data-dir=${profile}`,
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    'data:text/html,<title>harness</title>',
  ]);
  try {
    expect(browser.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//);
    const { browser: connection, page } = await connectToPage(browser.endpoint, 'data:text/html');
    expect(await page.evaluate(() => document.title)).toBe('harness');
    await connection.close();
  } finally {
    await browser.stop();
  }
  expect(browser.child.exitCode !== null || browser.child.signalCode !== null).toBe(true);
});

// The real Electron window (docs/security.md 1, 3, 4, 5, 6, 8): sandboxed and isolated, served from app://ui with the CSP header,
// only the named bridge functions, every permission denied, navigation and popups going nowhere. Runs where Electron's binary
// exists, inside test/with-secret-service.sh and with a display; skipped otherwise with the reason, never counted as a pass.
import fs from 'node:fs';
import { expect, skipWhereTheSuiteCannotRun, test } from './fixtures';
import { runningAsRoot } from './suite-guard';
import { appStateAnswers, expectedBridgePaths, pageBridgePaths } from './bridge-shape';

skipWhereTheSuiteCannotRun();

/** docs/security.md 3, plus the three directives issue 10 added (base-uri, form-action, and frame-ancestors as a header only). */
const expectedCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

test('the window is sandboxed and context-isolated, served from app://ui with the CSP header, and reaches no network', async ({
  electronApp,
  mainWindow,
  cloudmc,
}) => {
  // No Node in the page, and the preload's world is not the page's: only the bridge crosses.
  expect(
    await mainWindow.evaluate(() =>
      ['process', 'require', 'module', 'Buffer', 'ipcRenderer', 'electron'].map((name) => typeof (globalThis as Record<string, unknown>)[name]),
    ),
  ).toEqual(Array(6).fill('undefined'));
  expect(await mainWindow.evaluate(() => document.createElement('webview').constructor.name)).not.toBe('WebViewElement');
  expect(await mainWindow.evaluate(() => location.href)).toBe('app://ui/index.html');
  const header = await electronApp.evaluate(async ({ net }) => (await net.fetch('app://ui/index.html')).headers.get('content-security-policy'));
  expect(header).toBe(expectedCsp);
  // connect-src 'none': the page cannot reach even the loopback simulator, which would record any request.
  expect(
    await mainWindow.evaluate(
      (url) =>
        fetch(url).then(
          () => 'reached',
          () => 'blocked',
        ),
      `${cloudmc.sim.endpoint}/users`,
    ),
  ).toBe('blocked');
  expect(cloudmc.sim.requests).toEqual([]);
  if (process.platform === 'linux' && !runningAsRoot) {
    // sandbox: true with Chromium's OS sandbox on (not as root): the renderer runs under a seccomp-bpf filter (an unsandboxed one would not).
    const pid = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId());
    expect(fs.readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
  }
});

test('the preload exposes the named bridge functions only, and they answer', async ({ mainWindow }) => {
  expect(await pageBridgePaths(mainWindow)).toEqual(expectedBridgePaths());
  expect(await appStateAnswers(mainWindow)).toBe(true);
});

test('permissions are denied; navigation and popups go nowhere; only allow-listed links reach the browser', async ({
  electronApp,
  mainWindow,
  stubs,
  cloudmc,
}) => {
  expect(await mainWindow.evaluate(() => Notification.requestPermission())).toBe('denied');
  expect(
    await mainWindow.evaluate(() =>
      Promise.all(['notifications', 'geolocation'].map(async (name) => (await navigator.permissions.query({ name: name as PermissionName })).state)),
    ),
  ).toEqual(['denied', 'denied']);
  // The app runs with Chromium's fake camera (launchArgs), so only the permission handler can refuse this.
  expect(
    await mainWindow.evaluate(() =>
      navigator.mediaDevices.getUserMedia({ video: true }).then(
        () => 'granted',
        (e: Error) => e.name,
      ),
    ),
  ).toBe('NotAllowedError');

  // A popup never opens a window: an allow-listed https link goes to the browser (shell.openExternal, stubbed), anything else nowhere.
  expect(await mainWindow.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await mainWindow.evaluate(() => window.open('https://docs.cloudmc.io/') === null)).toBe(true);
  await expect.poll(() => stubs.openedExternally()).toEqual(['https://docs.cloudmc.io/']);
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

  // A navigation away is cancelled in will-navigate: Electron reports it failed (aborted) and never committed, and the simulator saw nothing.
  const target = `${cloudmc.sim.origin}/elsewhere`;
  await electronApp.evaluate(({ BrowserWindow }, url) => {
    const outcome: string[] = [];
    (globalThis as unknown as { __navigation: string[] }).__navigation = outcome;
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    contents.on('did-fail-provisional-load', (_event, code, _description, failedUrl, isMainFrame) => {
      if (failedUrl === url && isMainFrame) outcome.push(`failed ${code}`);
    });
    contents.on('did-navigate', (_event, navigatedUrl) => {
      if (navigatedUrl === url) outcome.push('navigated');
    });
  }, target);
  await mainWindow.evaluate((url) => {
    location.href = url;
  }, target);
  await expect.poll(() => electronApp.evaluate(() => (globalThis as unknown as { __navigation: string[] }).__navigation)).toEqual(['failed -3']);
  expect(await mainWindow.evaluate(() => location.href)).toBe('app://ui/index.html');
  expect(cloudmc.sim.requests).toEqual([]);
});

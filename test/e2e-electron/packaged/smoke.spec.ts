// The packaged Linux app before it is published (issue 20, item 4): its own binary (fuses flipped, the asar it was packed with) starts,
// serves app://ui, adds a profile on a CloudMC simulator through its bridge, and its fuses hold: ELECTRON_RUN_AS_NODE, NODE_OPTIONS and
// --inspect do nothing; the `cloudmc` launcher runs it with no display. Runs where CLOUDMC_PACKAGED_APP names the packaged executable
// (the release workflow's Linux job); skipped elsewhere with the reason, and failed instead where the run requires it (CLOUDMC_REQUIRE_ELECTRON=1).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addProfile, childEnv, expect, skipWhereTheSuiteCannotRun, t, test } from '../fixtures';
import { packagedBlocker, packagedExecutable, runningAsRoot } from '../suite-guard';
import { packagedVersion, runPackagedCli, startPackagedApp } from './packaged-app';

skipWhereTheSuiteCannotRun(packagedBlocker());

const executable = (): string => packagedExecutable()!;

test('the packaged app starts from its own binary, serves app://ui without Node, and adds a profile on CloudMC', async ({ cloudmc, userDataDir }) => {
  const app = await startPackagedApp(executable(), userDataDir);
  try {
    const { page } = app;
    expect(page.url()).toBe('app://ui/index.html');
    expect(await page.evaluate(() => ['process', 'require', 'module'].map((name) => typeof (globalThis as Record<string, unknown>)[name]))).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(await page.evaluate(() => typeof (window as unknown as { cloudmc?: unknown }).cloudmc)).toBe('object');
    await addProfile(page, cloudmc);
    await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
    expect(cloudmc.sim.requests.length).toBeGreaterThan(0); // main reached the simulator for the new profile
    expect(fs.readdirSync(userDataDir).length).toBeGreaterThan(0); // on the data dir it was given, not the user's
  } finally {
    await app.browser.close().catch(() => undefined);
    await app.stop();
  }
});

test('the packaged --cli answers on the real binary, and its fuses keep Node out: RunAsNode, NODE_OPTIONS and --inspect are off', () => {
  const version = `${packagedVersion(executable())}\n`;
  const plain = runPackagedCli(executable(), ['--version']);
  expect(plain, plain.stderr).toMatchObject({ status: 0, stdout: version });
  // With the RunAsNode fuse on, Electron would be plain Node here and refuse `--cli` as an unknown option.
  const runAsNode = runPackagedCli(executable(), ['--version'], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  expect(runAsNode, runAsNode.stderr).toMatchObject({ status: 0, stdout: version });
  // With NODE_OPTIONS honoured, main would fail to preload a module that does not exist.
  const nodeOptions = runPackagedCli(executable(), ['--version'], { env: { NODE_OPTIONS: '--require /nonexistent/cloudmc-fuse-probe.js' } });
  expect(nodeOptions, nodeOptions.stderr).toMatchObject({ status: 0, stdout: version });
  // With --inspect honoured, Node would open a debugger on main and say so.
  const inspect = runPackagedCli(executable(), ['--version'], { switches: ['--inspect=0'] });
  expect(inspect, inspect.stderr).toMatchObject({ status: 0, stdout: version });
  expect(inspect.stderr).not.toContain('Debugger listening');
});

test('the packaged `cloudmc` launcher (what /usr/bin/cloudmc links to) runs the real binary with no display at all', () => {
  // The launcher adds no --no-sandbox, and Chromium refuses to run as root with its sandbox (never the case on the release runners).
  test.skip(runningAsRoot, 'running as root: Chromium needs --no-sandbox, which the launcher never passes');
  const env = childEnv();
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const launcher = path.join(path.dirname(executable()), 'resources/bin/cloudmc');
  const result = spawnSync(launcher, ['--version'], { env, encoding: 'utf8', timeout: 60_000 });
  expect(result, result.stderr).toMatchObject({ status: 0, stdout: `${packagedVersion(executable())}\n` });
});

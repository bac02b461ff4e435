// `run --env-file FILE -- COMMAND` as a real child process on the real Secret Service: references resolved into the command's
// environment only (never printed, the file never rewritten), plain values passed, exit codes through; alone and through the app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireAppLock } from '../../../src-main/cli/app-lock';
import { openAppChannel } from '../../../src-main/services/app-channel/channel-server';
import type { AppServices } from '../../../src-main/services/app-services';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../src-main/helpers';
import { type Finished, root, runToEnd } from '../src-main/cli/processes';

const accessKey = 'cli-run-access-key-9a8b7c6d5e4f30211203';
const main = path.join(root, 'src-main/cli/main.ts');
const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };
const sha = (v: string): string => createHash('sha256').update(v).digest('hex');
/** A child that prints the hashes of its variables (never the values) and exits 7. */
const probe = [
  process.execPath,
  '-e',
  "const h=(v)=>v===undefined?'unset':require('crypto').createHash('sha256').update(v).digest('hex');console.log(JSON.stringify({API_KEY:h(process.env.API_KEY),ALSO:h(process.env.ALSO),PLAIN:process.env.PLAIN}));process.exit(7)",
];

/** Runs the CLI to its end as a child process. */
const cli = (dir: string, args: string[]): Promise<Finished> =>
  runToEnd([process.execPath, '--import', 'tsx', main, '--data-dir', dir, ...args], env);

// Each test runs CLI processes (2-3 s each on a loaded machine).
describe('run --env-file', { timeout: 90_000 }, () => {
  let sim: Simulator;
  let dir: string;
  let services: AppServices;
  let value: string;
  let envFile: string;
  const fileText = '# deploy\nexport API_KEY=cmc://Acme/deploy-key\nALSO="cmc://acme/deploy-key"\n\nPLAIN=hello world\n';

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-run-');
    services = await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    const acme = await services.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    const made = await services.credentials.generate(acme.id, 'deploy-key', true);
    expect(made.storedInKeychain).toBe(true);
    value = made.secret;
    services.oneTimeSecrets.clear();
    envFile = path.join(dir, 'deploy.env');
    fs.writeFileSync(envFile, fileText);
    fs.utimesSync(envFile, new Date(2020, 0, 1), new Date(2020, 0, 1));
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it("resolves each reference into the command's environment, passes plain values and the exit code; prints no value; leaves the file", async () => {
    const result = await cli(dir, ['run', '--env-file', envFile, '--', ...probe]);
    expect(result.code).toBe(7);
    expect(JSON.parse(result.stdout)).toEqual({ API_KEY: sha(value), ALSO: sha(value), PLAIN: 'hello world' });
    expect(result.stdout + result.stderr).not.toContain(value);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(fileText);
    expect(fs.statSync(envFile).mtime.getTime()).toBe(new Date(2020, 0, 1).getTime());
  });

  it('a reference with no stored copy is exit 3 and the command never runs; a bad line is exit 2 naming its number only', async () => {
    const marker = path.join(dir, 'ran');
    const missing = path.join(dir, 'missing.env');
    fs.writeFileSync(missing, 'API_KEY=cmc://Acme/no-such-key\n');
    const notFound = await cli(dir, [
      'run',
      '--env-file',
      missing,
      '--',
      process.execPath,
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`,
    ]);
    expect(notFound.code).toBe(3);
    expect(fs.existsSync(marker)).toBe(false);
    const bad = path.join(dir, 'bad.env');
    fs.writeFileSync(bad, `OK=1\nnot a pair ${accessKey}\n`);
    const badLine = await cli(dir, ['run', '--env-file', bad, '--', process.execPath, '-e', '']);
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain('Line 2 of');
    expect(badLine.stderr).not.toContain(accessKey);
  });

  it('through the running app (a run session may read stored copies over the channel)', async () => {
    const lock = await acquireAppLock(dir);
    const channel = (await openAppChannel({ dataDir: dir, services }))!;
    try {
      const result = await cli(dir, ['run', '--env-file', envFile, '--', ...probe]);
      expect(result.stderr).toContain('Working through the desktop app');
      expect(result.code).toBe(7);
      expect(JSON.parse(result.stdout)).toMatchObject({ API_KEY: sha(value), ALSO: sha(value) });
    } finally {
      await channel.close();
      lock.release();
    }
  });
});

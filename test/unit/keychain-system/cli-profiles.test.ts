// `profiles add / show / remove` as a real child process on the real Secret Service and the simulator: the access key from stdin
// (never an argument), the app's own checks, the keychain; and `profiles add` through the running app (its list has it at once).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireAppLock, type AppLock } from '../../../src-main/cli/app-lock';
import { openAppChannel, type AppChannel } from '../../../src-main/services/app-channel/channel-server';
import type { AppServices } from '../../../src-main/services/app-services';
import { profileAccount } from '../../../src-main/services/keychain/keychain';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, filesUnder, makeTempDir, removeTempDir } from '../src-main/helpers';
import { type Finished, root, runToEnd } from '../src-main/cli/processes';

const accessKey = 'cli-profiles-access-key-1f2e3d4c5b6a7980';
const main = path.join(root, 'src-main/cli/main.ts');
const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

/** Runs the CLI to its end as a child process, `input` on its stdin (a pipe: not a terminal). */
const cli = (dir: string, args: string[], input = ''): Promise<Finished> =>
  runToEnd([process.execPath, '--import', 'tsx', main, '--data-dir', dir, ...args], env, input);

// Each test runs several CLI processes (2-3 s each on a loaded machine).
describe('profiles from the command line', { timeout: 90_000 }, () => {
  let sim: Simulator;
  let dir: string;
  const outputs: string[] = [];
  const run = async (args: string[], input = '') => {
    const result = await cli(dir, args, input);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-profiles-');
    // The app's first start wrote config.json; no app runs now: the command line works alone.
    await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it('profiles add reads the access key from stdin, verifies it against CloudMC and keeps it in the keychain; show and list see it', async () => {
    const added = await run(['profiles', 'add', 'Acme', '--endpoint', sim.endpoint, '--json'], `${accessKey}\n`);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ profile: { name: 'Acme', accessKey: 'keychain', user: { userName: 'rwilson' } } });
    const shown = await run(['profiles', 'show', 'acme']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/ACCESS KEY\s+keychain/);
    expect(shown.stdout).toMatch(/USER\s+rwilson/);
    // The key works from the keychain: exec hands it to a command.
    const exec = await run([
      'exec',
      '--profile',
      'Acme',
      '--',
      process.execPath,
      '-e',
      `process.exit(process.env.CLOUDMC_API_KEY === ${JSON.stringify(accessKey)} ? 7 : 1)`,
    ]);
    expect(exec.code).toBe(7);
  });

  it('the same checks as the app: a key CloudMC rejects (6), an endpoint outside the rules (2); nothing added', async () => {
    const rejected = await run(['profiles', 'add', 'Wrong', '--endpoint', sim.endpoint], 'not-the-right-key-0000000000000000000\n');
    expect(rejected.code).toBe(6);
    const badEndpoint = await run(['profiles', 'add', 'Plain', '--endpoint', 'http://cloudmc.example.com'], `${accessKey}\n`);
    expect(badEndpoint.code).toBe(2);
    const list = JSON.parse((await run(['profiles', 'list', '--json'])).stdout) as { profiles: { name: string }[] };
    expect(list.profiles.map((p) => p.name)).toEqual(['Acme']);
  });

  it('never takes the key as an argument; no key on stdin is exit 2; an unreadable --ca is exit 3', async () => {
    const asArgument = await run(['profiles', 'add', 'Arg', '--endpoint', sim.endpoint, '--api-key', accessKey]);
    expect(asArgument.code).toBe(2);
    const none = await run(['profiles', 'add', 'Empty', '--endpoint', sim.endpoint]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No access key given');
    const ca = await run(['profiles', 'add', 'Ca', '--endpoint', sim.endpoint, '--ca', path.join(dir, 'no-such.pem')], `${accessKey}\n`);
    expect(ca.code).toBe(3);
  });

  it('profiles remove: --yes required on a pipe; removed with its keychain entry', async () => {
    expect((await run(['profiles', 'remove', 'Acme'])).code).toBe(2);
    const id = (JSON.parse((await run(['profiles', 'show', 'Acme', '--json'])).stdout) as { profile: { id: string } }).profile.id;
    const keychain = createKeytarKeychain();
    expect(await keychain.getSecret(profileAccount(id))).toBe(accessKey);
    const removed = await run(['profiles', 'remove', 'Acme', '--yes', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ profile: { name: 'Acme' }, removed: true });
    expect((await run(['profiles', 'show', 'Acme'])).code).toBe(3);
    expect(await keychain.getSecret(profileAccount(id))).toBeNull();
  });

  it('on a terminal: a prompt on stderr that shows nothing typed (a real pty through script(1))', async () => {
    const command = [process.execPath, '--import', 'tsx', main, '--data-dir', dir, 'profiles', 'add', 'Typed', '--endpoint', sim.endpoint]
      .map((a) => `'${a}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const prompted = new Promise<void>((resolve) =>
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('(not shown): ')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    await prompted;
    child.stdin.write(`${accessKey}\r`);
    expect(await exited).toBe(0);
    child.stdin.end();
    outputs.push(output);
    expect(output).toContain(`Access key for ${sim.endpoint} (not shown): `);
    expect(output).toContain('Profile "Typed" added (rwilson');
    expect(output).not.toContain(accessKey);
    expect((await run(['profiles', 'remove', 'Typed', '--yes'])).code).toBe(0);
  });

  it('the access key is in no output and no file of the data dir', () => {
    for (const text of outputs) expect(text).not.toContain(accessKey);
    for (const file of filesUnder(dir)) expect({ file, found: fs.readFileSync(file).includes(accessKey) }).toEqual({ file, found: false });
  });
});

describe('profiles add through the running app', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let dir: string;
  let app: AppServices;
  let lock: AppLock;
  let channel: AppChannel;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-profiles-app-');
    lock = await acquireAppLock(dir);
    app = await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    channel = (await openAppChannel({ dataDir: dir, services: app }))!;
  });
  afterAll(async () => {
    await channel?.close();
    lock?.release();
    await sim?.close();
    removeTempDir(dir);
  });

  it('the app adds it: its own list has the profile at once, and remove goes through it too', async () => {
    const added = await cli(dir, ['profiles', 'add', 'Acme', '--endpoint', sim.endpoint], `${accessKey}\n`);
    expect(added.stderr).toContain('Working through the desktop app');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Profile "Acme" added (rwilson');
    expect((await app.profiles.list()).map((p) => [p.name, p.accessKey])).toEqual([['Acme', 'keychain']]);
    const removed = await cli(dir, ['profiles', 'remove', 'Acme', '--yes']);
    expect(removed.code).toBe(0);
    expect(await app.profiles.list()).toEqual([]);
  });
});

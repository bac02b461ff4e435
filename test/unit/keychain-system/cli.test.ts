// The CLI as a real child process on a real Secret Service, with the profile made by the web host's services on the same data dir: the acceptance, the exec canary (data dir, outputs, /proc cmdline and environ), signals, exit codes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireAppLock, releaseAppLock } from '../../../src-main/cli/app-lock';
import type { AppServices } from '../../../src-main/services/app-services';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, filesUnder, makeTempDir, removeTempDir } from '../src-main/helpers';
import { root, withLines } from '../src-main/cli/processes';

const canary = 'cli-exec-CANARY-access-key-5e0c7a2b9f14d863';
const main = path.join(root, 'src-main/cli/main.ts');
const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

/** Runs the CLI to its end, as a child process (node with tsx's loader: the pid is the CLI's). */
function runCliProcess(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: opts.env ?? env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(opts.input ?? '');
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI as a child process on the Secret Service', () => {
  let sim: Simulator;
  let dir: string;
  let host: AppServices;
  const outputs: string[] = [];
  const run = async (args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) => {
    const result = await runCliProcess(['--data-dir', dir, ...args], opts);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: canary });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-kc-');
    // The "desktop app": the web host's services on the same data dir and the same (system) keychain.
    host = await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    const acme = await host.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: canary });
    expect(acme.accessKey).toBe('keychain');
  });
  afterAll(async () => {
    await host?.clipboard.clearSecretNow();
    await sim?.close();
    removeTempDir(dir);
  });

  it("the acceptance: npm run cli -- exec --profile \"Acme\" -- sh -c 'curl ... $CLOUDMC_ENDPOINT/users/current' prints the profile's user", async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const script = 'curl -s -H "MC-Api-Key: $CLOUDMC_API_KEY" "$CLOUDMC_ENDPOINT/users/current"';
      const child = spawn('npm', ['run', '-s', 'cli', '--', '--data-dir', dir, 'exec', '--profile', 'Acme', '--', 'sh', '-c', script], {
        cwd: root,
        env,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
    outputs.push(result.stdout, result.stderr);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ data: { userName: 'rwilson', organization: { name: 'Acme Corporation' } } });
  });

  it('exec canary: the key is in the command environment only, never on a command line (/proc/<pid>/cmdline), in the CLI own environment, its outputs or the data dir', async () => {
    const cli = withLines(
      spawn(
        process.execPath,
        ['--import', 'tsx', main, '--data-dir', dir, 'exec', '--profile', 'Acme', '--', 'sh', '-c', 'echo $$; read line; exit 9'],
        {
          cwd: root,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      ),
    );
    let stderr = '';
    cli.child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const childPid = Number(await cli.nextLine());
    const proc = (pid: number, file: string): Buffer => fs.readFileSync(`/proc/${pid}/${file}`);
    const has = (bytes: Buffer): boolean => bytes.includes(Buffer.from(canary));
    expect(proc(childPid, 'cmdline').toString()).toContain('echo $$');
    expect(has(proc(childPid, 'cmdline'))).toBe(false);
    expect(has(proc(cli.child.pid!, 'cmdline'))).toBe(false);
    expect(has(proc(cli.child.pid!, 'environ'))).toBe(false);
    expect(proc(childPid, 'environ').includes(Buffer.from(`CLOUDMC_API_KEY=${canary}\0`))).toBe(true); // the one place it is meant to be
    expect(proc(childPid, 'environ').includes(Buffer.from(`CLOUDMC_ENDPOINT=${sim.endpoint}\0`))).toBe(true);
    cli.child.stdin.end('go\n');
    expect((await cli.exited).code).toBe(9);
    outputs.push(stderr);
    expect(has(Buffer.from(stderr))).toBe(false);
    for (const file of filesUnder(dir)) expect({ file, found: has(fs.readFileSync(file)) }).toEqual({ file, found: false });
  });

  it('exec forwards SIGTERM to its command (exit code of the command) and reports a command ended by SIGINT as 130', async () => {
    for (const [signal, code, program] of [
      ['SIGTERM', 42, "process.on('SIGTERM', () => process.exit(42)); console.log('ready'); setInterval(() => {}, 1000)"],
      ['SIGINT', 130, "console.log('ready'); setInterval(() => {}, 1000)"],
    ] as const) {
      const cli = withLines(
        spawn(process.execPath, ['--import', 'tsx', main, '--data-dir', dir, 'exec', '--profile', 'Acme', '--', process.execPath, '-e', program], {
          cwd: root,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
      );
      expect(await cli.nextLine()).toBe('ready');
      cli.child.kill(signal); // to the CLI only: it forwards
      expect((await cli.exited).code).toBe(code);
    }
  });

  it('generate stores in the real keychain (no value printed); read and exec --key use the stored copy', async () => {
    const generated = await run(['keys', 'generate', '--profile', 'Acme', '--name', 'kc-copy', '--json']);
    expect(generated.code).toBe(0);
    const doc = JSON.parse(generated.stdout) as { storedInKeychain: boolean; key: { id: string } };
    expect(doc.storedInKeychain).toBe(true);
    expect(doc).not.toHaveProperty('secret');
    const rachel = sim.state.findUserByName('rwilson')!;
    const value = sim.state.getKey(rachel.id, doc.key.id)!.secret;
    expect(generated.stdout + generated.stderr).not.toContain(value);
    const read = await run(['read', 'cmc://Acme/kc-copy']);
    expect(read).toMatchObject({ code: 0, stdout: `${value}\n` });
    const exec = await run([
      'exec',
      '--profile',
      'Acme',
      '--key',
      'kc-copy',
      '--',
      process.execPath,
      '-e',
      `process.exit(process.env.CLOUDMC_API_KEY === ${JSON.stringify(value)} ? 5 : 1)`,
    ]);
    expect(exec.code).toBe(5);
    // The "app" sees the copy too (same keychain service and accounts).
    expect((await host.storedCopies.list((await host.profiles.list())[0]!.id)).map((c) => c.keyId)).toContain(doc.key.id);
    const revoked = await run(['keys', 'revoke', '--profile', 'Acme', '--key', 'kc-copy', '--yes']);
    expect(revoked.code).toBe(0);
    expect((await run(['read', 'cmc://Acme/kc-copy'])).code).toBe(3);
  }, 60_000); // several CLI processes, 2-3 s each on a loaded machine

  it('exit codes as a process: 0 lists, 2 usage, 2 revoke without --yes on a pipe, 3 not found, 5 no keychain (4 and 6: flows/cli.test.ts)', async () => {
    expect((await run(['profiles', 'list', '--json'])).code).toBe(0);
    expect((await run(['keys', 'list', '--profile', 'Acme'])).code).toBe(0);
    expect((await run(['keys', 'lisst'])).code).toBe(2);
    expect((await run(['keys', 'revoke', '--profile', 'Acme', '--key', 'Update KB'])).code).toBe(2);
    expect((await run(['keys', 'list', '--profile', 'Nobody'])).code).toBe(3);
    const noKeychain = { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cmc-cli-bus' };
    const read = await run(['read', 'cmc://Acme/Update KB'], { env: noKeychain });
    expect(read.code).toBe(5);
    expect((await run(['exec', '--profile', 'Acme', '--', 'true'], { env: noKeychain })).code).toBe(5);
  }, 60_000); // eight CLI processes, 2-3 s each on a loaded machine

  it('beside the running app (it holds app.lock): the CLI works on CloudMC and the keychain, leaves the files as they were, and says so', async () => {
    const lock = await acquireAppLock(dir);
    try {
      expect(lock.held).toBe(true);
      const before = Object.fromEntries(filesUnder(dir).map((f) => [f, fs.readFileSync(f, 'base64')]));
      const result = await run(['keys', 'generate', '--profile', 'Acme', '--name', 'beside-app']);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`The desktop app is running (pid ${process.pid})`);
      expect(Object.fromEntries(filesUnder(dir).map((f) => [f, fs.readFileSync(f, 'base64')]))).toEqual(before);
    } finally {
      releaseAppLock(lock);
    }
  });

  it('the canary is in no output of any run', () => {
    for (const output of outputs) expect(output.includes(canary)).toBe(false);
  });
});

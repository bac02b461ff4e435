// The CLI's entry (src-main/cli/run-cli.ts): what it answers without opening a data folder (version, help, completion, usage
// errors, a confirmation it cannot ask), every command reached from its words, errors on stderr and as JSON when --json comes
// before "--", an internal failure named, an interrupt turned into exit 130, the lock and the signal listeners given back.
// Real parts: the simulator over loopback, a temp data dir, the keychain the "app" used.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { helpText } from '../../../../src-main/cli/args';
import { lockFileOf } from '../../../../src-main/cli/app-lock';
import { completionScript } from '../../../../src-main/cli/completion';
import { translator } from '../../../../src-main/cli/messages';
import { jsonText } from '../../../../src-main/cli/output';
import { runCli, type CliDeps } from '../../../../src-main/cli/run-cli';
import { createAppServices } from '../../../../src-main/services/app-services';
import type { Keychain } from '../../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../../src-main/services/keychain/memory-keychain';
import { seedDemo } from '../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../cloudmc-sim/server';
import { SimState } from '../../../cloudmc-sim/state';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../helpers';

const en = translator('en');
const accessKey = 'run-cli-access-key-CANARY-8c2d7e1f4a9b3c65';
const clientOptions = { attempts: 1, backoffMs: 5, timeoutMs: 5_000 };

/** A stream the CLI writes to, kept as text. */
class Capture {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let sim: Simulator;
let dir: string;
let noData: string;
let keychain: Keychain;
let secondKey: string;

beforeAll(async () => {
  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  secondKey = state.issueKey(state.findUserByName('hscorpio')!.id, { name: 'second-desktop' }).secret;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-run-cli-');
  noData = path.join(makeTempDir('cmc-run-cli-none-'), 'absent');
  keychain = createMemoryKeychain();
  const app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
    clientOptions,
  });
  await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
});
afterAll(async () => {
  await sim?.close();
  removeTempDir(dir);
  removeTempDir(path.dirname(noData));
});

/** Runs `argv` on `dataDir` (the default data dir: no --data-dir given), in English unless `env` says otherwise. */
async function cli(
  argv: string[],
  opts: { dataDir?: string; stdinText?: string; signals?: EventEmitter; env?: NodeJS.ProcessEnv; keychain?: CliDeps['keychain'] } = {},
): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  stdin.end(opts.stdinText ?? '');
  const signals = opts.signals ?? new EventEmitter();
  const code = await runCli(argv, {
    storeBackend: confStoreBackend,
    keychain: opts.keychain ?? (() => keychain),
    defaultDataDir: opts.dataDir ?? dir,
    version: '0.0.0-test',
    program: 'cloudmc',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8', ...opts.env },
    osLocale: 'en-US',
    stdout,
    stderr,
    stdin,
    signals,
    clientOptions,
  });
  // Whatever happened, the signal listeners and the data dir's lock are given back.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) expect(signals.listenerCount(signal), signal).toBe(0);
  expect(fs.existsSync(lockFileOf(opts.dataDir ?? dir))).toBe(false);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const json = <T = Record<string, unknown>>(run: Run): T => JSON.parse(run.stdout) as T;
/** The first byte of a value's SHA-256, modulo 100: what a child can exit with to prove which value it was given, without printing it. */
const fingerprint = (value: string): number => createHash('sha256').update(value).digest()[0]! % 100;
const fingerprintChild = [
  'node',
  '-e',
  "process.exit(require('crypto').createHash('sha256').update(process.env.CLOUDMC_API_KEY ?? '').digest()[0] % 100)",
];

describe('runCli without a data folder', () => {
  it('--version and --help answer without opening one', async () => {
    expect(await cli(['--version'], { dataDir: noData })).toEqual({ code: 0, stdout: '0.0.0-test\n', stderr: '' });
    expect(await cli(['--help'], { dataDir: noData })).toEqual({ code: 0, stdout: helpText('cloudmc', null, en, noData), stderr: '' });
    expect(fs.existsSync(noData)).toBe(false);
  });

  it('completion prints the script of a known shell; another is a usage error (exit 2)', async () => {
    expect(await cli(['completion', 'bash'], { dataDir: noData })).toEqual({ code: 0, stdout: completionScript('bash'), stderr: '' });
    expect(await cli(['completion', 'tcsh'], { dataDir: noData })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Give a shell: bash, zsh, fish or powershell.\n',
    });
  });

  it('a usage error: its lines on stderr, exit 2, and the JSON error on stdout with --json', async () => {
    expect(await cli(['keys', 'lst'], { dataDir: noData })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Unknown command "keys lst".\nRun "cloudmc --help" for usage.\n',
    });
    expect(await cli(['keys', 'lst', '--json'], { dataDir: noData })).toEqual({
      code: 2,
      stdout: jsonText({ error: { code: 'usage', kind: 'cli', message: 'Unknown command "keys lst".', exitCode: 2 } }),
      stderr: 'Unknown command "keys lst".\nRun "cloudmc --help" for usage.\n',
    });
  });

  it('speaks the language of the environment', async () => {
    const run = await cli(['keys', 'lst'], { dataDir: noData, env: { LANG: 'fr_FR.UTF-8' } });
    const fr = translator('fr');
    expect(run.stderr).toBe(`${fr('usage.unknown-command', { name: 'keys lst' })}\n${fr('usage.see-help', { cmd: 'cloudmc' })}\n`);
  });

  it('revoke and remove without --yes on a pipe are refused before anything is opened or asked (exit 2)', async () => {
    const seen = sim.requests.length;
    expect(await cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'k'], { dataDir: noData })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Revoking asks for a confirmation, and stdin is not a terminal: add --yes.\n',
    });
    expect(await cli(['profiles', 'remove', 'Acme', '--json'])).toEqual({
      code: 2,
      stdout: jsonText({ error: { code: 'usage', kind: 'cli', message: en('usage.remove-needs-yes'), exitCode: 2 } }),
      stderr: `${en('usage.remove-needs-yes')}\n`,
    });
    expect(sim.requests.length).toBe(seen);
  });
});

describe('runCli on the app data', () => {
  it('reaches every command from its words', async () => {
    expect(json<{ profiles: { name: string }[] }>(await cli(['profiles', 'list', '--json'])).profiles.map((p) => p.name)).toEqual(['Acme']);
    expect(json(await cli(['profiles', 'show', 'Acme', '--json']))).toMatchObject({ profile: { name: 'Acme', customCa: false } });
    expect(json(await cli(['keys', 'list', '--profile', 'Acme', '--json']))).toMatchObject({ profile: { name: 'Acme' }, source: 'live' });
    expect(json(await cli(['keys', 'list', '--profile', 'Acme', '--offline', '--json']))).toMatchObject({ source: 'cache' });

    const generated = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'run-cli made', '--print', '--json']);
    expect(generated.code).toBe(0);
    const made = json<{ key: { id: string; name: string }; storedInKeychain: boolean; secret: string }>(generated);
    expect(made).toMatchObject({ key: { name: 'run-cli made' }, storedInKeychain: true });

    expect(json(await cli(['keys', 'rename', '--profile', 'Acme', '--key', 'run-cli made', '--name', 'run-cli renamed', '--json']))).toMatchObject({
      key: { id: made.key.id, name: 'run-cli renamed' },
    });
    expect(await cli(['read', 'cmc://Acme/run-cli%20renamed'])).toEqual({ code: 0, stdout: `${made.secret}\n`, stderr: '' });
    expect(await cli(['__complete', 'keys', '--profile', 'Acme'])).toMatchObject({ code: 0, stdout: expect.stringContaining('run-cli renamed\n') });
    expect(await cli(['__complete', 'profiles'])).toEqual({ code: 0, stdout: 'Acme\n', stderr: '' });
    expect(json(await cli(['health', '--json']))).toHaveProperty('counts');

    // exec and run hand the value to the command's environment: the child proves which by its exit code.
    expect((await cli(['exec', '--profile', 'Acme', '--key', 'run-cli renamed', '--', ...fingerprintChild])).code).toBe(fingerprint(made.secret));
    expect((await cli(['exec', '--profile', 'Acme', '--', ...fingerprintChild])).code).toBe(fingerprint(accessKey));
    const envFile = path.join(dir, 'run-cli.env');
    fs.writeFileSync(envFile, 'CLOUDMC_API_KEY=cmc://Acme/run-cli%20renamed\n');
    expect((await cli(['run', '--env-file', envFile, '--', ...fingerprintChild])).code).toBe(fingerprint(made.secret));
    fs.rmSync(envFile);

    expect(json(await cli(['keys', 'revoke', '--profile', 'Acme', '--key', made.key.id, '--yes', '--json']))).toMatchObject({
      key: { id: made.key.id },
      outcome: 'revoked',
    });

    const added = await cli(['profiles', 'add', 'Second', '--endpoint', sim.endpoint, '--json'], { stdinText: `${secondKey}\n` });
    expect(json(added)).toMatchObject({ profile: { name: 'Second', accessKey: 'keychain' } });
    expect(json(await cli(['profiles', 'remove', 'Second', '--yes', '--json']))).toMatchObject({ profile: { name: 'Second' }, removed: true });
    expect(json<{ profiles: { name: string }[] }>(await cli(['profiles', 'list', '--json'])).profiles.map((p) => p.name)).toEqual(['Acme']);
  });

  it('a failure: its message on stderr and its exit code; JSON only when --json comes before "--"', async () => {
    const notFound = en('profile.not-found', { name: 'Nope' });
    expect(await cli(['keys', 'list', '--profile', 'Nope'])).toEqual({ code: 3, stdout: '', stderr: `${notFound}\n` });
    expect(await cli(['keys', 'list', '--json', '--profile', 'Nope'])).toEqual({
      code: 3,
      stdout: jsonText({ error: { code: 'profile-not-found', kind: 'cli', message: notFound, exitCode: 3 } }),
      stderr: `${notFound}\n`,
    });
    // After "--", --json is the command's own argument.
    expect(await cli(['exec', '--profile', 'Nope', '--', 'env', '--json'])).toEqual({ code: 3, stdout: '', stderr: `${notFound}\n` });
  });

  it('an unexpected failure is "internal" (exit 1), named by its first line only', async () => {
    const broken = (): Keychain => {
      throw new TypeError('keychain module failed to load\nat some/internal/path.js:1');
    };
    expect(await cli(['profiles', 'list', '--json'], { keychain: broken })).toEqual({
      code: 1,
      stdout: jsonText({
        error: {
          code: 'internal',
          kind: 'internal',
          message: 'Something went wrong inside the program. (TypeError: keychain module failed to load)',
          exitCode: 1,
        },
      }),
      stderr: 'Something went wrong inside the program. (TypeError: keychain module failed to load)\n',
    });
  });

  it('an interrupt while CloudMC does not answer cancels the call: exit 130, said as interrupted', async () => {
    const signals = new EventEmitter();
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    const seen = sim.requests.length;
    const running = cli(['keys', 'list', '--profile', 'Acme', '--json'], { signals });
    await vi.waitFor(() => expect(sim.requests.slice(seen).some((r) => r.method === 'GET' && r.path.includes('/api_keys'))).toBe(true));
    expect(signals.listenerCount('SIGINT')).toBe(1);
    signals.emit('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(run.stderr).toBe(`${en('error.cancelled')}\n`);
    expect(json<{ error: { exitCode: number } }>(run).error.exitCode).toBe(130);
  });
});

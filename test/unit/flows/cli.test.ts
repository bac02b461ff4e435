// The CLI (runCli, as Electron's main and `npm run cli` call it) over the real services, the simulator and a keychain shared with the "app": every command, its exit codes, its languages, the lock rule.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';
import { fail } from '../../../src-main/errors';
import { catalogOf, cliLanguages, messageKeys } from '../../../src-main/cli/messages';
import { errorCodes } from '../../../src-preload/contract/errors';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { generatedKeyAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo, ACCESS_KEY_NAME } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, filesUnder, makeTempDir, removeTempDir } from '../src-main/helpers';
import { endHolder, holdLock } from '../src-main/cli/processes';

const accessKey = 'cli-flow-access-key-CANARY-3b8e1f6a9d2c4e57';
const clientOptions = { attempts: 1, backoffMs: 5, timeoutMs: 5_000 };

/** A stream the CLI writes to, kept as text. */
class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
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

describe('the command line over the app services', () => {
  let sim: Simulator;
  let downSim: Simulator;
  let dir: string;
  let keychain: Keychain;
  let app: AppServices;
  let acme: ProfileSummary;
  const outputs: string[] = [];
  const secrets: string[] = [accessKey];

  const cli = async (
    argv: string[],
    opts: { env?: NodeJS.ProcessEnv; keychain?: Keychain; stdin?: PassThrough & { isTTY?: boolean }; signals?: EventEmitter; dataDir?: string } = {},
  ): Promise<Run> => {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, {
      storeBackend: confStoreBackend,
      keychain: () => opts.keychain ?? keychain,
      defaultDataDir: opts.dataDir ?? dir,
      version: '0.0.0-test',
      program: 'cloudmc',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8', ...opts.env },
      osLocale: 'en-US',
      stdout,
      stderr,
      stdin: opts.stdin ?? Object.assign(new PassThrough(), { isTTY: false }),
      signals: opts.signals ?? new EventEmitter(),
      clientOptions,
    });
    outputs.push(stdout.text, stderr.text);
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const json = <T = Record<string, unknown>>(run: Run): T => JSON.parse(run.stdout) as T;
  const simKeys = (userName: string) => sim.state.listKeys(sim.state.findUserByName(userName)!.id);
  const isLive = (key: { userId: string; id: string }): boolean => sim.state.getKey(key.userId, key.id) !== undefined;

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    const hank = state.findUserByName('hscorpio')!;
    const globexKey = state.issueKey(hank.id, { name: 'globex-desktop' }).secret;
    secrets.push(globexKey);
    const downState = new SimState();
    const downKey = seedDemo(downState).apiKey;
    downSim = await startSimulator({ state: downState });
    dir = makeTempDir('cmc-cli-flow-');
    keychain = createMemoryKeychain();
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
      clientOptions,
    });
    acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.profiles.add({ name: 'Globex', endpoint: sim.endpoint, apiKey: globexKey });
    await app.profiles.add({ name: 'Down', endpoint: downSim.endpoint, apiKey: downKey });
    await app.profiles.add({ name: 'acme', endpoint: sim.endpoint, apiKey: accessKey }); // differs from "Acme" by case only
    await downSim.close();
  });
  afterAll(async () => {
    await app?.clipboard.clearSecretNow();
    await sim?.close();
    removeTempDir(dir);
  });

  it('profiles list: an aligned table, and the documented JSON', async () => {
    const human = await cli(['profiles', 'list']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ENDPOINT\s+USER\s+ORGANIZATION\s+ACCESS KEY\s+LAST SYNC$/);
    const endpointColumn = lines[0]!.indexOf('ENDPOINT');
    for (const line of lines.slice(1)) expect(line.indexOf('http://')).toBe(endpointColumn);
    const doc = json<{ profiles: Record<string, unknown>[] }>(await cli(['profiles', 'list', '--json']));
    expect(doc.profiles.map((p) => p['name'])).toEqual(['Acme', 'Globex', 'Down', 'acme']);
    expect(doc.profiles[0]).toEqual({
      id: acme.id,
      name: 'Acme',
      endpoint: sim.endpoint,
      user: { userName: 'rwilson', displayName: 'Rachel Wilson', organizationName: 'Acme Corporation' },
      accessKey: 'keychain',
      accessKeyId: acme.accessKeyId,
      lastSyncedAt: null,
    });
  });

  it('keys list asks CloudMC; --offline shows the cached list with its time', async () => {
    const live = json<{ source: string; syncedAt: string; keys: Record<string, unknown>[]; profile: unknown }>(
      await cli(['keys', 'list', '--profile', 'Acme', '--json']),
    );
    expect(live.source).toBe('live');
    expect(live.profile).toEqual({ id: acme.id, name: 'Acme' });
    const own = live.keys.find((k) => k['name'] === ACCESS_KEY_NAME)!;
    expect(Object.keys(own).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'lastUsedIp', 'name', 'storedCopy', 'usedByProfile']);
    expect(own).toMatchObject({ usedByProfile: true, storedCopy: false });
    const offline = json<{ source: string; syncedAt: string; keys: unknown[] }>(
      await cli(['keys', 'list', '--profile', acme.id, '--json', '--offline']),
    );
    expect(offline).toMatchObject({ source: 'cache', syncedAt: live.syncedAt });
    expect(offline.keys).toHaveLength(live.keys.length);
    const human = await cli(['keys', 'list', '--profile', 'Acme', '--offline']);
    expect(human.stdout.split('\n')[0]).toMatch(/^Keys of "Acme" as cached .+ \(offline list\)$/);
  });

  it('a profile never synced has no offline list: exit 3', async () => {
    const run = await cli(['keys', 'list', '--profile', 'Globex', '--offline']);
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toContain('no cached key list');
  });

  it('CloudMC unreachable: exit 4, the error as JSON on stdout and in words on stderr', async () => {
    const run = await cli(['keys', 'list', '--profile', 'Down', '--json']);
    expect(run.code).toBe(4);
    expect(json(run)).toEqual({
      schemaVersion: 1,
      error: { code: 'unreachable', kind: 'offline', message: expect.stringContaining('could not be reached'), exitCode: 4 },
    });
    expect(run.stderr).toContain('CloudMC could not be reached');
  });

  it('CloudMC rejects the access key: exit 6', async () => {
    const hank = sim.state.findUserByName('hscorpio')!;
    const globexKey = sim.state.listKeys(hank.id).find((k) => k.name === 'globex-desktop')!;
    sim.state.revokeKey(hank.id, globexKey.id);
    const run = await cli(['keys', 'list', '--profile', 'Globex']);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('rejected');
  });

  it('profiles by name or id: unknown is exit 3; a name matching several (ignoring case) is exit 2 listing their ids', async () => {
    expect((await cli(['keys', 'list', '--profile', 'Nope'])).code).toBe(3);
    const ambiguous = await cli(['keys', 'list', '--profile', 'ACME', '--offline']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(acme.id);
    expect(ambiguous.stderr.split('\n').filter((l) => /^ {2}\S+ {2}acme$/i.test(l))).toHaveLength(2);
    expect((await cli(['keys', 'list', '--profile', 'Acme', '--offline'])).code).toBe(0); // exact name wins
  });

  it('keys generate stores the value in the keychain (read back) and prints no secret without --print', async () => {
    const before = simKeys('rwilson').length;
    const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'ci-deploy']);
    expect(run.code).toBe(0);
    const key = simKeys('rwilson').find((k) => k.name === 'ci-deploy')!;
    expect(simKeys('rwilson')).toHaveLength(before + 1);
    const stored = await keychain.getSecret(generatedKeyAccount(acme.id, key.id));
    expect(stored).toBe(key.secret);
    secrets.push(key.secret);
    expect(run.stdout).toBe(`Generated key "ci-deploy" (${key.id}) in profile "Acme"; its value is stored in the keychain.\n`);
    expect(run.stdout + run.stderr).not.toContain(key.secret);
  });

  it('keys generate --print: the value alone on stdout (for KEY=$(...)); --json has a secret field only with --print', async () => {
    const printed = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'printed', '--print']);
    const key = simKeys('rwilson').find((k) => k.name === 'printed')!;
    secrets.push(key.secret);
    expect(printed).toMatchObject({ code: 0, stdout: `${key.secret}\n` });
    const quiet = json(await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'quiet', '--json']));
    secrets.push(simKeys('rwilson').find((k) => k.name === 'quiet')!.secret);
    expect(quiet).toMatchObject({ storedInKeychain: true, key: { name: 'quiet' }, warnings: [] });
    expect(quiet).not.toHaveProperty('secret');
    const withSecret = json(await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'with-secret', '--json', '--print']));
    const value = simKeys('rwilson').find((k) => k.name === 'with-secret')!.secret;
    secrets.push(value);
    expect(withSecret).toMatchObject({ storedInKeychain: true, secret: value });
  });

  it('keys generate with no keychain: refused before anything is generated (exit 5), so no value can be lost', async () => {
    const before = simKeys('rwilson').length;
    for (const extra of [[], ['--print']]) {
      const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'nowhere', ...extra], {
        keychain: createMemoryKeychain({ unavailable: true }),
      });
      expect(run.code).toBe(5);
      expect(run.stderr).toContain('no key was generated');
    }
    expect(simKeys('rwilson')).toHaveLength(before);
  });

  it('keys generate whose keychain copy fails after CloudMC made the key: the value on stdout, the reason on stderr, exit 5 (never lost)', async () => {
    const failing: Keychain = {
      ...keychain,
      probe: () => keychain.probe(),
      setSecret: (account, value) => (account.startsWith('key:') ? Promise.reject(fail('keychain-failed')) : keychain.setSecret(account, value)),
    };
    const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'copy-failed'], { keychain: failing });
    const key = simKeys('rwilson').find((k) => k.name === 'copy-failed')!;
    secrets.push(key.secret);
    expect(run).toMatchObject({ code: 5, stdout: `${key.secret}\n` });
    expect(run.stderr).toContain('could not be stored in the keychain');
    expect(run.stderr).toContain('it is the only copy');
    expect(run.stderr).not.toContain(key.secret);
  });

  it('keys rename by name; a bad name is a usage error before CloudMC is asked', async () => {
    const run = await cli(['keys', 'rename', '--profile', 'Acme', '--key', 'quiet', '--name', 'quiet-renamed', '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ key: { name: 'quiet-renamed' } });
    expect(simKeys('rwilson').some((k) => k.name === 'quiet-renamed')).toBe(true);
    const requests = sim.requests.length;
    expect((await cli(['keys', 'rename', '--profile', 'Acme', '--key', 'quiet-renamed', '--name', '   '])).code).toBe(2);
    expect(sim.requests.length).toBe(requests);
  });

  it('keys revoke refuses without --yes when stdin is not a terminal (exit 2), asks on a terminal, revokes with --yes and removes the stored copy', async () => {
    const target = simKeys('rwilson').find((k) => k.name === 'ci-deploy')!;
    const refused = await cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'ci-deploy']);
    expect(refused.code).toBe(2);
    expect(isLive(target)).toBe(true);

    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const declining = cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'ci-deploy'], { stdin: tty });
    tty.write('n\n');
    const declined = await declining;
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Revoke key "ci-deploy"');
    expect(isLive(target)).toBe(true);

    const done = await cli(['keys', 'revoke', '--profile', 'Acme', '--key', target.id, '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(json(done)).toMatchObject({ outcome: 'revoked', key: { id: target.id, name: 'ci-deploy' } });
    expect(isLive(target)).toBe(false);
    expect(await keychain.getSecret(generatedKeyAccount(acme.id, target.id))).toBeNull();
  });

  it('keys revoke answered in French on a terminal ("o")', async () => {
    const target = simKeys('rwilson').find((k) => k.name === 'printed')!;
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const running = cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'printed'], { stdin: tty, env: { LANG: 'fr_CA.UTF-8' } });
    tty.write('o\n');
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Révoquer la clé « printed »');
    expect(run.stdout).toContain('révoquée');
    expect(isLive(target)).toBe(false);
  });

  it('read cmc://PROFILE/KEYNAME prints one stored copy; unknown key exit 3; bad reference exit 2; no keychain exit 5', async () => {
    const key = simKeys('rwilson').find((k) => k.name === 'with-secret')!;
    expect(await cli(['read', 'cmc://Acme/with-secret'])).toMatchObject({ code: 0, stdout: `${key.secret}\n` });
    expect(await cli(['read', `cmc://${acme.id}/${key.id}`])).toMatchObject({ code: 0, stdout: `${key.secret}\n` });
    expect((await cli(['read', 'cmc://Acme/never-stored'])).code).toBe(3);
    expect((await cli(['read', 'cmc://Acme'])).code).toBe(2);
    expect((await cli(['read', 'https://Acme/with-secret'])).code).toBe(2);
    expect((await cli(['read', 'cmc://Acme/with-secret'], { keychain: createMemoryKeychain({ unavailable: true }) })).code).toBe(5);
  });

  it('exec: the key in the command environment only, its exit code passed through; 127 for a command not found', async () => {
    const expected = JSON.stringify({ endpoint: sim.endpoint, key: true });
    const check = `const ok = process.env.CLOUDMC_API_KEY === ${JSON.stringify(accessKey)}; process.exit(JSON.stringify({ endpoint: process.env.CLOUDMC_ENDPOINT, key: ok }) === ${JSON.stringify(expected)} ? 7 : 1)`;
    expect((await cli(['exec', '--profile', 'Acme', '--', process.execPath, '-e', check])).code).toBe(7);
    expect(process.env['CLOUDMC_API_KEY']).toBeUndefined();
    const stored = simKeys('rwilson').find((k) => k.name === 'with-secret')!;
    const checkStored = `process.exit(process.env.CLOUDMC_API_KEY === ${JSON.stringify(stored.secret)} ? 9 : 1)`;
    expect((await cli(['exec', '--profile', 'Acme', '--key', 'with-secret', '--', process.execPath, '-e', checkStored])).code).toBe(9);
    // Without `--`: the command starts at the first word no option of exec takes; everything after it (its `--` too) is the command's.
    expect((await cli(['exec', '--profile', 'Acme', process.execPath, '-e', check])).code).toBe(7);
    expect((await cli(['exec', '--profile=Acme', '--key', 'with-secret', process.execPath, '-e', checkStored, '--', 'x'])).code).toBe(9);
    const argvCheck = `process.exit(JSON.stringify(process.argv.slice(1)) === ${JSON.stringify(JSON.stringify(['x', '--profile', 'B', '--', '--key']))} ? 8 : 1)`;
    expect((await cli(['exec', '--profile', 'Acme', process.execPath, '-e', argvCheck, 'x', '--profile', 'B', '--', '--key'])).code).toBe(8);
    // An option exec does not know, before the command: ambiguous, a usage error.
    expect((await cli(['exec', '--profile', 'Acme', '--env', 'x', process.execPath])).code).toBe(2);
    const missing = await cli(['exec', '--profile', 'Acme', '--', 'no-such-command-cmc-cli']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('Command not found: no-such-command-cmc-cli');
  });

  it('usage errors are exit 2; --help of every command is exit 0 with its usage line', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    // `keys` alone lists its subcommands (and only them), exit 0.
    const group = await cli(['keys']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('Usage: cloudmc keys COMMAND');
    for (const sub of ['list', 'generate', 'rename', 'revoke']) expect(group.stdout).toContain(`cloudmc keys ${sub}`);
    expect(group.stdout).not.toContain('cloudmc profiles list');
    expect((await cli(['keys', 'list'])).stderr).toContain('Missing option --profile.');
    expect((await cli(['keys', 'list', '--profile', 'Acme', '--bogus'])).stderr).toContain('Unknown option "--bogus"');
    expect((await cli(['exec', '--profile', 'Acme'])).code).toBe(2);
    for (const words of [
      ['profiles', 'list'],
      ['keys', 'list'],
      ['keys', 'generate'],
      ['keys', 'rename'],
      ['keys', 'revoke'],
      ['exec'],
      ['read'],
      ['health'],
      ['profiles', 'add'],
      ['profiles', 'show'],
      ['profiles', 'remove'],
      ['run'],
    ]) {
      const run = await cli([...words, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: cloudmc ${words.join(' ')}`);
    }
    const all = await cli(['--help']);
    expect(all.stdout).toContain('Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 CloudMC unreachable');
  });

  it('a key pasted in the wrong place is never echoed whole in a usage error', async () => {
    const run = await cli(['keys', 'list', '--profile', 'Acme', accessKey]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(accessKey);
  });

  it('the system language: LC_ALL over LC_MESSAGES over LANG; C and unknown languages are English', async () => {
    const words = ['keys', 'list', '--profile', 'Nope'];
    expect((await cli(words, { env: { LANG: 'fr_FR.UTF-8' } })).stderr).toContain('Aucun profil « Nope »');
    expect((await cli(words, { env: { LANG: 'fr_FR.UTF-8', LC_MESSAGES: 'es_ES.UTF-8' } })).stderr).toContain('No hay ningún perfil «Nope»');
    expect((await cli(words, { env: { LANG: 'fr_FR.UTF-8', LC_MESSAGES: 'es_ES.UTF-8', LC_ALL: 'en_GB.UTF-8' } })).stderr).toContain(
      'No profile "Nope"',
    );
    expect((await cli(words, { env: { LANG: 'C' } })).stderr).toContain('No profile "Nope"');
    expect((await cli(words, { env: { LANG: 'de_DE.UTF-8' } })).stderr).toContain('No profile "Nope"');
  });

  it('every message exists in English, French and Spanish with the same placeholders, and every error code has one', () => {
    for (const language of cliLanguages) {
      const catalog = catalogOf(language);
      for (const key of messageKeys) {
        const placeholders = (text: string): string[] => [...text.matchAll(/\{([A-Za-z-]+)\}/g)].map((m) => m[1]!).sort();
        expect({ language, key, placeholders: placeholders(catalog[key]) }).toEqual({
          language,
          key,
          placeholders: placeholders(catalogOf('en')[key]),
        });
      }
    }
    for (const code of errorCodes) expect(messageKeys).toContain(`error.${code}`);
  });

  it('an interrupt (SIGINT) while CloudMC is slow cancels the call: exit 130', async () => {
    const signals = new EventEmitter();
    sim.faults.add({ fault: { kind: 'hang' }, method: 'GET', pathPrefix: '/api_keys', times: 1 });
    const seen = sim.requests.length;
    const running = cli(['keys', 'list', '--profile', 'Acme'], { signals });
    await vi.waitFor(() => expect(sim.requests.slice(seen).some((r) => r.method === 'GET' && r.path.includes('/api_keys'))).toBe(true));
    signals.emit('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('health --json: the findings of the cached lists in the documented shape', async () => {
    const run = await cli(['health', '--json']);
    expect(run.code).toBe(0);
    const doc = json<{ findings: { kind: string; profile: { name: string } }[]; counts: Record<string, number> }>(run);
    expect(Object.keys(doc).sort()).toEqual(['computedAt', 'copiesChecked', 'counts', 'findings', 'idleDays', 'schemaVersion']);
    expect(doc.findings.some((f) => f.kind === 'profile-access-key' && f.profile.name === 'Acme')).toBe(true);
  });

  it('no app data in the folder: exit 3, and nothing is created there', async () => {
    const empty = makeTempDir('cmc-cli-empty-');
    try {
      const run = await cli(['profiles', 'list', '--data-dir', path.join(empty, 'nothing')]);
      expect(run.code).toBe(3);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      removeTempDir(empty);
    }
  });

  it('beside the running desktop app (app.lock held by a live process): CloudMC and keychain work done, the app files untouched, said on stderr', async () => {
    const { holder, got } = await holdLock(dir, 'app');
    try {
      expect(got.held).toBe(true);
      const read = (): Record<string, string> => Object.fromEntries(filesUnder(dir).map((f) => [f, fs.readFileSync(f, 'base64')]));
      const before = read();
      const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', 'beside-the-app']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`The desktop app is running (pid ${got.pid})`);
      const key = simKeys('rwilson').find((k) => k.name === 'beside-the-app')!;
      secrets.push(key.secret);
      expect(await keychain.getSecret(generatedKeyAccount(acme.id, key.id))).toBe(key.secret);
      expect(read()).toEqual(before);
    } finally {
      await endHolder(holder);
    }
    // The app gone, the CLI writes again (and takes the lock for its command only).
    const after = await cli(['keys', 'list', '--profile', 'Acme', '--json']);
    expect(json<{ keys: { name: string }[] }>(after).keys.some((k) => k.name === 'beside-the-app')).toBe(true);
    expect(fs.existsSync(path.join(dir, 'app.lock'))).toBe(false);
  });

  it('no key value in any output but the ones asked for, nor in any file of the data dir', () => {
    const asked = new Set(outputs.filter((o) => secrets.some((s) => o === `${s}\n` || o.includes(`"secret": "${s}"`))));
    for (const output of outputs.filter((o) => !asked.has(o))) for (const secret of secrets) expect(output.includes(secret)).toBe(false);
    for (const file of filesUnder(dir)) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) expect({ file, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, found: false });
    }
  });
});

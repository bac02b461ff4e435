// The command line under the organization's policy (--policy-file, as a checkout and tests give it): a profile whose endpoint the policy
// does not allow is refused before anything is sent, in the user's language; managed profiles work as any other; a bad policy is told.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';
import { createAppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import { noPolicySource } from '../../../src-main/services/policy/policy-source';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../src-main/helpers';

class Capture {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('the command line with --policy-file', () => {
  let sim: Simulator;
  let apiKey: string;
  let root: string;
  let dataDir: string;
  let keychain: Keychain;
  let policyFile: string;

  const cli = async (argv: string[], opts: { lang?: string; packaged?: boolean } = {}) => {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, {
      storeBackend: confStoreBackend,
      keychain: () => keychain,
      defaultDataDir: dataDir,
      version: '0.0.0-test',
      program: 'cloudmc',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: opts.lang ?? 'en_US.UTF-8' },
      osLocale: 'en-US',
      stdout,
      stderr,
      stdin: Object.assign(new PassThrough(), { isTTY: false }),
      signals: new EventEmitter(),
      clientOptions: { attempts: 1, timeoutMs: 5_000 },
      // Never this machine's /etc: a run without --policy-file has no policy here.
      policySource: noPolicySource,
      policyFileOption: opts.packaged !== true,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };

  beforeAll(async () => {
    const state = new SimState();
    apiKey = seedDemo(state).apiKey;
    sim = await startSimulator({ state });
    root = makeTempDir('cmc-cli-policy-');
    dataDir = path.join(root, 'data');
    keychain = createMemoryKeychain();
    const app = await createAppServices({ dataDir, storeBackend: confStoreBackend, keychain, clipboard: new MemoryClipboard(), version: 'test' });
    // Added before the policy came: its endpoint is the simulator under another loopback name, which the policy will not allow.
    await app.profiles.add({ name: 'Outside', endpoint: sim.endpoint.replace('127.0.0.1', 'localhost'), apiKey });
    policyFile = path.join(root, 'policy.json');
    fs.writeFileSync(
      policyFile,
      JSON.stringify({ version: 1, profiles: [{ id: 'hq', name: 'Managed HQ', endpoint: sim.endpoint }], allowedEndpoints: [sim.origin] }),
    );
  });
  afterAll(async () => {
    await sim.close();
    removeTempDir(root);
  });

  it.each([
    ['en_US.UTF-8', 'This endpoint is not allowed by your organization'],
    ['fr_FR.UTF-8', 'Ce point d’entrée n’est pas autorisé par votre organisation'],
    ['es_ES.UTF-8', 'Su organización no permite este punto final'],
  ])('refuses a profile whose endpoint the policy does not allow (%s), before anything is sent', async (lang, words) => {
    const before = sim.requests.length;
    const listed = await cli(['keys', 'list', '--profile', 'Outside', '--policy-file', policyFile], { lang });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(words);
    const exec = await cli(['--policy-file', policyFile, 'exec', '--profile', 'Outside', '--', '/bin/true'], { lang });
    expect(exec.code).toBe(1);
    expect(sim.requests.length).toBe(before);
  });

  it('answers the refusal in the JSON error too', async () => {
    const run = await cli(['keys', 'generate', '--profile', 'Outside', '--name', 'x', '--json', '--policy-file', policyFile]);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'endpoint-not-allowed', kind: 'invalid', exitCode: 1 } });
  });

  it('lists the managed profile beside the user’s own, and uses it once its key is given', async () => {
    const listed = await cli(['profiles', 'list', '--json', '--policy-file', policyFile]);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { profiles: { id: string }[] }).profiles.map((p) => p.id)).toContain('hq');
    await keychain.setSecret('profile:hq', apiKey);
    const keys = await cli(['keys', 'list', '--profile', 'Managed HQ', '--policy-file', policyFile]);
    expect(keys.stderr).toBe('');
    expect(keys.code).toBe(0);
  });

  it('says on stderr that a bad policy could not be read, and applies nothing of it', async () => {
    const bad = path.join(root, 'bad.json');
    fs.writeFileSync(bad, '{"version": 7}');
    // Nothing of it applies: the allow-list of the good policy is gone with it, so the profile outside it is asked for its keys.
    const run = await cli(['keys', 'list', '--profile', 'Outside', '--policy-file', bad]);
    expect(run.stderr).toContain("Your organization's policy could not be read (version: 7): nothing of it applies.");
    expect(run.code).toBe(0);
  });

  it('is an unknown option in the packaged app (its --cli reads only the OS’s managed place)', async () => {
    const run = await cli(['keys', 'list', '--profile', 'Outside', '--policy-file', policyFile], { packaged: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown option "--policy-file"');
    const global = await cli(['--policy-file', policyFile, 'profiles', 'list'], { packaged: true });
    expect(global.code).toBe(2);
  });
});

// Issue 21 item 4: bash completes profile and key names from the cached data (no CloudMC call, no secret), run in a real bash with
// the completion script `completion bash` prints, the command line a real child process (the bundle `npm run cli` runs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, makeTempDir, removeTempDir } from '../src-main/helpers';
import { type Finished, root, runToEnd } from '../src-main/cli/processes';

const accessKey = 'cli-complete-access-key-5e6f7a8b9c0d1e2f3a4b';
const launcher = path.join(root, 'resources/cli/cli-launch.mjs');
const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' };

/** Runs the bundled CLI to its end through its launcher, `input` on its stdin. */
const cli = (args: string[], input = ''): Promise<Finished> => runToEnd([process.execPath, launcher, ...args], env, input);

describe('bash completes profile and key names', { timeout: 120_000 }, () => {
  let sim: Simulator;
  let dir: string;
  let bin: string;
  let script: string;

  /** What bash offers after the words typed (the last one is being completed), the program being bin/cloudmc. */
  const complete = (...words: string[]): string[] => {
    const quoted = [path.join(bin, 'cloudmc'), ...words].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    const run = `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length}; _cloudmc; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', run], { env }).toString().split('\n').filter(Boolean);
  };

  beforeAll(async () => {
    const state = new SimState();
    seedDemo(state, { apiKey: accessKey });
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-complete-');
    bin = makeTempDir('cmc-cli-complete-bin-');
    fs.writeFileSync(path.join(bin, 'cloudmc'), `#!/bin/sh\nexec "${process.execPath}" "${launcher}" "$@"\n`, { mode: 0o755 });
    await createHostServices({ dataDir: dir, keychain: 'system', clipboard: new MemoryClipboard() });
    expect((await cli(['--data-dir', dir, 'profiles', 'add', 'Acme prod', '--endpoint', sim.endpoint], `${accessKey}\n`)).code).toBe(0);
    expect((await cli(['--data-dir', dir, 'profiles', 'add', 'Beta', '--endpoint', sim.endpoint], `${accessKey}\n`)).code).toBe(0);
    expect((await cli(['--data-dir', dir, 'keys', 'list', '--profile', 'Acme prod'])).code).toBe(0);
    script = (await cli(['completion', 'bash'])).stdout;
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
    removeTempDir(bin);
  });

  it('--profile, profiles show and --key offer the cached names, escaped for the shell; no CloudMC call, no secret', async () => {
    const before = sim.requests.length;
    expect(complete('--data-dir', dir, 'keys', 'list', '--profile', '').sort()).toEqual(['Acme\\ prod', 'Beta']);
    expect(complete('--data-dir', dir, 'exec', '--profile', 'B')).toEqual(['Beta']);
    expect(complete('--data-dir', dir, 'profiles', 'show', 'Ac')).toEqual(['Acme\\ prod']);
    const keyNames = state().map((k) => k.name);
    const offered = complete('--data-dir', dir, 'keys', 'revoke', '--profile', 'Acme\\ prod', '--key', '');
    expect(offered.length).toBeGreaterThan(0);
    // Each offered word, as the shell reads it back (printf %q may give $'...' for non-ASCII names outside a UTF-8 locale).
    const asRead = offered.map((w) => execFileSync('bash', ['-c', `printf '%s' ${w}`], { env }).toString());
    expect(asRead.sort()).toEqual([...keyNames].sort());
    // A profile whose keys were never listed: nothing offered, nothing fetched.
    expect(complete('--data-dir', dir, 'keys', 'revoke', '--profile', 'Beta', '--key', '')).toEqual([]);
    expect(sim.requests.length).toBe(before);
    const all = complete('--data-dir', dir, 'keys', 'list', '--profile', '').join('\n');
    expect(all).not.toContain(accessKey);
  });

  /** The names of the keys the simulator holds for the demo user. */
  function state(): { name: string }[] {
    return JSON.parse(
      execFileSync(process.execPath, [launcher, '--data-dir', dir, 'keys', 'list', '--profile', 'Acme prod', '--offline', '--json'], {
        env,
      }).toString(),
    ).keys as { name: string }[];
  }
});

// Issue 21 item 4: bash and fish complete profile and key names from the cached data (no CloudMC call, no secret), run in a real bash
// and a real fish with the script `completion bash|fish` prints, the command line a real child process (the bundle `npm run cli` runs).
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
  let fishScript: string;

  /** What fish offers for `line` (`complete -C`: the words up to the cursor, the last one being completed), `cloudmc` found on PATH. */
  const fishComplete = (line: string): string[] => {
    const run = `source ${JSON.stringify(path.join(bin, 'cloudmc.fish'))}; complete -C ${fishQuote(line)}`;
    const out = execFileSync('fish', ['--no-config', '-c', run], { env: { ...env, PATH: `${bin}:${process.env['PATH']}` } }).toString();
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);
  };
  const fishQuote = (s: string): string => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;

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
    fishScript = (await cli(['completion', 'fish'])).stdout;
  }, 60_000); // the bundle may be rebuilt first, and two profiles are added: more than the default 10 s under load
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

  it('fish offers the same names, after --profile, --key and `profiles show`, and only them there; no CloudMC call', () => {
    fs.writeFileSync(path.join(bin, 'cloudmc.fish'), fishScript);
    const before = sim.requests.length;
    const d = fishQuote(dir);
    expect(fishComplete(`cloudmc --data-dir ${d} keys list --profile `).sort()).toEqual(['Acme prod', 'Beta']);
    expect(fishComplete(`cloudmc --data-dir ${d} exec --profile B`)).toEqual(['Beta']);
    expect(fishComplete(`cloudmc --data-dir ${d} profiles show Ac`)).toEqual(['Acme prod']);
    expect(fishComplete(`cloudmc --data-dir ${d} keys revoke --profile 'Acme prod' --key `).sort()).toEqual(
      state()
        .map((k) => k.name)
        .sort(),
    );
    expect(fishComplete(`cloudmc --data-dir ${d} keys revoke --profile Beta --key `)).toEqual([]);
    // Elsewhere the commands and options as before, and no names.
    expect(fishComplete(`cloudmc --data-dir ${d} keys list --`)).toEqual(expect.arrayContaining(['--profile', '--offline', '--json']));
    expect(fishComplete(`cloudmc --data-dir ${d} keys list --`)).not.toContain('Beta');
    expect(fishComplete('cloudmc keys ').sort()).toEqual(['generate', 'list', 'rename', 'revoke']);
    expect(sim.requests.length).toBe(before);
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

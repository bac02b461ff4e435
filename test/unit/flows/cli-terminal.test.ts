// Issue 17, item 5 (security.md 41): the command line never writes a control character it did not make. A generated "secret" holding
// OSC 52 (clipboard write), OSC 0 (title) or cursor movement is refused where CloudMC's answer is parsed, and `keys generate --print`
// prints nothing of it; a stored copy placed in the keychain by something else is not printed by `read`; names, ids and errors from
// CloudMC, the cache files or the keychain reach the terminal escaped. Every byte written is checked: only the newlines the CLI makes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliIn, type CliRun } from './cli-runner';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import { generatedKeyAccount, type Keychain } from '../../../src-main/services/keychain/keychain';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../src-main/helpers';

const accessKey = 'cli-terminal-access-key-CANARY-8c2d4f6a1b3e';
/** A hostile value: writes the clipboard (OSC 52), sets the window title (OSC 0), moves the cursor up and erases the line (CSI). */
const hostile = 'AAAA\u001b]52;c;cm0gLXJmIH4=\u0007\u001b]0;pwned\u0007\u001b[1A\u001b[2K\u009b2J\u007fBBBB';

/** Every control character a run wrote that the CLI did not make (it makes newlines only), as code points. */
function foreignControls(text: string): number[] {
  return [...text].filter((c) => /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(c) && c !== '\n').map((c) => c.codePointAt(0)!);
}

describe('the command line writes no control character it did not make (item 5)', () => {
  let sim: Simulator;
  let dir: string;
  let keychain: Keychain;
  let app: AppServices;
  let acme: ProfileSummary;
  let userId: string;
  const written: string[] = [];

  const cli = async (argv: string[]): Promise<CliRun> => {
    const run = await runCliIn(dir, keychain, argv);
    written.push(run.stdout, run.stderr);
    return run;
  };

  beforeAll(async () => {
    const state = new SimState();
    userId = seedDemo(state, { apiKey: accessKey }).user.id;
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-cli-terminal-');
    keychain = createMemoryKeychain();
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain,
      clipboard: new MemoryClipboard(),
      version: 't',
      generateCheckTimers: null, // the "app" here makes no check of its own: the command line's runs are what is tested
    });
    acme = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  });
  afterAll(async () => {
    await app?.clipboard.clearSecretNow();
    await sim?.close();
    removeTempDir(dir);
  });

  it('keys generate --print: a value holding OSC 52 / OSC 0 / CSI is refused, never printed; the key is reported as possibly created', async () => {
    for (const json of [false, true]) {
      sim.state.nextMints.push({ secret: `${hostile}${json ? '-json' : ''}` });
      const run = await cli(['keys', 'generate', '--profile', 'Acme', '--name', `hostile-${json}`, '--print', ...(json ? ['--json'] : [])]);
      expect(run.code).toBe(1);
      expect(foreignControls(run.stdout + run.stderr)).toEqual([]);
      expect(run.stdout + run.stderr).not.toContain('cm0gLXJmIH4=');
      expect(run.stderr).toContain('may have been created');
      if (json) expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'bad-response', kind: 'uncertain', exitCode: 1 } });
    }
    expect((await keychain.listAccounts()).filter((a) => a.startsWith('key:'))).toEqual([]);
    // Both keys exist on CloudMC; the journal still says so, for the app's notice (the command line does not wait to check).
    expect(sim.state.listKeys(userId).filter((k) => k.name.startsWith('hostile-'))).toHaveLength(2);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'generate-intents.json'), 'utf8')) as { intents: { name: string }[] };
    expect(journal.intents.map((i) => i.name).sort()).toEqual(['hostile-false', 'hostile-true']);
  });

  it('keys list names the keys an interrupted Generate may have created, with how to revoke them', async () => {
    const run = await cli(['keys', 'list', '--profile', 'Acme']);
    expect(run.code).toBe(0);
    const made = sim.state.listKeys(userId).filter((k) => k.name.startsWith('hostile-'));
    for (const key of made) expect(run.stderr).toContain(key.id);
    expect(run.stderr).toContain('keys revoke');
    // Revoking one through the command line settles its intent; the other stays for the app's notice.
    expect((await cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'hostile-true', '--yes'])).code).toBe(0);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'generate-intents.json'), 'utf8')) as { intents: { name: string }[] };
    expect(journal.intents.map((i) => i.name)).toEqual(['hostile-false']);
    expect((await cli(['keys', 'revoke', '--profile', 'Acme', '--key', 'hostile-false', '--yes'])).code).toBe(0);
  });

  it('read: a stored copy holding control characters (placed by something else) is not printed; exit 1 and why, escaped', async () => {
    const { key } = sim.state.issueKey(userId, { name: 'planted' });
    await cli(['keys', 'list', '--profile', 'Acme']); // the cache learns the key's name
    await keychain.setSecret(generatedKeyAccount(acme.id, key.id), hostile);
    const run = await cli(['read', 'cmc://Acme/planted']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('control characters');
    expect(foreignControls(run.stdout + run.stderr)).toEqual([]);
    // The exec path gives the value to a child's environment only (no terminal involved): unchanged.
  });

  it('names, ids and profile names from the cache files and the config reach the terminal escaped, in every command', async () => {
    // Something else wrote the app's files: a key named with an OSC 0 title change, an id with a CSI, a profile name with a bell.
    const cacheFile = path.join(dir, 'key-lists', `${acme.id}.json`);
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { keys: Record<string, unknown>[] };
    cache.keys.push({
      id: 'evil\u001b[2Kid',
      name: 'evil\u001b]0;title\u0007name\r',
      creationDate: '2026-01-01T00:00:00Z',
      lastUsedDate: null,
      lastUsedIp: '1.2.3.4\u001b[1A',
    });
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    const configFile = path.join(dir, 'config.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { profiles: { id: string; name: string }[] };
    config.profiles.push({ ...config.profiles[0]!, id: 'second-profile', name: 'Bell\u0007\u001b]0;x\u0007' });
    fs.writeFileSync(configFile, JSON.stringify(config));

    const runs = [
      await cli(['keys', 'list', '--profile', 'Acme', '--offline']),
      await cli(['keys', 'list', '--profile', 'Acme', '--offline', '--json']),
      await cli(['profiles', 'list']),
      await cli(['profiles', 'list', '--json']),
      await cli(['health']),
      await cli(['health', '--json']),
      await cli(['keys', 'list', '--profile', 'Bell\u0007\u001b]0;x\u0007', '--offline']),
      await cli(['read', 'cmc://Acme/evil%1B%5D0%3Btitle%07name']),
      await cli(['keys', 'list', '--profile', 'No\u001b[2Jsuch']),
    ];
    expect(runs[0]!.code).toBe(0);
    expect(runs[0]!.stdout).toContain('evil\\u{1b}]0;title\\u{7}name\\u{d}');
    for (const run of runs) expect(foreignControls(run.stdout + run.stderr)).toEqual([]);
  });

  it('nothing any run of this file wrote holds a control character the command line did not make', () => {
    expect(written.length).toBeGreaterThan(10);
    for (const text of written) expect(foreignControls(text)).toEqual([]);
  });
});

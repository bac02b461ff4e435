// Runs one CLI command in this process (runCli, as `npm run cli` does) on a data dir and a keychain, in English, its outputs kept as text.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src-main/cli/run-cli';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import { confStoreBackend } from '../src-main/helpers';

/** A stream the CLI writes to, kept as text. */
class Capture {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** What one run gave: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `argv` with `--data-dir dir`, stdin a closed pipe, no signal, CloudMC calls bounded (one attempt, 5 s). */
export async function runCliIn(dir: string, keychain: Keychain, argv: string[]): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['--data-dir', dir, ...argv], {
    storeBackend: confStoreBackend,
    keychain: () => keychain,
    defaultDataDir: dir,
    version: '0.0.0-test',
    program: 'cloudmc',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' },
    osLocale: 'en-US',
    stdout,
    stderr,
    stdin: Object.assign(new PassThrough(), { isTTY: false }),
    signals: new EventEmitter(),
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

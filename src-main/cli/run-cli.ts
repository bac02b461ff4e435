// The CLI's entry: parses argv, opens main's services on the app's data dir, runs one command, answers its exit code. Electron's main calls it for `--cli`.
import path from 'node:path';
import readline from 'node:readline';
import type { ClientOptions } from '../services/cloudmc/cloudmc-client';
import type { Keychain } from '../services/keychain/keychain';
import { osPolicySource } from '../services/policy/os-policy-source';
import { jsonFileSource, type PolicySource } from '../services/policy/policy-source';
import type { StoreBackendFactory } from '../services/store/json-store';
import { redact } from '../log';
import { helpText, parseCliArgs, type ParsedArgs } from './args';
import { openContext, type CliContext } from './cli-context';
import { Interrupts, type CommandEnv, type OutStream } from './command-env';
import { describeFailure } from './describe-failure';
import { execCommand, forwardedSignals, type SignalSource } from './exec-command';
import { completionScript, completionShells } from './completion';
import { completeNames } from './complete-names';
import { CliFailure, exitCodes } from './exit-codes';
import { healthCommand } from './health-command';
import { keysGenerate } from './keys-generate';
import { keysList } from './keys-list';
import { keysRename } from './keys-rename';
import { keysRevoke } from './keys-revoke';
import { cliLanguageOf, translator } from './messages';
import { jsonText, terminalSafe } from './output';
import { profilesAdd } from './profiles-add';
import { profilesList } from './profiles-list';
import { profilesRemove } from './profiles-remove';
import { profilesShow } from './profiles-show';
import { readCommand } from './read-command';
import { readSecret } from './secret-input';
import { runCommand } from './run-command';

/** What the CLI is built from: the same parts the app's services get, plus the terminal. */
export interface CliDeps {
  /** electron-store in the app, conf from a checkout (same files). */
  storeBackend: StoreBackendFactory;
  /** The OS keychain (keytar), created once per run. */
  keychain: () => Keychain;
  /** The app's data dir when --data-dir is not given (Electron's userData in the app). */
  defaultDataDir: string;
  version: string;
  /** How the user started the CLI, for help and usage lines ("npm run cli --", "cloudmc-credentials --cli"). */
  program: string;
  env?: NodeJS.ProcessEnv;
  /** The OS locale when no LC_ALL / LC_MESSAGES / LANG is set (Intl's, or Electron's app.getLocale()). */
  osLocale?: string;
  stdout?: OutStream;
  stderr?: OutStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  signals?: SignalSource;
  clientOptions?: Partial<ClientOptions>;
  /** The organization's policy when no --policy-file is given: the OS's managed place by default. */
  policySource?: PolicySource;
  /** Accept `--policy-file PATH` (`npm run cli` from a checkout, and tests); the packaged app's `--cli` never does. */
  policyFileOption?: boolean;
}

/** Runs one CLI command; resolves with the exit code (the caller exits with it). Never throws. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const env = deps.env ?? process.env;
  // Whatever a message or a value holds, only the newlines the CLI makes reach the terminal as control characters (security.md 41).
  const stdout = terminalSafe(deps.stdout ?? process.stdout);
  const stderr = terminalSafe(deps.stderr ?? process.stderr);
  const stdin = deps.stdin ?? process.stdin;
  const signals = deps.signals ?? process;
  const language = cliLanguageOf(env, deps.osLocale ?? Intl.DateTimeFormat().resolvedOptions().locale);
  const t = translator(language);
  const secrets = new Set<string>();
  const json = argv.includes('--json') && argv.indexOf('--json') < (argv.indexOf('--') === -1 ? Infinity : argv.indexOf('--'));

  const interrupts = new Interrupts();
  const onSignal = (): void => interrupts.fire();
  let ctx: CliContext | null = null;
  let listening = false;
  try {
    const parsed: ParsedArgs = parseCliArgs(argv, t, deps.program, { policyFile: deps.policyFileOption === true });
    if (parsed.kind === 'version') {
      stdout.write(`${deps.version}\n`);
      return exitCodes.ok;
    }
    if (parsed.kind === 'help') {
      stdout.write(helpText(deps.program, parsed.command, t, deps.defaultDataDir, parsed.group));
      return exitCodes.ok;
    }
    const { command, values, rest } = parsed;
    const name = command.words.join(' ');
    const str = (key: string): string => values[key] as string;
    // Made from the commands table alone: no data folder is opened.
    if (name === 'completion') {
      const shell = completionShells.find((sh) => sh === rest[0]);
      if (!shell) throw new CliFailure('usage', exitCodes.usage, t('usage.completion-shell'));
      stdout.write(completionScript(shell));
      return exitCodes.ok;
    }
    const needsYes = name === 'keys revoke' ? 'usage.revoke-needs-yes' : name === 'profiles remove' ? 'usage.remove-needs-yes' : null;
    if (needsYes && !values['yes'] && !stdin.isTTY) {
      stderr.write(`${t(needsYes)}\n`);
      if (json) stdout.write(jsonText({ error: { code: 'usage', kind: 'cli', message: t(needsYes), exitCode: exitCodes.usage } }));
      return exitCodes.usage;
    }
    // exec forwards signals to its command itself; every other command turns them into a cancel.
    if (name !== 'exec' && name !== 'run') {
      for (const signal of forwardedSignals) signals.on(signal, onSignal);
      listening = true;
    }
    const dataDir = path.resolve(parsed.dataDir ?? deps.defaultDataDir);
    ctx = await openContext({
      dataDir,
      storeBackend: deps.storeBackend,
      keychain: deps.keychain(),
      version: deps.version,
      ...(deps.clientOptions ? { clientOptions: deps.clientOptions } : {}),
      policySource: parsed.policyFile !== undefined ? jsonFileSource(path.resolve(parsed.policyFile)) : (deps.policySource ?? osPolicySource()),
      t,
      note: (line) => stderr.write(`${line}\n`),
      command: { name, print: values['print'] === true },
    });
    interrupts.check();
    const commandEnv: CommandEnv = {
      ctx,
      t,
      language,
      stdout,
      stderr,
      stdinIsTTY: stdin.isTTY === true,
      ask: (question) => ask(question, stdin, stderr, interrupts),
      readSecret: (prompt) => readSecret(prompt, stdin, stderr, interrupts),
      json: values['json'] === true,
      interrupts,
      signals,
      secrets,
    };
    let code: number;
    switch (name) {
      case 'profiles list':
        code = await profilesList(commandEnv);
        break;
      case 'profiles add':
        code = await profilesAdd(commandEnv, rest[0]!, str('endpoint'), values['ca'] as string | undefined);
        break;
      case 'profiles show':
        code = await profilesShow(commandEnv, rest[0]!);
        break;
      case 'profiles remove':
        code = await profilesRemove(commandEnv, rest[0]!, values['yes'] === true);
        break;
      case 'keys list':
        code = await keysList(commandEnv, str('profile'), values['offline'] === true);
        break;
      case 'keys generate':
        code = await keysGenerate(commandEnv, str('profile'), str('name'), values['print'] === true);
        break;
      case 'keys rename':
        code = await keysRename(commandEnv, str('profile'), str('key'), str('name'));
        break;
      case 'keys revoke':
        code = await keysRevoke(commandEnv, str('profile'), str('key'), values['yes'] === true, values['keep-copy'] === true);
        break;
      case 'exec':
        code = await execCommand(commandEnv, str('profile'), values['key'] as string | undefined, rest);
        break;
      case 'run':
        code = await runCommand(commandEnv, str('env-file'), rest);
        break;
      case 'health':
        code = await healthCommand(commandEnv, values['profile'] as string | undefined);
        break;
      case '__complete':
        code = await completeNames(commandEnv, rest[0]!, values['profile'] as string | undefined);
        break;
      default:
        code = await readCommand(commandEnv, rest[0]!);
    }
    return code;
  } catch (e) {
    const failure = describeFailure(e, t);
    // An interrupt that stopped the work is exit 130 whatever the service made of it (cancelled, or "may have happened").
    const exitCode =
      interrupts.interrupted && (failure.kind === 'cancelled' || failure.kind === 'uncertain') ? exitCodes.interrupted : failure.exitCode;
    const detail = failure.code === 'internal' && e instanceof Error ? ` (${e.name}: ${e.message.split('\n')[0]})` : '';
    const message = redact(`${failure.message}${detail}`, secrets);
    stderr.write([message, ...failure.extra].map((line) => `${line}\n`).join(''));
    if (json) stdout.write(jsonText({ error: { code: failure.code, kind: failure.kind, message, exitCode } }));
    return exitCode;
  } finally {
    if (listening) for (const signal of forwardedSignals) signals.off(signal, onSignal);
    await ctx?.dispose();
    secrets.clear();
  }
}

/** Asks one question on stderr and reads one line from the terminal; null when interrupted or stdin ends. */
function ask(question: string, stdin: NodeJS.ReadableStream, stderr: OutStream, interrupts: Interrupts): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: stdin, terminal: false }); // the question goes through `stderr`, escaped
    let answered = false;
    const finish = (answer: string | null): void => {
      if (answered) return;
      answered = true;
      stop();
      rl.close();
      resolve(answer);
    };
    const stop = interrupts.on(() => finish(null));
    rl.once('line', (line) => finish(line));
    rl.once('close', () => finish(null));
    stderr.write(question);
  });
}

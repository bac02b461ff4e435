// The CLI's commands and options in one table, the parsing of argv against it, and the help made from it.
import { parseArgs } from 'node:util';
import { CliFailure, exitCodes } from './exit-codes';
import type { MessageKey, Translate } from './messages';

/** One option of a command. */
interface OptionSpec {
  type: 'string' | 'boolean';
  help: MessageKey;
  required?: boolean;
  /** The value's name in the usage line. */
  value?: string;
}

/** One command: its words, its options, what follows them. */
export interface CommandSpec {
  words: readonly string[];
  summary: MessageKey;
  options: Readonly<Record<string, OptionSpec>>;
  /** `exec` takes a command after `--`; `read` takes one reference; `profiles add NAME`, `profiles show PROFILE` one argument (`arg` names it). */
  rest?: 'command' | 'reference' | 'one';
  /** The one argument's name in the usage line. */
  arg?: string;
  /** Left out of the help and of the completion words (`__complete`, which the completion scripts call). */
  hidden?: boolean;
}

const json: OptionSpec = { type: 'boolean', help: 'help.opt.json' };
const profile: OptionSpec = { type: 'string', help: 'help.opt.profile', required: true, value: 'PROFILE' };

/** Every command of the CLI. */
export const commandSpecs: readonly CommandSpec[] = [
  { words: ['profiles', 'list'], summary: 'help.profiles-list', options: { json } },
  {
    words: ['profiles', 'add'],
    summary: 'help.profiles-add',
    options: {
      endpoint: { type: 'string', help: 'help.opt.endpoint', required: true, value: 'URL' },
      ca: { type: 'string', help: 'help.opt.ca', value: 'FILE' },
      json,
    },
    rest: 'one',
    arg: 'NAME',
  },
  { words: ['profiles', 'show'], summary: 'help.profiles-show', options: { json }, rest: 'one', arg: 'PROFILE' },
  {
    words: ['profiles', 'remove'],
    summary: 'help.profiles-remove',
    options: { yes: { type: 'boolean', help: 'help.opt.yes' }, json },
    rest: 'one',
    arg: 'PROFILE',
  },
  { words: ['keys', 'list'], summary: 'help.keys-list', options: { profile, offline: { type: 'boolean', help: 'help.opt.offline' }, json } },
  {
    words: ['keys', 'generate'],
    summary: 'help.keys-generate',
    options: {
      profile,
      name: { type: 'string', help: 'help.opt.name', required: true, value: 'NAME' },
      print: { type: 'boolean', help: 'help.opt.print' },
      json,
    },
  },
  {
    words: ['keys', 'rename'],
    summary: 'help.keys-rename',
    options: {
      profile,
      key: { type: 'string', help: 'help.opt.key', required: true, value: 'KEY' },
      name: { type: 'string', help: 'help.opt.name', required: true, value: 'NEW_NAME' },
      json,
    },
  },
  {
    words: ['keys', 'revoke'],
    summary: 'help.keys-revoke',
    options: {
      profile,
      key: { type: 'string', help: 'help.opt.key', required: true, value: 'KEY' },
      yes: { type: 'boolean', help: 'help.opt.yes' },
      'keep-copy': { type: 'boolean', help: 'help.opt.keep-copy' },
      json,
    },
  },
  { words: ['exec'], summary: 'help.exec', options: { profile, key: { type: 'string', help: 'help.opt.exec-key', value: 'KEY' } }, rest: 'command' },
  {
    words: ['run'],
    summary: 'help.run',
    options: { 'env-file': { type: 'string', help: 'help.opt.env-file', required: true, value: 'FILE' } },
    rest: 'command',
  },
  { words: ['read'], summary: 'help.read', options: {}, rest: 'reference' },
  { words: ['health'], summary: 'help.health', options: { profile: { ...profile, required: false }, json } },
  { words: ['completion'], summary: 'help.completion', options: {}, rest: 'one', arg: 'bash|zsh|fish|powershell' },
  // The completion scripts' source of profile and key names (complete-names.ts).
  {
    words: ['__complete'],
    summary: 'help.completion',
    options: { profile: { ...profile, required: false } },
    rest: 'one',
    arg: 'profiles|keys',
    hidden: true,
  },
];

/** What the command line asked for; `policyFile` only where --policy-file is accepted (a checkout and tests, never the packaged app). */
export type ParsedArgs =
  | { kind: 'help'; command: CommandSpec | null; dataDir: string | undefined; group?: string }
  | { kind: 'version' }
  | {
      kind: 'run';
      command: CommandSpec;
      values: Record<string, string | boolean | undefined>;
      rest: string[];
      dataDir: string | undefined;
      policyFile?: string | undefined;
    };

/** Options of parseCliArgs. */
export interface ParseOptions {
  /** Accept `--policy-file PATH` (a policy read from a test's folder instead of the OS's managed place). */
  policyFile?: boolean;
}

const groups = new Set(commandSpecs.filter((c) => c.words.length > 1).map((c) => c.words[0]!));

/** The index in `args` of the first word no option of `command` takes (-1: none); an option it does not know stops the search. */
function commandStart(args: readonly string[], command: CommandSpec, options: ParseOptions): number {
  const takesValue = new Set([
    ...Object.entries(command.options)
      .filter(([, o]) => o.type === 'string')
      .map(([name]) => `--${name}`),
    '--data-dir',
    ...(options.policyFile ? ['--policy-file'] : []),
  ]);
  const known = new Set([...Object.keys(command.options).map((name) => `--${name}`), '--data-dir', '--policy-file', '--help', '-h']);
  for (let k = 0; k < args.length; k += 1) {
    const token = args[k]!;
    if (!token.startsWith('-') || token === '-') return k;
    // An unknown option: whose it is cannot be told; parseArgs reports it.
    if (!known.has(token.split('=')[0]!)) return -1;
    if (takesValue.has(token)) k += 1;
  }
  return -1;
}

/** Parses argv (without the program): global options, the command words, the command's options; usage errors are CliFailure with exit 2. */
export function parseCliArgs(argv: readonly string[], t: Translate, program: string, options: ParseOptions = {}): ParsedArgs {
  const usage = (key: MessageKey, params: Record<string, string> = {}, command: CommandSpec | null = null): CliFailure =>
    new CliFailure('usage', exitCodes.usage, t(key, params), [t('usage.see-help', { cmd: [program, ...(command?.words ?? [])].join(' ') })]);
  const dash = argv.indexOf('--');
  const head = dash === -1 ? [...argv] : argv.slice(0, dash);
  const tail = dash === -1 ? [] : argv.slice(dash + 1);

  // Global options before the command words.
  let dataDir: string | undefined;
  let policyFile: string | undefined;
  let help = false;
  let i = 0;
  for (; i < head.length; i += 1) {
    const token = head[i]!;
    if (options.policyFile && (token === '--policy-file' || token.startsWith('--policy-file='))) {
      policyFile = token === '--policy-file' ? head[i + 1] : token.slice('--policy-file='.length);
      if (policyFile === undefined) throw usage('usage.option-value', { arg: '--policy-file' });
      if (token === '--policy-file') i += 1;
    } else if (token === '--data-dir') {
      dataDir = head[i + 1];
      if (dataDir === undefined) throw usage('usage.option-value', { arg: token });
      i += 1;
    } else if (token.startsWith('--data-dir=')) dataDir = token.slice('--data-dir='.length);
    else if (token === '--help' || token === '-h') help = true;
    else if (token === '--version') return { kind: 'version' };
    else if (token.startsWith('-')) throw usage('usage.unknown-option', { arg: shown(token) });
    else break;
  }
  let word = head[i];
  if (word === 'help') {
    help = true;
    i += 1;
    word = head[i];
  }
  if (word === undefined) {
    if (help) return { kind: 'help', command: null, dataDir };
    throw usage('usage.unknown-command', { name: '' });
  }
  const words = groups.has(word) ? [word, head[i + 1] ?? ''] : [word];
  const command = commandSpecs.find((c) => c.words.join(' ') === words.join(' '));
  if (!command) {
    // `keys` alone (or with options only) lists its subcommands.
    if (groups.has(word) && (words[1] === '' || words[1]!.startsWith('-'))) return { kind: 'help', command: null, dataDir, group: word };
    throw usage('usage.unknown-command', { name: shown(words.join(' ').trim()) });
  }
  let args = head.slice(i + words.length);
  let commandWords: string[] | null = null;
  if (command.rest === 'command') {
    // `exec --profile P CMD ...` without `--`: the command starts at the first word no option takes; the rest (a `--` too) is its own.
    const start = commandStart(args, command, options);
    if (start !== -1) {
      commandWords = argv.slice(i + words.length + start);
      args = args.slice(0, start);
    }
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: {
        ...Object.fromEntries(Object.entries(command.options).map(([name, o]) => [name, { type: o.type }])),
        'data-dir': { type: 'string' },
        ...(options.policyFile ? { 'policy-file': { type: 'string' as const } } : {}),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: command.rest === 'reference' || command.rest === 'one',
    }) as typeof parsed;
  } catch (e) {
    throw parseError(e, usage, command);
  }
  if (help || parsed.values['help']) return { kind: 'help', command, dataDir: (parsed.values['data-dir'] as string | undefined) ?? dataDir };
  for (const [name, o] of Object.entries(command.options)) {
    if (o.required && (parsed.values[name] === undefined || parsed.values[name] === '')) throw usage('usage.missing-option', { name }, command);
  }
  let rest: string[];
  if (command.rest === 'command') {
    rest = commandWords ?? tail;
    if (rest.length === 0 || rest[0] === '') throw usage('usage.exec-needs-command', {}, command);
  } else if (command.rest === 'reference') {
    rest = [...parsed.positionals, ...tail];
    if (rest.length !== 1) throw usage('usage.read-uri', {}, command);
  } else if (command.rest === 'one') {
    rest = [...parsed.positionals, ...tail];
    if (rest.length !== 1 || rest[0]!.trim() === '') throw usage('usage.one-argument', { what: command.arg ?? '' }, command);
  } else {
    if (tail.length > 0) throw usage('usage.unexpected', { arg: shown(tail[0]!) }, command);
    rest = [];
  }
  return {
    kind: 'run',
    command,
    values: parsed.values,
    rest,
    dataDir: (parsed.values['data-dir'] as string | undefined) ?? dataDir,
    ...(options.policyFile ? { policyFile: (parsed.values['policy-file'] as string | undefined) ?? policyFile } : {}),
  };
}

/** node:util's parse errors in the CLI's words (the option or argument named, never a value that could be a key). */
function parseError(
  e: unknown,
  usage: (key: MessageKey, params: Record<string, string>, command: CommandSpec) => CliFailure,
  command: CommandSpec,
): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  const message = (e as Error).message ?? '';
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usage('usage.unknown-option', { arg: shown(quoted.split('=')[0]!) }, command);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return usage('usage.option-value', { arg: /(--?[\w-]+)/.exec(message)?.[1] ?? '' }, command);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return usage('usage.unexpected', { arg: shown(quoted) }, command);
  return e;
}

/** The usage line of a command. */
export function usageLine(program: string, command: CommandSpec): string {
  const parts = Object.entries(command.options).map(([name, o]) => {
    const text = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
    return o.required ? text : `[${text}]`;
  });
  if (command.rest === 'command') parts.push('[--] COMMAND [ARGS...]');
  if (command.rest === 'reference') parts.push('cmc://PROFILE/KEYNAME');
  return [program, ...command.words, ...(command.rest === 'one' ? [command.arg ?? 'ARG'] : []), ...parts].join(' ');
}

/** The help of one command, of a group's commands (`keys`), or of the whole CLI. */
export function helpText(program: string, command: CommandSpec | null, t: Translate, defaultDataDir: string, group?: string): string {
  if (command) {
    const options = Object.entries(command.options).map(([name, o]) => [
      o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`,
      t(o.help),
    ]);
    const width = Math.max(0, ...options.map(([flag]) => flag!.length));
    return [
      `${t('help.usage')}: ${usageLine(program, command)}`,
      '',
      t(command.summary),
      ...(options.length ? ['', `${t('help.options')}:`, ...options.map(([flag, text]) => `  ${flag!.padEnd(width)}  ${text}`)] : []),
      '',
      t('help.global', { dir: defaultDataDir }),
      t('help.exit-codes'),
      '',
    ].join('\n');
  }
  return [
    `${t('help.usage')}: ${program} ${group ? `${group} ` : ''}COMMAND [OPTIONS]`,
    '',
    `${t('help.commands')}:`,
    ...commandSpecs.filter((c) => !c.hidden && (!group || c.words[0] === group)).map((c) => `  ${usageLine(program, c)}\n      ${t(c.summary)}`),
    '',
    t('help.global', { dir: defaultDataDir }),
    t('help.exit-codes'),
    '',
  ].join('\n');
}

/** An argument as a usage error may show it: a long one (it could be a key pasted in the wrong place) only by its first characters. */
export function shown(arg: string): string {
  return arg.length > 24 ? `${arg.slice(0, 3)}…` : arg;
}

// The CLI's argv parsing and help (src-main/cli/args.ts): what each command line is read as, its usage errors (exit 2, the help
// named), and the help text made from the commands table.
import { describe, expect, it } from 'vitest';
import { commandSpecs, helpText, parseCliArgs, shown, usageLine, type ParsedArgs } from '../../../../src-main/cli/args';
import { CliFailure, exitCodes } from '../../../../src-main/cli/exit-codes';
import { translator } from '../../../../src-main/cli/messages';

const t = translator('en');
const parse = (argv: string[], policyFile = false): ParsedArgs => parseCliArgs(argv, t, 'cloudmc', { policyFile });

/** What a parse that must fail threw: its code, exit code, message and extra lines. */
function usageError(argv: string[], policyFile = false): { code: string; exitCode: number; message: string; extra: string[] } {
  try {
    parse(argv, policyFile);
  } catch (e) {
    if (!(e instanceof CliFailure)) throw e;
    return { code: e.code, exitCode: e.exitCode, message: e.message, extra: e.extra };
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
}

/** The run a command line parses to: the command's words, its option values, its arguments, the data dir. */
function run(
  argv: string[],
  policyFile = false,
): { words: string; values: Record<string, unknown>; rest: string[]; dataDir?: string; policyFile?: string } {
  const parsed = parse(argv, policyFile);
  if (parsed.kind !== 'run') throw new Error(`not a run: ${parsed.kind}`);
  return {
    words: parsed.command.words.join(' '),
    values: { ...parsed.values },
    rest: parsed.rest,
    ...(parsed.dataDir !== undefined ? { dataDir: parsed.dataDir } : {}),
    ...(parsed.policyFile !== undefined ? { policyFile: parsed.policyFile } : {}),
  };
}

describe('parseCliArgs', () => {
  it('reads each command with its options and arguments', () => {
    expect(run(['profiles', 'list', '--json'])).toEqual({ words: 'profiles list', values: { json: true }, rest: [] });
    expect(run(['keys', 'list', '--profile', 'Acme', '--offline'])).toEqual({
      words: 'keys list',
      values: { profile: 'Acme', offline: true },
      rest: [],
    });
    expect(run(['keys', 'generate', '--profile=Acme', '--name', 'ci deploy', '--print'])).toEqual({
      words: 'keys generate',
      values: { profile: 'Acme', name: 'ci deploy', print: true },
      rest: [],
    });
    expect(run(['keys', 'revoke', '--profile', 'Acme', '--key', 'k1', '--yes', '--keep-copy'])).toEqual({
      words: 'keys revoke',
      values: { profile: 'Acme', key: 'k1', yes: true, 'keep-copy': true },
      rest: [],
    });
    expect(run(['profiles', 'add', 'Acme', '--endpoint', 'https://cmc.example/api'])).toEqual({
      words: 'profiles add',
      values: { endpoint: 'https://cmc.example/api' },
      rest: ['Acme'],
    });
    expect(run(['read', 'cmc://Acme/ci'])).toEqual({ words: 'read', values: {}, rest: ['cmc://Acme/ci'] });
    expect(run(['health'])).toEqual({ words: 'health', values: {}, rest: [] });
    expect(run(['__complete', 'keys', '--profile', 'Acme'])).toEqual({ words: '__complete', values: { profile: 'Acme' }, rest: ['keys'] });
  });

  it('takes --data-dir before the command or among its options (the later one wins)', () => {
    expect(run(['--data-dir', '/d1', 'profiles', 'list'])).toEqual({ words: 'profiles list', values: {}, rest: [], dataDir: '/d1' });
    expect(run(['--data-dir=/d1', 'profiles', 'list', '--data-dir', '/d2']).dataDir).toBe('/d2');
    expect(usageError(['--data-dir'])).toEqual({
      code: 'usage',
      exitCode: exitCodes.usage,
      message: 'Option "--data-dir" needs a value.',
      extra: ['Run "cloudmc --help" for usage.'],
    });
  });

  it('exec and run: the command starts after "--" or at the first word no option takes; what follows is the command\'s own', () => {
    expect(run(['exec', '--profile', 'Acme', '--', 'env', '--json'])).toEqual({
      words: 'exec',
      values: { profile: 'Acme' },
      rest: ['env', '--json'],
    });
    expect(run(['exec', '--profile', 'Acme', 'curl', '-s', '--', 'x'])).toEqual({
      words: 'exec',
      values: { profile: 'Acme' },
      rest: ['curl', '-s', '--', 'x'],
    });
    expect(run(['run', '--env-file', '.env', 'make', 'deploy'])).toEqual({ words: 'run', values: { 'env-file': '.env' }, rest: ['make', 'deploy'] });
    expect(usageError(['exec', '--profile', 'Acme'])).toEqual({
      code: 'usage',
      exitCode: exitCodes.usage,
      message: 'Give the command to run, after the options or after "--".',
      extra: ['Run "cloudmc exec --help" for usage.'],
    });
  });

  it('usage errors name the option or argument and the help to read (exit 2)', () => {
    expect(usageError(['keys', 'lst'])).toEqual({
      code: 'usage',
      exitCode: 2,
      message: 'Unknown command "keys lst".',
      extra: ['Run "cloudmc --help" for usage.'],
    });
    expect(usageError([]).message).toBe('Unknown command "".');
    expect(usageError(['keys', 'list'])).toEqual({
      code: 'usage',
      exitCode: 2,
      message: 'Missing option --profile.',
      extra: ['Run "cloudmc keys list --help" for usage.'],
    });
    expect(usageError(['keys', 'list', '--profile', ''])).toMatchObject({ message: 'Missing option --profile.' });
    expect(usageError(['keys', 'list', '--profile', 'A', '--colour'])).toMatchObject({ message: 'Unknown option "--colour".' });
    expect(usageError(['--verbose', 'keys', 'list'])).toMatchObject({ message: 'Unknown option "--verbose".' });
    expect(usageError(['keys', 'list', '--profile'])).toMatchObject({ message: 'Option "--profile" needs a value.' });
    expect(usageError(['profiles', 'list', 'extra'])).toMatchObject({ message: 'Unexpected argument "extra".' });
    expect(usageError(['profiles', 'list', '--', 'extra'])).toMatchObject({ message: 'Unexpected argument "extra".' });
    expect(usageError(['profiles', 'show'])).toEqual({
      code: 'usage',
      exitCode: 2,
      message: 'Give one PROFILE.',
      extra: ['Run "cloudmc profiles show --help" for usage.'],
    });
    expect(usageError(['profiles', 'show', 'a', 'b'])).toMatchObject({ message: 'Give one PROFILE.' });
    expect(usageError(['read'])).toMatchObject({ message: 'Give one reference of the form cmc://PROFILE/KEYNAME (encode a "/" in a name as %2F).' });
  });

  it('never repeats a long argument whole (it could be a key pasted in the wrong place)', () => {
    const pasted = 'Zx9Q-aLongSecretLookingValue-0123456789abcdef';
    const failure = usageError(['keys', 'list', '--profile', 'Acme', pasted]);
    expect(failure.message).toBe('Unexpected argument "Zx9…".');
    expect(JSON.stringify(failure)).not.toContain(pasted.slice(3));
    expect(usageError([pasted]).message).toBe('Unknown command "Zx9…".');
    expect(usageError(['keys', 'list', `--${pasted}=x`]).message).toBe('Unknown option "--Z…".');
    expect(shown('short-enough-24-chars-xx')).toBe('short-enough-24-chars-xx');
    expect(shown('twenty-five-characters-xx')).toBe('twe…');
  });

  it('--policy-file only where it is accepted (a checkout, tests), before or after the command', () => {
    expect(run(['--policy-file', '/p.json', 'profiles', 'list'], true)).toEqual({
      words: 'profiles list',
      values: {},
      rest: [],
      policyFile: '/p.json',
    });
    expect(run(['profiles', 'list', '--policy-file=/q.json'], true).policyFile).toBe('/q.json');
    expect(usageError(['--policy-file', '/p.json', 'profiles', 'list'])).toMatchObject({ message: 'Unknown option "--policy-file".' });
    expect(usageError(['profiles', 'list', '--policy-file', '/p.json'])).toMatchObject({ message: 'Unknown option "--policy-file".' });
  });

  it('--version, help, --help and a group alone are not runs', () => {
    expect(parse(['--version'])).toEqual({ kind: 'version' });
    expect(parse(['--help'])).toEqual({ kind: 'help', command: null, dataDir: undefined });
    expect(parse(['help'])).toEqual({ kind: 'help', command: null, dataDir: undefined });
    expect(parse(['keys'])).toEqual({ kind: 'help', command: null, dataDir: undefined, group: 'keys' });
    expect(parse(['--data-dir', '/d', 'profiles', '--json'])).toEqual({ kind: 'help', command: null, dataDir: '/d', group: 'profiles' });
    const keysList = commandSpecs.find((c) => c.words.join(' ') === 'keys list')!;
    expect(parse(['help', 'keys', 'list'])).toEqual({ kind: 'help', command: keysList, dataDir: undefined });
    // --help wins over a missing required option.
    expect(parse(['keys', 'list', '-h'])).toEqual({ kind: 'help', command: keysList, dataDir: undefined });
  });
});

describe('the help', () => {
  it('a usage line per command, built from its options', () => {
    const line = (words: string): string =>
      usageLine(
        'cloudmc',
        commandSpecs.find((c) => c.words.join(' ') === words)!,
      );
    expect(line('keys revoke')).toBe('cloudmc keys revoke --profile PROFILE --key KEY [--yes] [--keep-copy] [--json]');
    expect(line('exec')).toBe('cloudmc exec --profile PROFILE [--key KEY] [--] COMMAND [ARGS...]');
    expect(line('read')).toBe('cloudmc read cmc://PROFILE/KEYNAME');
    expect(line('profiles add')).toBe('cloudmc profiles add NAME --endpoint URL [--ca FILE] [--json]');
    expect(line('health')).toBe('cloudmc health [--profile PROFILE] [--json]');
  });

  it("one command's help: usage, summary, its options aligned, the global options and exit codes", () => {
    const keysList = commandSpecs.find((c) => c.words.join(' ') === 'keys list')!;
    expect(helpText('cloudmc', keysList, t, '/data', undefined).split('\n')).toEqual([
      'Usage: cloudmc keys list --profile PROFILE [--offline] [--json]',
      '',
      t('help.keys-list'),
      '',
      'Options:',
      `  --profile PROFILE  ${t('help.opt.profile')}`,
      `  --offline          ${t('help.opt.offline')}`,
      `  --json             ${t('help.opt.json')}`,
      '',
      'Global options: --data-dir DIR (the app data folder; default /data), --help.',
      t('help.exit-codes'),
      '',
    ]);
  });

  it('the whole help lists every command but the hidden one; a group lists its own', () => {
    const all = helpText('cloudmc', null, t, '/data');
    expect(all.startsWith('Usage: cloudmc COMMAND [OPTIONS]\n\nCommands:\n')).toBe(true);
    for (const c of commandSpecs) expect(all.includes(`  ${usageLine('cloudmc', c)}\n      ${t(c.summary)}`), c.words.join(' ')).toBe(!c.hidden);
    expect(all).not.toContain('__complete');
    const keys = helpText('cloudmc', null, t, '/data', 'keys');
    expect(keys.startsWith('Usage: cloudmc keys COMMAND [OPTIONS]\n')).toBe(true);
    expect([...keys.matchAll(/^ {2}cloudmc (\S+ \S+)/gm)].map((m) => m[1])).toEqual(['keys list', 'keys generate', 'keys rename', 'keys revoke']);
  });

  it('speaks the language it is given', () => {
    const fr = translator('fr');
    expect(helpText('cloudmc', null, fr, '/d').split('\n')[0]).toBe('Utilisation: cloudmc COMMAND [OPTIONS]');
    expect(() => parseCliArgs(['keys', 'lst'], fr, 'cloudmc')).toThrow(fr('usage.unknown-command', { name: 'keys lst' }));
  });
});

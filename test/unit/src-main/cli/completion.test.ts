// Completion scripts: the bash one run in a real bash (COMP_WORDS set as bash's completion sets them); the others checked for every
// command (zsh's script is the bash one under bashcompinit; fish runs for real in test/unit/keychain-system/cli-complete-names.test.ts; no
// pwsh on this machine: its name completion is checked as text); `completion bash` as a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../../../../src-main/cli/args';
import { completionScript } from '../../../../src-main/cli/completion';
import { root } from './processes';

/** What bash offers after `line` (its last word is the one being completed). */
function bashComplete(line: string): string[] {
  const words = line.split(' ');
  const run = `${completionScript('bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cloudmc; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', run]).toString().split('\n').filter(Boolean);
}

describe('completion', () => {
  it('bash completes commands, subcommands and each command’s options, skipping --data-dir and its value', () => {
    expect(bashComplete('cloudmc ')).toEqual(
      expect.arrayContaining(['profiles', 'keys', 'exec', 'run', 'read', 'health', 'completion', '--version']),
    );
    expect(bashComplete('cloudmc keys ').sort()).toEqual(['generate', 'list', 'rename', 'revoke']);
    expect(bashComplete('cloudmc profiles ').sort()).toEqual(['add', 'list', 'remove', 'show']);
    expect(bashComplete('cloudmc keys generate --')).toEqual(expect.arrayContaining(['--profile', '--name', '--print', '--json']));
    expect(bashComplete('cloudmc --data-dir /tmp/x keys l')).toEqual(['list']);
    expect(bashComplete('cloudmc profiles add Acme --')).toEqual(expect.arrayContaining(['--endpoint', '--ca', '--json']));
    expect(bashComplete('cloudmc run --')).toEqual(expect.arrayContaining(['--env-file']));
    expect(bashComplete('cloudmc completion ').sort()).toEqual(['bash', 'fish', 'powershell', 'zsh']);
  });

  it('zsh, fish and powershell scripts name every command and option', () => {
    expect(completionScript('zsh').startsWith('autoload -U +X bashcompinit && bashcompinit\n')).toBe(true);
    for (const shell of ['fish', 'powershell'] as const) {
      const script = completionScript(shell);
      for (const spec of commandSpecs.filter((c) => !c.hidden)) {
        for (const word of spec.words) expect(script).toContain(word);
        for (const option of Object.keys(spec.options)) expect(script).toContain(`--${option}`);
      }
    }
    expect(completionScript('powershell')).toContain('Register-ArgumentCompleter -Native');
    expect(completionScript('fish')).toContain("complete -c cloudmc -n '__fish_use_subcommand'");
  });

  it('powershell asks `__complete` for names after --profile, --key (with --profile) and `profiles show|remove`, and quotes what it offers', () => {
    const script = completionScript('powershell');
    // The words as PowerShell passes them to the program (quotes removed), --data-dir and --profile carried to `__complete`.
    expect(script).toContain('if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value }');
    expect(script).toContain("if ($prev -eq '--profile') { $what = @('profiles') }");
    expect(script).toContain("elseif ($prev -eq '--key' -and $profileName -ne '') { $what = @('keys', '--profile', $profileName) }");
    expect(script).toContain("($key -eq 'profiles show' -or $key -eq 'profiles remove') -and ($prev -eq 'show' -or $prev -eq 'remove')");
    expect(script).toContain('& $program @dataDir __complete @what 2>$null');
    // A name that is not a plain word goes in single quotes with its own quotes doubled: one argument, nothing expanded.
    expect(script).toContain(`$text = if ($_ -match '^[\\w.:/@+-]+$') { $_ } else { "'" + ($_ -replace "'", "''") + "'" }`);
    // $profile is PowerShell's own variable (the profile script's path): never assigned.
    expect(script).not.toMatch(/\$profile\s*=/i);
  });

  it('`completion bash` prints the script (no data folder needed); an unknown shell is exit 2', () => {
    const main = path.join(root, 'src-main/cli/main.ts');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', main, '--data-dir', '/nonexistent', 'completion', 'bash'], { cwd: root });
    expect(ok.status).toBe(0);
    expect(ok.stdout.toString()).toBe(completionScript('bash'));
    const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'completion', 'tcsh'], {
      cwd: root,
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toContain('Give a shell: bash, zsh, fish or powershell.');
  });
});

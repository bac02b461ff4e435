// `completion bash|zsh|fish|powershell`: a completion script for the `cloudmc` and `cloudmc-credentials` commands, made from the
// commands table (commands, subcommands, each command's options), so it never falls behind it.
import { commandSpecs } from './args';

/** The shells a script is made for. */
export const completionShells = ['bash', 'zsh', 'fish', 'powershell'] as const;
/** One of them. */
export type CompletionShell = (typeof completionShells)[number];

/** The command names the scripts register for. */
const programs = ['cloudmc', 'cloudmc-credentials'];
const globalFlags = ['--data-dir', '--help'];

/** What may follow each command line so far: "" (the first word), a group ("keys"), or a whole command ("keys list"). */
function candidates(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const firsts = new Set<string>();
  for (const spec of commandSpecs.filter((c) => !c.hidden)) {
    firsts.add(spec.words[0]!);
    if (spec.words.length > 1) map.set(spec.words[0]!, [...(map.get(spec.words[0]!) ?? []), spec.words[1]!]);
    map.set(spec.words.join(' '), [...Object.keys(spec.options).map((o) => `--${o}`), ...globalFlags]);
  }
  map.set('', [...firsts, 'completion', 'help', '--version', ...globalFlags]);
  map.set('completion', [...completionShells]);
  return map;
}

/** bash: profile and key names after --profile, --key and `profiles show|remove`, from `__complete` (the cached data: no CloudMC call,
 * no secret); matched as plain text and quoted with printf %q, never expanded (a name is data). */
const bashNames = String.raw`  local prev="${'$'}{COMP_WORDS[COMP_CWORD-1]}" what="" profile="" dd=() j name names typed
  for ((j = 1; j < COMP_CWORD; j++)); do
    case "${'$'}{COMP_WORDS[j]}" in
      --data-dir) dd=(--data-dir "${'$'}{COMP_WORDS[j+1]}") ;;
      --profile) profile="${'$'}{COMP_WORDS[j+1]}" ;;
    esac
  done
  if [[ "$prev" == --profile ]]; then what=profiles
  elif [[ "$prev" == --key && -n "$profile" ]]; then what=keys
  elif [[ ( "$key" == "profiles show" || "$key" == "profiles remove" ) && ( "$prev" == show || "$prev" == remove ) && "$cur" != -* ]]; then what=profiles
  fi
  if [ -n "$what" ]; then
    profile="$(_cloudmc_unquote "$profile")"
    [ ${'$'}{#dd[@]} -eq 2 ] && dd[1]="$(_cloudmc_unquote "${'$'}{dd[1]}")"
    typed="$(_cloudmc_unquote "$cur")"
    names="$("${'$'}{COMP_WORDS[0]}" "${'$'}{dd[@]}" __complete "$what" ${'$'}{profile:+--profile "$profile"} 2>/dev/null)"
    COMPREPLY=()
    while IFS= read -r name; do
      [[ -n "$name" && "$name" == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
    done <<< "$names"
    return 0
  fi
`;

/** bash: a word as typed, its backslashes and one pair of surrounding quotes removed. */
const bashUnquote = String.raw`_cloudmc_unquote() { local w="${'$'}{1//\\/}"; w="${'$'}{w#[\"\']}"; printf '%s' "${'$'}{w%[\"\']}"; }
`;

/** The script for one shell. */
export function completionScript(shell: CompletionShell): string {
  const map = candidates();
  const groups = [...new Set(commandSpecs.filter((c) => c.words.length > 1).map((c) => c.words[0]!))];
  if (shell === 'fish') return fishScript(map, groups);
  if (shell === 'powershell') return powershellScript(map, groups);
  const cases = [...map.entries()].map(([key, words]) => `    '${key}') words='${words.join(' ')}' ;;`).join('\n');
  const bash = `${bashUnquote}_cloudmc() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" key="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --data-dir) ((i++)) ;;
      -*) ;;
      *) if [ -z "$key" ]; then key="\${COMP_WORDS[i]}"; elif [[ " ${groups.join(' ')} " == *" $key "* && "$key" != *" "* ]]; then key="$key \${COMP_WORDS[i]}"; fi ;;
    esac
  done
${bashNames}  local words=""
  case "$key" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _cloudmc ${programs.join(' ')}
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bash}` : bash;
}

/** fish: the names, as bash's script offers them (after --profile, --key with --profile on the line, `profiles show|remove`), from
 * `__complete`; fish takes each output line as one candidate and escapes it itself. `commandline -opc` gives the words before the cursor
 * with their quotes removed. */
const fishNames = String.raw`function __cloudmc_after_name_option
    set -l words (commandline -opc)
    contains -- "$words[-1]" --profile --key
end
function __cloudmc_names
    set -l words (commandline -opc)
    set -l dd
    set -l profile
    for i in (seq 2 (count $words))
        switch "$words[$i]"
            case --data-dir
                set dd --data-dir $words[(math $i + 1)]
            case --profile
                set profile $words[(math $i + 1)]
        end
    end
    set -l what
    if test "$words[-1]" = --profile
        set what profiles
    else if test "$words[-1]" = --key; and test -n "$profile"
        set what keys --profile $profile
    else if contains -- "$words[-1]" show remove; and __fish_seen_subcommand_from profiles
        set what profiles
    else
        return
    end
    $words[1] $dd __complete $what 2>/dev/null
end
`;

function fishScript(map: Map<string, string[]>, groups: string[]): string {
  const lines = [fishNames.trimEnd(), `complete -c cloudmc -f`, `complete -c cloudmc-credentials -f`];
  for (const program of programs) {
    for (const [key, words] of map) {
      const parts = key.split(' ').filter(Boolean);
      const condition =
        parts.length === 0
          ? '__fish_use_subcommand'
          : parts.length === 1 && groups.includes(parts[0]!)
            ? `__fish_seen_subcommand_from ${parts[0]}; and not __fish_seen_subcommand_from ${map.get(parts[0]!)!.join(' ')}`
            : parts.map((p) => `__fish_seen_subcommand_from ${p}`).join('; and ');
      // Right after --profile or --key only names are offered, not the command's options.
      const notForName = parts.length === 0 ? '' : '; and not __cloudmc_after_name_option';
      lines.push(`complete -c ${program} -n '${condition}${notForName}' -a '${words.join(' ')}'`);
    }
    lines.push(`complete -c ${program} -a '(__cloudmc_names)'`);
  }
  return `${lines.join('\n')}\n`;
}

/** PowerShell: the same names from `__complete` after --profile, --key (with --profile given) and `profiles show|remove`; a name that is
 * not a plain word is offered single-quoted (its quotes doubled), so PowerShell passes it as one argument and never expands it. */
const powershellNames = `  $prev = if ($words.Count -gt 0) { $words[-1] } else { '' }
  $what = @()
  if ($prev -eq '--profile') { $what = @('profiles') }
  elseif ($prev -eq '--key' -and $profileName -ne '') { $what = @('keys', '--profile', $profileName) }
  elseif (($key -eq 'profiles show' -or $key -eq 'profiles remove') -and ($prev -eq 'show' -or $prev -eq 'remove') -and -not $wordToComplete.StartsWith('-')) { $what = @('profiles') }
  if ($what.Count -gt 0) {
    $typed = $wordToComplete -replace "^['\`"]|['\`"]$", ''
    $program = $commandAst.CommandElements[0].Extent.Text
    & $program @dataDir __complete @what 2>$null | Where-Object { $_ -ne '' -and $_.StartsWith($typed, [System.StringComparison]::OrdinalIgnoreCase) } | ForEach-Object {
      $text = if ($_ -match '^[\\w.:/@+-]+$') { $_ } else { "'" + ($_ -replace "'", "''") + "'" }
      [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
    }
    return
  }
`;

function powershellScript(map: Map<string, string[]>, groups: string[]): string {
  const table = [...map.entries()].map(([key, words]) => `    '${key}' = @(${words.map((w) => `'${w}'`).join(', ')})`).join('\n');
  return `$cloudmcCandidates = @{
${table}
}
$cloudmcGroups = @(${groups.map((g) => `'${g}'`).join(', ')})
Register-ArgumentCompleter -Native -CommandName ${programs.map((p) => `'${p}'`).join(', ')} -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $key = ''
  $profileName = ''
  $dataDir = @()
  # Each word as PowerShell passes it: a quoted string without its quotes.
  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object {
    if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value } else { $_.ToString() }
  })
  if ($wordToComplete -ne '') { $words = @($words | Select-Object -SkipLast 1) }
  for ($i = 0; $i -lt $words.Count; $i++) {
    $w = $words[$i]
    if ($w -eq '--data-dir') { if ($i + 1 -lt $words.Count) { $dataDir = @('--data-dir', $words[$i + 1]) }; $i++; continue }
    if ($w -eq '--profile' -and $i + 1 -lt $words.Count) { $profileName = $words[$i + 1] }
    if ($w.StartsWith('-')) { continue }
    if ($key -eq '') { $key = $w } elseif (($cloudmcGroups -contains $key) -and -not $key.Contains(' ')) { $key = "$key $w" }
  }
${powershellNames}  $cloudmcCandidates[$key] | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}

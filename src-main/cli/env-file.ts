// The `run --env-file` file: `NAME=VALUE` lines (blank lines and `# comments` skipped, `export ` allowed, one pair of quotes around
// a value removed). A value `cmc://PROFILE/KEYNAME` names a stored copy to resolve; any other value is passed as written.
import { CliFailure, exitCodes } from './exit-codes';
import type { Translate } from './messages';
import { safeText } from './output';

/** One variable of the file. */
export interface EnvEntry {
  name: string;
  /** 1-based, for messages (which never show a value). */
  line: number;
  value: string;
  /** True when the value is a `cmc://` reference to resolve. */
  reference: boolean;
}

const entryLine = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** Parses the file's text; a line that is not NAME=VALUE is a usage error naming its number only. */
export function parseEnvFile(text: string, file: string, t: Translate): EnvEntry[] {
  const entries: EnvEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = entryLine.exec(trimmed);
    if (!match) throw new CliFailure('usage', exitCodes.usage, t('run.bad-line', { line: String(index + 1), file: safeText(file) }));
    let value = match[2]!;
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    entries.push({ name: match[1]!, line: index + 1, value, reference: value.startsWith('cmc://') });
  });
  return entries;
}

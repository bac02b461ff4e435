// Windows: the policy is the REG_SZ value `Policy` of HKLM\SOFTWARE\Policies\CloudMC\Credentials (Group Policy or Intune writes it),
// read with reg.exe (no native module) in a UTF-8 console so non-ASCII names survive; polled, since the registry cannot be watched.
import { policyProblem } from './policy-document';
import { execFileRunner, foundJson, reasonOf, type CommandRunner, type PolicySource } from './policy-source';

/** The registry key and value the policy lives in. */
export const policyRegistryKey = 'HKLM\\SOFTWARE\\Policies\\CloudMC\\Credentials';
export const policyRegistryValue = 'Policy';

/** One value as `reg query KEY /v NAME` prints it: its type and its data; null when the output holds no such value. */
export function parseRegQuery(stdout: string, valueName: string): { type: string; data: string } | null {
  for (const line of stdout.split(/\r?\n/)) {
    // `    Policy    REG_SZ    {"version":1}`: four spaces before the name, between name and type, and between type and data.
    const match = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line);
    if (match && match[1]!.toLowerCase() === valueName.toLowerCase()) return { type: match[2]!, data: match[3] ?? '' };
  }
  return null;
}

/** The registry source; `systemRoot` is %SystemRoot% (programs are named by full path, never looked up on PATH). */
export function registryPolicySource(opts: { run?: CommandRunner; systemRoot?: string; pollMs?: number } = {}): PolicySource {
  const run = opts.run ?? execFileRunner;
  const system32 = `${opts.systemRoot ?? process.env['SystemRoot'] ?? 'C:\\Windows'}\\System32`;
  const where = `${policyRegistryKey}\\${policyRegistryValue}`;
  return {
    where,
    watchFolders: [],
    pollMs: opts.pollMs ?? 60_000,
    async read() {
      let answer: Awaited<ReturnType<CommandRunner>>;
      try {
        // cmd.exe /d: no AutoRun; chcp 65001 makes reg.exe write UTF-8; /reg:64 reads the 64-bit view whatever the app's bitness.
        // No quote inside the command: cmd.exe strips the pair Node puts around an argument with spaces, and no other.
        answer = await run(`${system32}\\cmd.exe`, [
          '/d',
          '/c',
          `chcp 65001 >nul & ${system32}\\reg.exe query ${policyRegistryKey} /v ${policyRegistryValue} /reg:64`,
        ]);
      } catch (e) {
        return { kind: 'bad', where, problem: policyProblem('unreadable', { reason: reasonOf(e) }) };
      }
      // reg.exe exits 1 when the key or the value does not exist: no policy.
      if (answer.code !== 0) return { kind: 'absent', where };
      const value = parseRegQuery(answer.stdout, policyRegistryValue);
      if (!value) return { kind: 'absent', where };
      if (value.type !== 'REG_SZ') return { kind: 'bad', where, problem: policyProblem('registry-type', { type: value.type }) };
      return foundJson(value.data, where);
    },
  };
}

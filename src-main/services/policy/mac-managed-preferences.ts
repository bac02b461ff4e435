// macOS: the managed preferences of `com.cloudmc.credentials` that a configuration profile (MDM) installs in /Library/Managed Preferences,
// the user's own folder there first. XML plists are read here; binary ones through `plutil -convert json` (no native module).
import path from 'node:path';
import { policyProblem } from './policy-document';
import { execFileRunner, foundJson, readPolicyBytes, reasonOf, type CommandRunner, type PolicyRead, type PolicySource } from './policy-source';
import { parseXmlPlist, PlistError } from './xml-plist';

/** The preference domain a configuration profile targets. */
export const preferenceDomain = 'com.cloudmc.credentials';

/** Where macOS puts managed preferences. */
export const managedPreferencesDir = '/Library/Managed Preferences';

/**
 * The preferences as a policy document: the keys are the policy's fields (`version`, `profiles`...), or one key `Policy` holds the
 * whole document as JSON text (as on Windows).
 */
export function documentOfPreferences(preferences: unknown, where: string): PolicyRead {
  if (preferences !== null && typeof preferences === 'object' && !Array.isArray(preferences)) {
    const keys = Object.keys(preferences);
    const text = (preferences as Record<string, unknown>)['Policy'];
    if (keys.length === 1 && typeof text === 'string') return foundJson(text, where);
  }
  return { kind: 'found', where, document: preferences };
}

/** The macOS source; `user` is the login name (its folder is read first), `run` runs plutil for binary plists. */
export function macPolicySource(opts: { user: string; dir?: string; run?: CommandRunner; pollMs?: number }): PolicySource {
  const dir = opts.dir ?? managedPreferencesDir;
  const run = opts.run ?? execFileRunner;
  const files = [...(opts.user && !/[/\\]|^\.\.?$/.test(opts.user) ? [path.join(dir, opts.user)] : []), dir].map((folder) =>
    path.join(folder, `${preferenceDomain}.plist`),
  );
  return {
    where: files.join(' or '),
    watchFolders: files.map((file) => path.dirname(file)),
    pollMs: opts.pollMs ?? 60_000,
    async read() {
      for (const file of files) {
        const got = await readPolicyBytes(file);
        if ('absent' in got) continue;
        if ('problem' in got) return { kind: 'bad', where: file, problem: got.problem };
        return readPlist(got.bytes, file, run);
      }
      return { kind: 'absent', where: files.join(' or ') };
    },
  };
}

async function readPlist(bytes: Buffer, file: string, run: CommandRunner): Promise<PolicyRead> {
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist') {
    let answer: Awaited<ReturnType<CommandRunner>>;
    try {
      answer = await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]);
    } catch (e) {
      return { kind: 'bad', where: file, problem: policyProblem('unreadable', { reason: reasonOf(e) }) };
    }
    if (answer.code !== 0) return { kind: 'bad', where: file, problem: policyProblem('not-plist') };
    const converted = foundJson(answer.stdout, file);
    return converted.kind === 'found' ? documentOfPreferences(converted.document, file) : converted;
  }
  try {
    return documentOfPreferences(parseXmlPlist(bytes.toString('utf8')), file);
  } catch (e) {
    if (e instanceof PlistError) return { kind: 'bad', where: file, problem: policyProblem('not-plist') };
    throw e;
  }
}

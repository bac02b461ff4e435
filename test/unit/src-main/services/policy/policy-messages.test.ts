// Every message main can send about the policy (each problem reason, each refusal) has its words in every shipped language.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyProblemReasons } from '../../../../../src-preload/contract/policy';
import { translation, uiLanguages } from '../../helpers';

const root = path.resolve(import.meta.dirname, '../../../../..');

/** The `policy.*` message keys written in main's code (the CLI has its own messages; the app channel's operation names are not messages). */
function policyKeysOfMain(): string[] {
  const files = fs
    .readdirSync(path.join(root, 'src-main'), { recursive: true, withFileTypes: true })
    .filter(
      (e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes(`${path.sep}cli`) && !e.parentPath.includes(`${path.sep}app-channel`),
    )
    .map((e) => path.join(e.parentPath, e.name));
  const keys = new Set<string>();
  for (const file of files) for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(policy\.[a-z.-]*[a-z])'/g)) keys.add(m[1]!);
  return [...keys];
}

describe('policy messages', () => {
  it('finds the refusals main sends (the scan itself works)', () => {
    expect(policyKeysOfMain()).toEqual(
      expect.arrayContaining(['policy.refused.managed', 'policy.refused.user-profiles', 'policy.refused.setting-locked']),
    );
  });

  it.each(uiLanguages)('%s has every problem reason and refusal', (language) => {
    const keys = [...policyProblemReasons.map((reason) => `policy.problem.${reason}`), ...policyKeysOfMain(), 'errors.endpoint-not-allowed'];
    expect(keys.filter((key) => !translation(language, key))).toEqual([]);
  });

  it('says the refused endpoint in the words users know (screens.md)', () => {
    expect(translation('en', 'errors.endpoint-not-allowed')).toBe('This endpoint is not allowed by your organization');
    expect(translation('fr', 'errors.endpoint-not-allowed')).toBe("Ce point d'entrée n'est pas autorisé par votre organisation");
    expect(translation('es', 'errors.endpoint-not-allowed')).toBe('Su organización no permite este punto final');
    expect(uiLanguages.map((l) => translation(l, 'policy.managed'))).toEqual(['Managed', 'Géré', 'Administrado']);
    expect(uiLanguages.map((l) => translation(l, 'policy.locked'))).toEqual([
      'Set by your organization',
      'Défini par votre organisation',
      'Establecido por su organización',
    ]);
  });
});

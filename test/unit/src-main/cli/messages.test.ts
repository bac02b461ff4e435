// The CLI's catalogue (src-main/cli/messages.ts): the same messages in English, French and Spanish, the language chosen from the
// environment as POSIX says, placeholders filled, and a message for every kind the contract lets a command print.
import { describe, expect, it } from 'vitest';
import { catalogOf, cliLanguageOf, cliLanguages, messageKeys, translator, type MessageKey } from '../../../../src-main/cli/messages';
import { errorCodes } from '../../../../src-preload/contract/errors';
import { keychainReasons } from '../../../../src-preload/contract/models';
import { healthKinds } from '../../../../src-preload/contract/rules';

const placeholders = (text: string): string[] => [...text.matchAll(/\{([A-Za-z-]+)\}/g)].map((m) => m[1]!).sort();

describe('the CLI messages', () => {
  it('every message exists in en, fr and es, is not empty, and has the same placeholders in each', () => {
    expect(cliLanguages).toEqual(['en', 'fr', 'es']);
    for (const language of cliLanguages) {
      const catalog = catalogOf(language);
      expect(Object.keys(catalog).sort(), language).toEqual([...messageKeys].sort());
      for (const key of messageKeys) {
        expect(catalog[key].trim(), `${language} ${key}`).not.toBe('');
        expect({ language, key, placeholders: placeholders(catalog[key]) }).toEqual({
          language,
          key,
          placeholders: placeholders(catalogOf('en')[key]),
        });
      }
    }
  });

  it('French and Spanish are translations, not English left in place (the few words equal in all three excepted)', () => {
    for (const language of ['fr', 'es'] as const) {
      const same = messageKeys.filter((key) => catalogOf(language)[key] === catalogOf('en')[key] && /[a-z]{4,} [a-z]{4,}/.test(catalogOf('en')[key]));
      expect(same, language).toEqual([]);
    }
  });

  it('has a message for each error code, keychain reason, access-key place and health kind a command can print', () => {
    const needed = [
      ...errorCodes.map((code) => `error.${code}`),
      ...keychainReasons.map((reason) => `keychain.${reason}`),
      ...['keychain', 'session', 'missing', 'unknown'].map((place) => `place.${place}`),
      ...healthKinds.flatMap((kind) => [`health.kind.${kind}`, `health.why.${kind}`]),
    ];
    expect(needed.filter((key) => !(messageKeys as string[]).includes(key))).toEqual([]);
  });

  it('the yes answers of a confirmation are lower-case words separated by commas, "y"/"yes" always among them', () => {
    for (const language of cliLanguages) {
      const answers = translator(language)('revoke.yes-answers').split(',');
      expect(answers, language).toEqual(expect.arrayContaining(['y', 'yes']));
      for (const answer of answers) expect(answer, language).toBe(answer.trim().toLocaleLowerCase());
    }
  });
});

describe('the CLI language', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, then the OS locale; anything else is English', () => {
    expect(cliLanguageOf({ LC_ALL: 'fr_CA.UTF-8', LC_MESSAGES: 'es_ES', LANG: 'en_US' }, 'en-US')).toBe('fr');
    expect(cliLanguageOf({ LC_ALL: '', LC_MESSAGES: 'es_ES.UTF-8', LANG: 'fr_FR' }, 'en-US')).toBe('es');
    expect(cliLanguageOf({ LANG: 'es_MX.UTF-8' }, 'fr-FR')).toBe('es');
    expect(cliLanguageOf({ LANG: 'fr@euro' }, undefined)).toBe('fr');
    expect(cliLanguageOf({}, 'fr-FR')).toBe('fr');
    expect(cliLanguageOf({}, 'es')).toBe('es');
    expect(cliLanguageOf({ LANG: 'C' }, 'fr-FR')).toBe('en');
    expect(cliLanguageOf({ LANG: 'POSIX' }, 'es-ES')).toBe('en');
    expect(cliLanguageOf({ LANG: 'de_DE.UTF-8' }, 'fr-FR')).toBe('en');
    expect(cliLanguageOf({}, undefined)).toBe('en');
  });
});

describe('the translator', () => {
  it('fills each {placeholder} it is given, leaves one it is not, and takes numbers', () => {
    const en = translator('en');
    expect(en('usage.unknown-command', { name: 'keys lst' })).toBe('Unknown command "keys lst".');
    expect(en('usage.unknown-command')).toBe('Unknown command "{name}".');
    expect(en('usage.see-help', { cmd: 'cloudmc keys' })).toBe('Run "cloudmc keys --help" for usage.');
    expect(en('health.why.idle', { days: 90 })).toBe('Not used for 90 days.');
    // A value holding something like a placeholder is not filled again.
    expect(en('usage.missing-option', { name: '{name}' })).toBe('Missing option --{name}.');
  });

  it('speaks the language asked for', () => {
    const key: MessageKey = 'help.usage';
    expect(cliLanguages.map((language) => translator(language)(key))).toEqual(['Usage', 'Utilisation', 'Uso']);
  });
});

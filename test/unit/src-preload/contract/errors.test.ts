// The contract's errors: the closed lists of codes and kinds, the code groups forms read, and the three rules the screens act on
// (a cached list shown and why, a change that may have happened, an access-key problem), checked against what main produces.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, kindOf } from '../../../../src-main/errors';
import {
  accessKeyProblemOf,
  endpointErrorCodes,
  errorCodes,
  errorKinds,
  fieldNamedErrorCodes,
  mayHaveHappened,
  staleKindOf,
  type ErrorKind,
} from '../../../../src-preload/contract/errors';

const locales = ['en', 'fr', 'es'].map((lang) => {
  const file = path.resolve(import.meta.dirname, `../../../../src-renderer/src/lib/i18n/locales/${lang}.json`);
  return [lang, JSON.parse(fs.readFileSync(file, 'utf8')) as { errors: Record<string, string> }] as const;
});

describe('the error lists', () => {
  it('name each code and kind once', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    expect(new Set(errorKinds).size).toBe(errorKinds.length);
  });

  it('give every code a kind in main, and every kind a code that produces it', () => {
    const produced = new Set(errorCodes.map(kindOf));
    for (const code of errorCodes) expect(errorKinds).toContain(kindOf(code));
    // `uncertain` is decided by a use-case (no answer to a change), never by a code alone.
    expect(errorKinds.filter((k) => !produced.has(k))).toEqual(['uncertain']);
  });

  it('have every code said in words in each locale, under the message key main answers', () => {
    for (const code of errorCodes) {
      const error = fail(code).appError;
      expect(error).toMatchObject({ code, kind: kindOf(code) });
      expect(error.messageKey).toBe(`errors.${code}`);
      for (const [lang, messages] of locales) expect(messages.errors[code], `${lang}: errors.${code}`).toBeTruthy();
    }
  });

  it('group the endpoint codes and the field-named codes among the codes, all of kind invalid', () => {
    for (const code of [...endpointErrorCodes, ...fieldNamedErrorCodes]) {
      expect(errorCodes).toContain(code);
      expect(kindOf(code)).toBe('invalid');
    }
  });
});

describe('the rules screens act on', () => {
  const all = (rule: (kind: ErrorKind) => unknown) => Object.fromEntries(errorKinds.map((kind) => [kind, rule(kind)]));

  it('shows a cached list for offline, rate-limited and server failures only', () => {
    expect(all((kind) => staleKindOf({ kind }))).toEqual({
      offline: 'offline',
      'rate-limited': 'rate-limited',
      server: 'server',
      uncertain: null,
      rejected: null,
      'key-needed': null,
      invalid: null,
      cancelled: null,
      keychain: null,
      local: null,
      internal: null,
    });
    expect(staleKindOf(null)).toBeNull();
  });

  it('treats an uncertain or cancelled change as one that may have happened', () => {
    expect(errorKinds.filter((kind) => mayHaveHappened({ kind }))).toEqual(['uncertain', 'cancelled']);
  });

  it('tells the access-key problem of a rejected key, a missing key and an unreadable keychain', () => {
    const problems = all((kind) => accessKeyProblemOf({ kind }));
    expect(Object.fromEntries(Object.entries(problems).filter(([, p]) => p !== null))).toEqual({
      rejected: 'rejected',
      'key-needed': 'missing',
      keychain: 'unknown',
    });
    expect(accessKeyProblemOf(null)).toBeNull();
    expect(accessKeyProblemOf(fail('unauthorized').appError)).toBe('rejected');
    expect(accessKeyProblemOf(fail('access-key-missing').appError)).toBe('missing');
  });
});

// The UI language: the saved choice, else the system's by primary subtag, else English.
import { describe, expect, it } from 'vitest';
import { resolveLocale, systemLocale } from '../../../../../src-renderer/src/lib/i18n';

describe('language choice', () => {
  it('follows the system by primary subtag, else English', () => {
    expect(systemLocale(['fr-CA', 'en-US'])).toBe('fr');
    expect(systemLocale(['de-DE', 'es-MX'])).toBe('es');
    expect(systemLocale(['de-DE', 'ja'])).toBe('en');
  });

  it('uses the saved language over the system one', () => {
    expect(resolveLocale('es', ['fr-FR'])).toBe('es');
    expect(resolveLocale('system', ['fr-FR'])).toBe('fr');
  });
});

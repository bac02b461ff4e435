// The UI language: the saved choice, else the system's by primary subtag, else English.
import { get } from 'svelte/store';
import { format, locale } from 'svelte-i18n';
import { describe, expect, it } from 'vitest';
import { applyLanguage, resolveLocale, setupI18n, systemLocale } from '../../../../../src-renderer/src/lib/i18n';

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

describe('languages loaded when first shown', () => {
  it('keeps the shown language until the chosen one is loaded, then switches; a later choice wins over a chunk still loading', async () => {
    await setupI18n('en');
    expect(get(locale)).toBe('en');
    const french = applyLanguage('fr');
    expect(get(locale)).toBe('en'); // no untranslated text while its chunk loads: English stays shown
    expect(await french).toBe('fr');
    expect(get(locale)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(get(format)('keys.generate')).not.toBe(get(format)('keys.generate', { locale: 'en' }));

    const spanish = applyLanguage('es');
    await applyLanguage('en');
    await spanish;
    expect(get(locale)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

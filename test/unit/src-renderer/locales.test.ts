// The three locale files have the same keys, no empty strings, and the message keys main sends for import errors.
import { describe, expect, it } from 'vitest';
import en from '../../../src-renderer/src/lib/i18n/locales/en.json';
import fr from '../../../src-renderer/src/lib/i18n/locales/fr.json';
import es from '../../../src-renderer/src/lib/i18n/locales/es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const locales = { en: flatten(en), fr: flatten(fr), es: flatten(es) };

describe('locale files', () => {
  it.each(['fr', 'es'] as const)('%s has exactly the keys of en', (lang) => {
    const missing = [...locales.en.keys()].filter((k) => !locales[lang].has(k));
    const extra = [...locales[lang].keys()].filter((k) => !locales.en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(['en', 'fr', 'es'] as const)('%s has no empty message and the new keys', (lang) => {
    expect([...locales[lang].entries()].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    for (const key of [
      'import.invalid.json', 'import.invalid.shape', 'import.invalid.name', 'import.invalid.endpoint', 'import.invalid.caPem', 'import.invalid.duplicate-in-file',
      'copies.badge', 'copies.orphans', 'revoke.removeCopy', 'profileState.live', 'profileState.cached', 'profileState.rejected', 'profileState.never', 'profileState.missing',
      'switcher.title', 'refreshAll.progress', 'search.label', 'settings.clipboard', 'transfer.replace',
      'errors.generate-uncertain', 'keychain.too-large', 'secret.pendingMessage', 'keys.offlineUnreachable', 'keys.limitedLead', 'keys.serverTroubleLead',
      'keys.offlineSaved', 'keys.accessNeeded', 'keys.accessNeededText', 'keys.cancelRefresh', 'keys.refreshCancelled',
    ]) expect(locales[lang].get(key), `${lang}: ${key}`).toBeTruthy();
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort().join(',');
    const mismatched = [...locales.en.entries()].filter(([k, v]) => placeholders(v) !== placeholders(locales.fr.get(k) ?? '') || placeholders(v) !== placeholders(locales.es.get(k) ?? ''));
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});

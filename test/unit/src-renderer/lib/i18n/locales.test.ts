// The three locale files have the same keys, no empty strings, French typography, and every message key main can send.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../../../src-preload/contract/errors';
import { keychainReasons } from '../../../../../src-preload/contract/models';
import en from '../../../../../src-renderer/src/lib/i18n/locales/en.json';
import fr from '../../../../../src-renderer/src/lib/i18n/locales/fr.json';
import es from '../../../../../src-renderer/src/lib/i18n/locales/es.json';

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

const root = path.resolve(import.meta.dirname, '../../../../..');

/** Every .ts file under a folder of the repository. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

const i18nPrefix = '(?:errors|warnings|data|keychain|store|import)';

/** The message keys main's code names: literals, and the expansions of the templates it uses. */
function messageKeysOfMain(): { keys: Set<string>; templatePrefixes: Set<string> } {
  const keys = new Set<string>(errorCodes.map((code) => `errors.${code}`));
  // The reasons a KeychainStatus can carry, from the contract (main sends `keychain.${reason}`).
  for (const reason of keychainReasons) keys.add(`keychain.${reason}`);
  const templatePrefixes = new Set<string>();
  // The command-line tool speaks from its own catalogue (src-main/cli/messages.ts); its keys never reach the window.
  for (const file of sourceFiles('src-main').filter((f) => !f.startsWith(path.join(root, 'src-main', 'cli') + path.sep))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`['"\`](${i18nPrefix}\\.[A-Za-z0-9.-]*[A-Za-z0-9])['"\`]`, 'g'))) keys.add(m[1]!);
    // `errors.${code}` and `keychain.${reason}` are expanded above; any other template needs at least its prefix.
    for (const m of text.matchAll(new RegExp(`\`(${i18nPrefix}\\.[A-Za-z0-9.-]*)\\$\\{`, 'g'))) templatePrefixes.add(m[1]!);
  }
  return { keys, templatePrefixes };
}

/** The keys this work knows main sends (issue 8), whether or not main's code names them yet. */
const issue8Keys = [
  'errors.store-write-failed',
  'errors.asked-to-wait',
  'errors.unexpected-status',
  'errors.change-uncertain',
  'errors.name-invisible',
  'errors.access-key-characters',
  'warnings.local-copy-not-saved',
  'keychain.not-answering',
  'data.read-only',
  'data.full',
  'data.not-a-file',
  'data.unwritable',
];

describe('locale files', () => {
  it.each(['fr', 'es'] as const)('%s has exactly the keys of en', (lang) => {
    const missing = [...locales.en.keys()].filter((k) => !locales[lang].has(k));
    const extra = [...locales[lang].keys()].filter((k) => !locales.en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(['en', 'fr', 'es'] as const)('%s has no empty message and the new keys', (lang) => {
    expect([...locales[lang].entries()].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    for (const key of [
      'import.invalid.json',
      'import.invalid.shape',
      'import.invalid.name',
      'import.invalid.endpoint',
      'import.invalid.caPem',
      'import.invalid.duplicate-in-file',
      'copies.badge',
      'copies.orphans',
      'revoke.removeCopy',
      'profileState.live',
      'profileState.cached',
      'profileState.rejected',
      'profileState.never',
      'profileState.missing',
      'switcher.title',
      'refreshAll.progress',
      'search.label',
      'settings.clipboard',
      'transfer.replace',
      'errors.generate-uncertain',
      'keychain.too-large',
      'secret.pendingMessage',
      'keys.offlineUnreachable',
      'keys.limitedLead',
      'keys.serverTroubleLead',
      'keys.offlineSaved',
      'keys.accessNeeded',
      'keys.accessNeededText',
      'keys.cancelRefresh',
      'keys.refreshCancelled',
      'keys.limited',
      'keys.serverTrouble',
      'keys.keyUnknown',
      'keys.changeCancelled',
      'access.unknown',
      'revoke.alreadyRevoked',
      'profileState.unknown',
      'transfer.accessKeyDropped',
      'transfer.accessKeyDroppedList',
      'notices.hide',
      'data.detail',
      'common.cancelling',
    ])
      expect(locales[lang].get(key), `${lang}: ${key}`).toBeTruthy();
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort().join(',');
    const mismatched = [...locales.en.entries()].filter(
      ([k, v]) => placeholders(v) !== placeholders(locales.fr.get(k) ?? '') || placeholders(v) !== placeholders(locales.es.get(k) ?? ''),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});

describe('message keys main sends', () => {
  const { keys, templatePrefixes } = messageKeysOfMain();

  it('finds the keys in main (the scan itself works)', () => {
    expect(keys.has('errors.generate-uncertain')).toBe(true);
    expect(keys.has('keychain.not-answering')).toBe(true);
    expect(keys.has('import.invalid.json')).toBe(true);
  });

  it.each(['en', 'fr', 'es'] as const)('%s has every message key main can send', (lang) => {
    const missing = [...keys, ...issue8Keys].filter((k) => !locales[lang].has(k));
    expect(missing).toEqual([]);
    const noPrefix = [...templatePrefixes].filter((prefix) => ![...locales[lang].keys()].some((k) => k.startsWith(prefix)));
    expect(noPrefix).toEqual([]);
  });

  it('names the values main gives in the messages that show them', () => {
    expect(locales.en.get('errors.store-write-failed')).toMatch(/\{reason\}/);
    expect(locales.en.get('errors.asked-to-wait')).toMatch(/\{retryAfterSeconds\}/);
    expect(locales.en.get('errors.unexpected-status')).toMatch(/\{status\}/);
    expect(locales.en.get('warnings.local-copy-not-saved')).toMatch(/\{reason\}/);
    for (const key of ['data.read-only', 'data.full', 'data.not-a-file', 'data.unwritable']) expect(locales.en.get(key)).toMatch(/\{path\}/);
  });
});

describe('French typography', () => {
  it('a no-break space before ":" and a narrow one before ";", "?" and "!"; none ordinary', () => {
    const wrong = [...locales.fr.entries()].filter(([, v]) => / [:;?!](\s|$)/.test(v) || /\u00a0[;?!]/.test(v) || /« | »/.test(v)).map(([k]) => k);
    expect(wrong).toEqual([]);
  });
});

describe('Spanish says "clave API"', () => {
  // CloudMC's own labels (screens.md) stay exactly as written; a row action carries the key's name after its label.
  const cloudmcLabels = ['Generar clave de API', 'Revocar clave de API'];
  const isCloudmcLabel = (text: string): boolean => cloudmcLabels.some((label) => text === label || text === `${label} {name}`);

  it('in every app text of es.json (only CloudMC\'s own labels keep "clave de API")', () => {
    const mixed = [...locales.es].filter(([, text]) => /claves? de API/i.test(text) && !isCloudmcLabel(text)).map(([key, text]) => `${key}: ${text}`);
    expect(mixed).toEqual([]);
  });

  it('with the labels screens.md fixes for what the app adds (rotate: "Rotar clave API")', () => {
    expect(locales.es.get('rotation.open')).toBe('Rotar clave API');
  });
});

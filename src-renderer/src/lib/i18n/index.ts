// Translations: English in the start-up bundle, French and Spanish as chunks loaded when first shown; the choice between the system
// language and a saved one, and the region dates and numbers follow.
import { addMessages, dictionary, init, locale } from 'svelte-i18n';
import { derived, get, type Readable } from 'svelte/store';
import type { LanguageChoice } from '../../../../src-preload/contract/models';
import { uiLanguages, type UiLanguage } from '../../../../src-preload/contract/rules';
import en from './locales/en.json';

/** The languages the UI is translated into (the contract's list). */
export const supportedLocales = uiLanguages;
/** One supported UI language. */
export type SupportedLocale = UiLanguage;

/**
 * Each language's translations: English (the fallback) is in the start-up bundle, the others are chunks loaded the first time they
 * are shown (issue 22: the renderer's start-up JS carries one language). A language of the contract without its file, or a file
 * for another, does not compile.
 */
const messages: Record<SupportedLocale, () => Promise<typeof en>> = {
  en: async () => en,
  fr: async () => (await import('./locales/fr.json')).default,
  es: async () => (await import('./locales/es.json')).default,
};
/** The language shown until the chosen one is loaded, and for any text a translation lacks: bundled, never a chunk. */
const fallbackLanguage = 'en' satisfies UiLanguage;
addMessages(fallbackLanguage, en);

function isSupported(tag: string): tag is SupportedLocale {
  return (supportedLocales as readonly string[]).includes(tag);
}

/** The first system language we support, by primary subtag (`fr-CA` → `fr`), else English. */
export function systemLocale(languages: readonly string[] = navigatorLanguages()): SupportedLocale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isSupported(primary)) return primary;
  }
  return fallbackLanguage;
}

/** The locale to show for a saved language choice. */
export function resolveLocale(choice: LanguageChoice, languages?: readonly string[]): SupportedLocale {
  return choice === 'system' ? systemLocale(languages) : choice;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

let initialised = false;
/** The language asked for last: a chunk that arrives after another choice is kept but not shown. */
let wanted: SupportedLocale = fallbackLanguage;

/** Initialises svelte-i18n (once, in English until the chosen language is there) and applies a language choice. */
export function setupI18n(choice: LanguageChoice = 'system'): Promise<SupportedLocale> {
  if (!initialised) {
    init({ fallbackLocale: fallbackLanguage, initialLocale: fallbackLanguage });
    initialised = true;
  }
  return applyLanguage(choice);
}

/**
 * Switches the UI language and sets `<html lang>`: at once when its texts are loaded, else once its chunk is (the language shown
 * until then stays: no untranslated text). Settles when the language is shown (or another was chosen meanwhile).
 */
export async function applyLanguage(choice: LanguageChoice): Promise<SupportedLocale> {
  const chosen = resolveLocale(choice);
  wanted = chosen;
  if (!(chosen in get(dictionary))) addMessages(chosen, await messages[chosen]());
  if (wanted === chosen) show(chosen);
  return chosen;
}

function show(chosen: SupportedLocale): void {
  void locale.set(chosen);
  if (typeof document !== 'undefined') document.documentElement.lang = chosen;
}

/**
 * The locale for dates and numbers: texts follow the UI language, formats follow the system's region.
 * The first system tag when it is in the UI language (en-GB stays en-GB), else the UI language with the system's region (fr on an en-GB system: fr-GB).
 */
export function formatLocaleFor(uiLocale: string, languages: readonly string[] = navigatorLanguages()): string {
  const first = languages[0];
  if (!first) return uiLocale;
  try {
    const system = new Intl.Locale(first);
    if (system.language === uiLocale) return system.toString();
    return system.region ? new Intl.Locale(uiLocale, { region: system.region }).toString() : uiLocale;
  } catch {
    return uiLocale;
  }
}

/** The current locale for dates and numbers (see formatLocaleFor), following UI language changes. */
export const formatLocale: Readable<string> = derived(locale, (value) => formatLocaleFor(value ?? fallbackLanguage));

// Translations: the three bundled locales, the choice between the system language and a saved one, and the region dates and numbers follow.
import { addMessages, init, locale } from 'svelte-i18n';
import { derived, get, type Readable } from 'svelte/store';
import type { LanguageChoice } from '../../../../src-preload/contract/models';
import { uiLanguages, type UiLanguage } from '../../../../src-preload/contract/rules';
import en from './locales/en.json';
import fr from './locales/fr.json';
import es from './locales/es.json';

/** The languages the UI is translated into (the contract's list). */
export const supportedLocales = uiLanguages;
/** One supported UI language. */
export type SupportedLocale = UiLanguage;

/** Each language's translations: a language of the contract without its file, or a file for another, does not compile. */
const messages: Record<SupportedLocale, typeof en> = { en, fr, es };
for (const language of supportedLocales) addMessages(language, messages[language]);

function isSupported(tag: string): tag is SupportedLocale {
  return (supportedLocales as readonly string[]).includes(tag);
}

/** The first system language we support, by primary subtag (`fr-CA` → `fr`), else English. */
export function systemLocale(languages: readonly string[] = navigatorLanguages()): SupportedLocale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isSupported(primary)) return primary;
  }
  return 'en';
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

/** Initialises svelte-i18n (once) and applies a language choice. */
export function setupI18n(choice: LanguageChoice = 'system'): SupportedLocale {
  const chosen = resolveLocale(choice);
  if (!initialised) {
    init({ fallbackLocale: 'en', initialLocale: chosen });
    initialised = true;
  }
  return applyLanguage(choice);
}

/** Switches the UI language at once and sets `<html lang>`. */
export function applyLanguage(choice: LanguageChoice): SupportedLocale {
  const chosen = resolveLocale(choice);
  void locale.set(chosen);
  if (typeof document !== 'undefined') document.documentElement.lang = chosen;
  return chosen;
}

/** The current UI locale. */
export function currentLocale(): SupportedLocale {
  const value = get(locale) ?? 'en';
  return isSupported(value) ? value : 'en';
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
export const formatLocale: Readable<string> = derived(locale, (value) => formatLocaleFor(value ?? 'en'));

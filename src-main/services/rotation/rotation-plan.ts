// The rules of a rotation that need no I/O: the replacement's default name, the grace period's deadline, and whether the old key was used too recently to revoke unasked.
import type { ApiKeyView } from '../../../src-preload/contract/models';
import { keyNameMaxCodePoints } from '../../../src-preload/contract/limits';
import { graceMaxDays, recentUseMs, type Grace } from '../../../src-preload/contract/rotation';
import { uiLanguages, type UiLanguage } from '../../../src-preload/contract/rules';
import { fail } from '../../errors';

const hourMs = 60 * 60 * 1000;
const presetMs: Record<Exclude<Grace, { until: string }>, number> = { now: 0, '1h': hourMs, '24h': 24 * hourMs, '7d': 7 * 24 * hourMs };

/** The replacement's name suffix in each UI language (docs: screens.md's rotation labels). */
const rotatedSuffix: Record<UiLanguage, (day: string) => string> = {
  en: (day) => ` (rotated ${day})`,
  fr: (day) => ` (renouvelée le ${day})`,
  es: (day) => ` (rotada el ${day})`,
};

/** The UI language of a locale tag ("fr-CA" → fr); English when the UI is not translated into it. */
export function uiLanguageOf(locale: string): UiLanguage {
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return uiLanguages.find((l) => l === base) ?? 'en';
}

/** "<name> (rotated YYYY-MM-DD)" in the user's language, the old name shortened (never the suffix) so the whole fits CloudMC's 100 characters. */
export function defaultRotatedName(oldName: string, now: Date, language: UiLanguage = 'en'): string {
  const suffix = rotatedSuffix[language](now.toISOString().slice(0, 10));
  const room = keyNameMaxCodePoints - [...suffix].length;
  const base = [...oldName.trim()].slice(0, room).join('').trimEnd();
  return `${base || 'key'}${suffix}`;
}

/** Refuses a date that is not in the future or is too far away (invalid-input on `grace`). */
export function checkGrace(grace: Grace, now: Date): void {
  if (typeof grace === 'string') return;
  const until = Date.parse(grace.until);
  if (Number.isNaN(until)) throw fail('invalid-input', { details: { field: 'grace', reason: 'date' } });
  if (until <= now.getTime()) throw fail('invalid-input', { messageKey: 'rotation.errors.grace-past', details: { field: 'grace', reason: 'past' } });
  if (until - now.getTime() > graceMaxDays * 24 * hourMs)
    throw fail('invalid-input', { messageKey: 'rotation.errors.grace-too-far', details: { field: 'grace', reason: 'too-far', max: graceMaxDays } });
}

/** When the old key is revoked, for a grace period counted from `from` (the moment the replacement is ready). */
export function retireAtOf(grace: Grace, from: Date): Date {
  if (typeof grace === 'string') return new Date(from.getTime() + presetMs[grace]);
  return new Date(Math.max(Date.parse(grace.until), from.getTime()));
}

/**
 * The old key's use that should make the app ask before revoking it: a use within the last hour, not made by the app itself
 * (for the profile's own key, uses before the profile moved to the new key were the app's own). Null when it may go unasked.
 */
export function recentUseOf(key: ApiKeyView, now: Date, ownUsesUntil: string | null): { ip: string | null; at: string } | null {
  if (key.lastUsedDate === null) return null;
  const at = Date.parse(key.lastUsedDate);
  if (Number.isNaN(at) || now.getTime() - at > recentUseMs) return null;
  if (ownUsesUntil !== null && at <= Date.parse(ownUsesUntil)) return null;
  return { ip: key.lastUsedIp, at: key.lastUsedDate };
}

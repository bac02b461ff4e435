// Client-side checks with precise, translatable messages; key-name limits come from the contract, as main enforces them.
import { codePointLength, isInvisibleText, keyNameMaxCodePoints } from '../../../src-preload/contract/limits';

/** A translatable validation message. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

/** The longest key name CloudMC accepts, in characters (code points: an emoji counts once). */
export const MAX_KEY_NAME = keyNameMaxCodePoints;

/** A name typed but made only of invisible characters: refused in main's words (errors.name-invisible). */
const invisibleName: Problem = { key: 'errors.name-invisible' };

/** Checks a new key's name: optional (empty lets CloudMC pick one), at most 100 characters after trimming, never only invisible characters. */
export function checkGenerateName(raw: string): Problem | null {
  if (raw === '') return null;
  const name = raw.trim();
  const count = codePointLength(name);
  if (count > MAX_KEY_NAME) return { key: 'generate.nameTooLong', values: { count } };
  if (name !== '' && isInvisibleText(name)) return invisibleName;
  return null;
}

/** Checks a rename: 1–100 characters after trimming, not only invisible characters. */
export function checkRenameName(raw: string): Problem | null {
  const name = raw.trim();
  if (name.length === 0) return { key: 'rename.required' };
  const count = codePointLength(name);
  if (count > MAX_KEY_NAME) return { key: 'rename.tooLong', values: { count } };
  if (isInvisibleText(name)) return invisibleName;
  return null;
}

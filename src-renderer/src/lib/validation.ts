// Client-side checks with precise, translatable messages.

/** A translatable validation message. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

/** The longest key name CloudMC accepts. */
export const MAX_KEY_NAME = 100;

/** Checks a new key's name: optional, at most 100 characters after trimming. */
export function checkGenerateName(raw: string): Problem | null {
  const name = raw.trim();
  if (name.length > MAX_KEY_NAME) return { key: 'generate.nameTooLong', values: { count: name.length } };
  return null;
}

/** Checks a rename: 1–100 characters after trimming. */
export function checkRenameName(raw: string): Problem | null {
  const name = raw.trim();
  if (name.length === 0) return { key: 'rename.required' };
  if (name.length > MAX_KEY_NAME) return { key: 'rename.tooLong', values: { count: name.length } };
  return null;
}

// Limits and defaults stated once: main enforces them, the renderer's forms show the same numbers.

/** How many characters (Unicode code points, as CloudMC counts them) a key name may have. */
export const keyNameMaxCodePoints = 100;

/** How many characters a profile name may have. */
export const profileNameMaxCodePoints = 200;

/** Largest profiles file an import reads (checked before the file is read, and again by main). */
export const importFileMaxBytes = 10 * 1024 * 1024;

/** Most hits one search across every cached list answers (the UI says when there are more). */
export const searchResultsMax = 1000;

/** Hits a search answers when the caller does not say. */
export const searchResultsDefault = 200;

/** Longest clipboard auto-clear delay, in seconds (0 turns clearing off). */
export const clipboardClearMaxSeconds = 3600;

/** Counts code points (what CloudMC and the forms call characters): an emoji is one, not two UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** True for text that shows nothing: only spaces, control, format (zero-width, bidi) or other invisible characters. */
export function isInvisibleText(text: string): boolean {
  return /^[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Mn}\u115F\u1160\u3164\uFFA0\u2800]*$/u.test(text);
}

/** Key ids as CloudMC issues them: path-safe tokens, never `.` or `..` (which would change the request path). */
export const keyIdPattern = /^(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,200}$/;

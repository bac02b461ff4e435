// Splits a translated sentence around a placeholder so the value can be rendered as a text node (never HTML).

/** A marker no translation contains, passed as the placeholder's value. */
export const PLACEHOLDER_MARK = '\u2063\u2063PLACEHOLDER\u2063\u2063';

/** Splits `message` (formatted with PLACEHOLDER_MARK as the value) into the text before and after it. */
export function splitAroundMark(message: string): { before: string; after: string } {
  const at = message.indexOf(PLACEHOLDER_MARK);
  if (at < 0) return { before: message, after: '' };
  return { before: message.slice(0, at), after: message.slice(at + PLACEHOLDER_MARK.length) };
}

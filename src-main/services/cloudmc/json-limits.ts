// Parses CloudMC's JSON answers within limits, so no answer can block the main process (issue 8, item 8).
import { fail } from '../../errors';

/** Deepest nesting of arrays and objects an answer may have; CloudMC's answers use 3 (`{data: [{...}]}`), errors 4. */
export const maxJsonDepth = 32;

/** The UTF-16 codes of JSON's structural characters, for scans that allocate nothing. */
export const jsonCode = { quote: 0x22, backslash: 0x5c, openBrace: 0x7b, openBracket: 0x5b, closeBrace: 0x7d, closeBracket: 0x5d } as const;
const { quote, backslash, openBrace, openBracket, closeBrace, closeBracket } = jsonCode;

/**
 * The deepest nesting of `[`/`{` in a JSON text, stopping as soon as it passes `limit`.
 * One linear pass over the UTF-16 units, nothing allocated; brackets inside strings are skipped.
 */
export function jsonNestingDepth(text: string, limit: number = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === backslash)
        i++; // the escaped unit cannot end the string
      else if (c === quote) inString = false;
    } else if (c === quote) {
      inString = true;
    } else if (c === openBrace || c === openBracket) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === closeBrace || c === closeBracket) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Parses an answer body: refuses nesting deeper than `maxDepth` before `JSON.parse` sees it (bad-response, reason `depth`),
 * and text that is not JSON (bad-response, reason `json`). Size is bounded earlier, by the transport's `maxBodyBytes`.
 */
export function parseJsonWithLimits(text: string, maxDepth: number = maxJsonDepth): unknown {
  if (jsonNestingDepth(text, maxDepth) > maxDepth) throw fail('bad-response', { details: { reason: 'depth', limit: maxDepth } });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail('bad-response', { details: { reason: 'json' } });
  }
}

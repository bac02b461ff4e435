// Reads the `data` array of a big CloudMC answer one element at a time, giving the event loop back every few ms (issue 17, item 6):
// a whole JSON.parse of 4 MiB of tiny entries builds millions of values in one go and held main for seconds.
import { fail } from '../../errors';
import { jsonCode, maxJsonDepth } from './json-limits';

/** How long one slice of the walk may run before the event loop gets a turn. */
export const dataWalkSliceMs = 8;

const { quote, backslash, openBrace, openBracket, closeBrace, closeBracket } = jsonCode;
const comma = 0x2c;
const colon = 0x3a;

const badJson = (): Error => fail('bad-response', { details: { reason: 'json' } });
const badShape = (): Error => fail('bad-response', { details: { reason: 'schema' } });

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The index of the quote that ends the string opening at `start`, or -1 when it never ends. */
function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ;) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === backslash) slashes++;
    if (slashes % 2 === 0) return q;
    from = q + 1;
  }
}

/**
 * Calls `visit` with the text of each element of the array under the top-level key `data` of a JSON object (`{"data": [...]}`),
 * in order. Between slices of `sliceMs` the event loop runs (and `signal` is looked at: cancelled). Only the envelope is checked
 * here (its brackets, strings and nesting, at most `maxDepth`): each element's text is the visitor's to parse.
 * Throws bad-response: reason `json` (not JSON, an empty element, truncated), `depth`, or `schema` (no `data` array, or two).
 */
export async function visitDataElements(
  text: string,
  visit: (element: string) => void,
  opts: { maxDepth?: number; sliceMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const maxDepth = opts.maxDepth ?? maxJsonDepth;
  const sliceMs = opts.sliceMs ?? dataWalkSliceMs;
  let sliceEnd = performance.now() + sliceMs;
  const pause = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.signal?.aborted) throw fail('cancelled');
    sliceEnd = performance.now() + sliceMs;
  };

  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== openBrace) throw i < text.length && '["-0123456789tfn'.includes(text[i]!) ? badShape() : badJson();

  let depth = 0;
  let expectKey = false; // at depth 1: the next string is a key
  let key: string | null = null; // the key whose value comes next, at depth 1
  let awaitingValue = false; // at depth 1: after the colon, before the value's first character
  let inData = false; // the data array is open (its elements are at depth 2)
  let dataArrays = 0;
  let elementStart = -1; // where the current element of the data array began; -1 between elements
  let elementsSeen = 0; // elements visited since the data array opened (an empty one is `[]` only)
  let closed = -1; // where the top-level object closed
  let ticks = 0;

  const valueStarts = (c: number): void => {
    if (depth === 1 && awaitingValue) {
      awaitingValue = false;
      if (key === 'data') {
        if (c !== openBracket || dataArrays > 0) throw badShape();
        dataArrays++;
        inData = true;
        elementsSeen = 0;
      }
    } else if (depth === 2 && inData && elementStart < 0) elementStart = i;
  };
  const endElement = (): void => {
    if (elementStart < 0) throw badJson(); // `[,` or `,]` or `,,`
    let end = i;
    while (isSpace(text.charCodeAt(end - 1))) end--;
    visit(text.slice(elementStart, end));
    elementStart = -1;
    elementsSeen++;
  };

  for (; i < text.length; i++) {
    if (++ticks >= 4096) {
      ticks = 0;
      if (performance.now() >= sliceEnd) await pause();
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === quote) {
      const end = stringEnd(text, i);
      if (end < 0) throw badJson();
      if (depth === 1 && expectKey) {
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          throw badJson();
        }
        expectKey = false;
      } else valueStarts(c);
      i = end;
    } else if (c === openBrace || c === openBracket) {
      valueStarts(c);
      depth++;
      if (depth > maxDepth) throw fail('bad-response', { details: { reason: 'depth', limit: maxDepth } });
      if (depth === 1) expectKey = true;
    } else if (c === closeBrace || c === closeBracket) {
      if (depth === 2 && inData) {
        if (c !== closeBracket) throw badJson();
        if (elementStart >= 0 || elementsSeen > 0) endElement();
        inData = false;
      } else if (depth === 1 && c !== closeBrace) throw badJson();
      depth--;
      if (depth < 0) throw badJson();
      if (depth === 0) {
        closed = i;
        break;
      }
    } else if (c === comma) {
      if (depth === 2 && inData) {
        endElement();
        if (performance.now() >= sliceEnd) await pause(); // the visitor's time counts too
      } else if (depth === 1) {
        expectKey = true;
        key = null;
      }
    } else if (c === colon) {
      if (depth === 1) awaitingValue = true;
    } else valueStarts(c);
  }
  if (closed < 0) throw badJson(); // truncated
  for (let j = closed + 1; j < text.length; j++) if (!isSpace(text.charCodeAt(j))) throw badJson();
  if (dataArrays === 0) throw badShape();
}

// Reads an XML property list (what a macOS configuration profile leaves in /Library/Managed Preferences) without a native module:
// dict, array, string, integer, real, true, false, date (as its text) and data (as its base64 text).

/** A property list that could not be read. */
export class PlistError extends Error {
  override name = 'PlistError';
}

type Tag = { kind: 'open' | 'close' | 'empty'; name: string };

/** Parses an XML plist's text into plain values (objects, arrays, strings, numbers, booleans); throws PlistError on anything else. */
export function parseXmlPlist(text: string): unknown {
  const reader = new TagReader(text);
  reader.skipProlog();
  const root = reader.tag();
  if (root.name !== 'plist' || root.kind === 'close') throw new PlistError('no <plist> element');
  if (root.kind === 'empty') throw new PlistError('an empty <plist>');
  const value = readValue(reader, reader.tag());
  const end = reader.tag();
  if (end.kind !== 'close' || end.name !== 'plist') throw new PlistError('more than one value in <plist>');
  reader.skipMisc();
  if (!reader.atEnd()) throw new PlistError('text after </plist>');
  return value;
}

function readValue(reader: TagReader, tag: Tag): unknown {
  if (tag.kind === 'close') throw new PlistError(`unexpected </${tag.name}>`);
  const empty = tag.kind === 'empty';
  switch (tag.name) {
    case 'true':
    case 'false':
      if (!empty) reader.expectClose(tag.name);
      return tag.name === 'true';
    case 'dict':
      return empty ? {} : readDict(reader);
    case 'array':
      return empty ? [] : readArray(reader);
    case 'string':
    case 'date':
      return empty ? '' : reader.textUntilClose(tag.name);
    case 'data':
      return empty ? '' : reader.textUntilClose(tag.name).replace(/\s+/g, '');
    case 'integer':
    case 'real':
      return numberOf(empty ? '' : reader.textUntilClose(tag.name).trim(), tag.name);
    default:
      throw new PlistError(`unknown element <${tag.name}>`);
  }
}

function readDict(reader: TagReader): Record<string, unknown> {
  const dict: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (;;) {
    const tag = reader.tag();
    if (tag.kind === 'close' && tag.name === 'dict') return { ...dict };
    if (tag.name !== 'key' || tag.kind === 'close') throw new PlistError('a <dict> entry without its <key>');
    const key = tag.kind === 'empty' ? '' : reader.textUntilClose('key');
    if (Object.hasOwn(dict, key)) throw new PlistError(`the key "${key.slice(0, 40)}" twice in one <dict>`);
    dict[key] = readValue(reader, reader.tag());
  }
}

function readArray(reader: TagReader): unknown[] {
  const items: unknown[] = [];
  for (;;) {
    const tag = reader.tag();
    if (tag.kind === 'close' && tag.name === 'array') return items;
    items.push(readValue(reader, tag));
  }
}

function numberOf(text: string, kind: 'integer' | 'real'): number {
  const pattern = kind === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const value = Number(text);
  if (!pattern.test(text) || !Number.isFinite(value)) throw new PlistError(`not a number in <${kind}>`);
  return value;
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Walks the XML text tag by tag (no attributes kept, no namespaces: a plist has neither that matters). */
class TagReader {
  #at = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.#at >= this.text.length;
  }

  /** Skips the BOM, the XML declaration, the DOCTYPE, comments and white space before the root. */
  skipProlog(): void {
    if (this.text.startsWith('\uFEFF')) this.#at = 1;
    this.skipMisc();
    if (this.text.startsWith('<!DOCTYPE', this.#at)) {
      this.#at = this.indexOrFail('>', this.#at) + 1;
      this.skipMisc();
    }
  }

  /** Skips white space, comments and processing instructions. */
  skipMisc(): void {
    for (;;) {
      while (this.#at < this.text.length && /\s/.test(this.text[this.#at]!)) this.#at += 1;
      if (this.text.startsWith('<!--', this.#at)) this.#at = this.indexOrFail('-->', this.#at) + 3;
      else if (this.text.startsWith('<?', this.#at)) this.#at = this.indexOrFail('?>', this.#at) + 2;
      else return;
    }
  }

  /** The next tag; only white space and comments may come before it. */
  tag(): Tag {
    this.skipMisc();
    if (this.text[this.#at] !== '<') throw new PlistError(this.atEnd() ? 'the document ends too early' : 'text where an element was expected');
    const end = this.indexOrFail('>', this.#at);
    const inner = this.text.slice(this.#at + 1, end);
    this.#at = end + 1;
    const match = /^(\/?)([A-Za-z][\w.-]*)(\s[^>]*?)?\s*(\/?)$/.exec(inner);
    if (!match) throw new PlistError('a malformed tag');
    if (match[1] && match[4]) throw new PlistError('a malformed tag');
    return { kind: match[1] ? 'close' : match[4] ? 'empty' : 'open', name: match[2]! };
  }

  expectClose(name: string): void {
    const tag = this.tag();
    if (tag.kind !== 'close' || tag.name !== name) throw new PlistError(`<${name}> is not closed`);
  }

  /** The text of a leaf element up to its closing tag, entities and CDATA decoded; no element may be inside. */
  textUntilClose(name: string): string {
    let out = '';
    for (;;) {
      const next = this.text.indexOf('<', this.#at);
      if (next === -1) throw new PlistError(`<${name}> is not closed`);
      out += decodeEntities(this.text.slice(this.#at, next));
      this.#at = next;
      if (this.text.startsWith('<![CDATA[', next)) {
        const end = this.indexOrFail(']]>', next);
        out += this.text.slice(next + 9, end);
        this.#at = end + 3;
      } else if (this.text.startsWith('<!--', next)) {
        this.#at = this.indexOrFail('-->', next) + 3;
      } else {
        this.expectClose(name);
        return out;
      }
    }
  }

  private indexOrFail(needle: string, from: number): number {
    const index = this.text.indexOf(needle, from);
    if (index === -1) throw new PlistError('the document ends too early');
    return index;
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (_whole, name: string | undefined) => {
    if (name === undefined) throw new PlistError('a bare "&"');
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw new PlistError('a bad character reference');
      return String.fromCodePoint(code);
    }
    const named = entities[name];
    if (named === undefined) throw new PlistError(`an unknown entity &${name};`);
    return named;
  });
}

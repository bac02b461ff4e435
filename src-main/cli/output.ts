// Terminal-safe text, aligned tables, dates in the user's language, and the CLI's JSON.
import type { CliLanguage } from './messages';

// C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates: a name from CloudMC must not move the cursor or reorder a line.
const unsafe = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** Text from CloudMC or a file, made safe for a terminal: control and bidi-control characters shown as \u{..} escapes. */
export function safeText(text: string): string {
  return text.replace(unsafe, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Where the CLI writes text (stdout, stderr). */
interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A stream that escapes, as safeText does, every control character it is given but the newline: the CLI writes none it did not make (security.md 41). */
export function terminalSafe(stream: TextStream): TextStream {
  return {
    write: (text) => stream.write(text.replace(unsafe, (c) => (c === '\n' ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`))),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  };
}

// Marks that take no column: combining marks, variation selectors, zero-width joiner and spaces.
const combining = /[\p{Mn}\p{Me}]/u;
const isZeroWidth = (c: string): boolean => {
  const cp = c.codePointAt(0)!;
  return combining.test(c) || (cp >= 0x200b && cp <= 0x200d) || (cp >= 0xfe00 && cp <= 0xfe0f);
};
// Wide characters: CJK, Hangul, fullwidth forms, and emoji pictographs.
const wide =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;

/** Columns a string takes in a terminal (approximately, as wcwidth does). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    if (isZeroWidth(c)) continue;
    width += wide.test(c) ? 2 : 1;
  }
  return width;
}

/** Rows aligned under their headers, two spaces apart; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const all = [headers, ...rows].map((row) => row.map(safeText));
  const widths = headers.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - displayWidth(cell))))
      .join('  ')
      .trimEnd();
  return all.map(line).join('\n') + '\n';
}

/** A date and time in the user's language and time zone; an unreadable value is shown as is. */
export function formatTime(iso: string, language: CliLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The version of the CLI's JSON shapes (docs/command-line.md): fields are only ever added; a change that is not an addition raises it. */
export const jsonSchemaVersion = 1;

/**
 * The CLI's JSON: `schemaVersion` first, two-space indented, one document per run, with C1 controls and bidi controls escaped too
 * (valid JSON either way).
 */
export function jsonText(doc: Record<string, unknown>): string {
  return (
    JSON.stringify({ schemaVersion: jsonSchemaVersion, ...doc }, null, 2).replace(
      /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  );
}

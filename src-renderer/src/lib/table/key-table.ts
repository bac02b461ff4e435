// Filtering and sorting the key table: a presentation of main's list (main's order is "newest first"), cheap enough per keystroke on 5,000 keys.
import type { ApiKeyView } from '../state/contract-types';

/** A sortable column of the key table. */
export type SortColumn = 'name' | 'ip' | 'activity' | 'created';
/** Which way a column sorts (the values of `aria-sort`). */
export type SortDirection = 'ascending' | 'descending';
/** The table's sort: one column, one direction. */
export interface KeySort {
  column: SortColumn;
  direction: SortDirection;
}

/** Main's own order: newest first (Created, descending), which the table shows until a header is chosen. */
export const mainOrder: KeySort = { column: 'created', direction: 'descending' };

/** The direction a column takes when it is first chosen: names and addresses A→Z, dates newest first. */
export const firstDirection: Readonly<Record<SortColumn, SortDirection>> = {
  name: 'ascending',
  ip: 'ascending',
  activity: 'descending',
  created: 'descending',
};

/** One key with what filtering and sorting need, computed once per list (not once per keystroke or comparison). */
export interface IndexedKey {
  key: ApiKeyView;
  /** Its place in main's list. */
  position: number;
  /** Name and last IP in lower case, for the filter. */
  text: string;
  /** Creation time in ms (NaN when unreadable). */
  created: number;
  /** Last activity in ms, or NaN when never used (or unreadable). */
  activity: number;
  /** The last IP as a string that sorts numerically, or null when none. */
  ip: string | null;
}

/** Indexes main's list for the filter and the sorts (one pass; the list itself is not reordered). */
export function indexKeys(keys: readonly ApiKeyView[]): IndexedKey[] {
  return keys.map((key, position) => ({
    key,
    position,
    // U+0000 between the fields: a query never matches across name and address.
    text: `${key.name}\u0000${key.lastUsedIp ?? ''}`.toLowerCase(),
    created: Date.parse(key.creationDate),
    activity: key.lastUsedDate === null ? Number.NaN : Date.parse(key.lastUsedDate),
    ip: key.lastUsedIp === null || key.lastUsedIp === '' ? null : ipSortKey(key.lastUsedIp),
  }));
}

/** The query as the filter compares it: trimmed, lower case; empty means "no filter". */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** The keys whose name or last IP contains the query, case-insensitively, in the order given; the same array when the query is empty. */
export function filterKeys(rows: readonly IndexedKey[], query: string): readonly IndexedKey[] {
  const needle = normalizeQuery(query);
  if (needle === '') return rows;
  return rows.filter((row) => row.text.includes(needle));
}

/** Collators by language, made once each (making one is far slower than comparing with it). */
const collators = new Map<string, Intl.Collator>();

/** The collator for names in a UI language: case- and accent-insensitive, digits compared as numbers ("Key 2" before "Key 10"). */
export function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, collator);
  }
  return collator;
}

/** Compares two numbers with NaN (no value) after every value, whichever the direction. */
function compareTimes(a: number, b: number, sign: number): number {
  const aMissing = Number.isNaN(a);
  const bMissing = Number.isNaN(b);
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  return (a - b) * sign;
}

/** Compares two sort strings with null (no address) after every address, whichever the direction. */
function compareIps(a: string | null, b: string | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a < b ? -1 : a > b ? 1 : 0) * sign;
}

/**
 * The rows in a sort's order; ties keep main's order, and keys without the value (never used, no address) come last either way.
 * Main's own order (Created, newest first) is the list as main gave it, not re-sorted.
 */
export function sortKeys(rows: readonly IndexedKey[], sort: KeySort, collator: Intl.Collator): readonly IndexedKey[] {
  if (sort.column === mainOrder.column && sort.direction === mainOrder.direction) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byPosition = (a: IndexedKey, b: IndexedKey): number => a.position - b.position;
  const compare: Record<SortColumn, (a: IndexedKey, b: IndexedKey) => number> = {
    name: (a, b) => collator.compare(a.key.name, b.key.name) * sign,
    ip: (a, b) => compareIps(a.ip, b.ip, sign),
    activity: (a, b) => compareTimes(a.activity, b.activity, sign),
    created: (a, b) => compareTimes(a.created, b.created, sign),
  };
  const byColumn = compare[sort.column];
  return [...rows].sort((a, b) => byColumn(a, b) || byPosition(a, b));
}

/** The sort after choosing a column's header: the same column turns around, another starts in its first direction. */
export function nextSort(current: KeySort, column: SortColumn): KeySort {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: firstDirection[column] };
}

/** The `aria-sort` of a column's header: its direction when it is the sorted column, else "none". */
export function ariaSortOf(current: KeySort, column: SortColumn): SortDirection | 'none' {
  return current.column === column ? current.direction : 'none';
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address as 12 digits, or null when it is not one. */
function ipv4Digits(text: string): string | null {
  const match = ipv4.exec(text);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  if (parts.some((n) => n > 255)) return null;
  return parts.map((n) => String(n).padStart(3, '0')).join('');
}

/** An IPv6 address as 32 hex digits (an embedded IPv4 tail and a zone are understood), or null when it is not one. */
function ipv6Digits(text: string): string | null {
  let address = text.toLowerCase().replace(/%.*$/, '');
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (tail) {
    const digits = ipv4Digits(tail[1]!);
    if (digits === null) return null;
    const n = tail[1]!.split('.').map(Number);
    const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
    address = `${address.slice(0, -tail[1]!.length)}${hex(n[0]!, n[1]!)}:${hex(n[2]!, n[3]!)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

/** A last IP as a string that sorts numerically: IPv4 first, then IPv6, then anything else as text. */
export function ipSortKey(ip: string): string {
  const v4 = ipv4Digits(ip);
  if (v4 !== null) return `4${v4}`;
  const v6 = ipv6Digits(ip);
  if (v6 !== null) return `6${v6}`;
  return `9${ip.toLowerCase()}`;
}

/** Which columns fit the table's width: all, without Created (shown under the name), or only Name and the actions (the rest under the name). */
export type TableFit = 'wide' | 'medium' | 'narrow';

/** The least table width (CSS px) at which each fit shows its columns without crowding the name. */
export const fitWidths = { wide: 1000, medium: 640 } as const;

/** The fit for a table this many CSS px wide (0, as in a hidden window or jsdom, counts as wide). */
export function fitFor(width: number): TableFit {
  if (width <= 0 || width >= fitWidths.wide) return 'wide';
  return width >= fitWidths.medium ? 'medium' : 'narrow';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A count in the region's format ("4,812", "4 812", "4812"), the formatter made once per locale. */
export function formatCount(count: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(count);
}

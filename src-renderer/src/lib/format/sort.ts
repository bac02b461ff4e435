// The order of a key list: newest first by creation date, ties by name.
import type { ApiKeyView } from '../state/contract-types';

function createdAt(key: ApiKeyView): number {
  const time = Date.parse(key.creationDate);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** A sorted copy of `keys`: newest `creationDate` first; same date by name, then by id (stable for equal names). */
export function sortKeysNewestFirst(keys: readonly ApiKeyView[]): ApiKeyView[] {
  return [...keys].sort(
    (a, b) => createdAt(b) - createdAt(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

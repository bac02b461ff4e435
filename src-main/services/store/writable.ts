// Guards writes: a store opened read-only (written by a newer app version) answers store-read-only instead of being overwritten.
import { fail } from '../../errors';
import type { JsonStore, Versioned } from './json-store';

/** Returns the store if it may be written, else throws store-read-only. */
export function writable<T extends Versioned>(store: JsonStore<T>): JsonStore<T> {
  if (store.readOnly) throw fail('store-read-only');
  return store;
}

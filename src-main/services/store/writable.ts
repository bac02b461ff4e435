// Guards writes: a store written by a newer app version answers store-read-only, one whose folder cannot be written answers store-write-failed.
import { fail } from '../../errors';
import { storeWriteFailed, type JsonStore, type Versioned } from './json-store';

/** Returns the store if it may be written, else throws store-write-failed (unwritable data dir) or store-read-only (a newer version's file). */
export function writable<T extends Versioned>(store: JsonStore<T>): JsonStore<T> {
  if (store.problem) throw storeWriteFailed(store.problem);
  if (store.readOnly) throw fail('store-read-only');
  return store;
}

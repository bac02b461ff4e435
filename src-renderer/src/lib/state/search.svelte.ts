// Search across every profile's cached key list (debounced; answers come from main's cache, not CloudMC).
import { bridge } from '../bridge/bridge';
import { searchResultsDefault } from '../../../../src-preload/contract/limits';
import type { AppError, KeySearchHit } from './contract-types';

/** How long typing must pause before searching. */
export const SEARCH_DEBOUNCE_MS = 150;

/** The cross-profile key search. */
export class KeySearchStore {
  query = $state('');
  /** Replaced whole with each answer (never edited in place). */
  hits = $state.raw<KeySearchHit[]>([]);
  /** How many keys matched in all (more than the hits shown when the search was capped). */
  total = $state(0);
  /** How many profiles main could not search (no saved list yet): said beside the results, with Refresh all. */
  unsearched = $state(0);
  searching = $state(false);
  /** True once an answer for the current query arrived. */
  answered = $state(false);
  error = $state<AppError | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  /** Sets the query and searches after a short pause; an empty query clears the results. */
  setQuery(query: string): void {
    this.query = query;
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    this.answered = false;
    this.error = null;
    if (query.trim() === '') {
      this.hits = [];
      this.total = 0;
      this.unsearched = 0;
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#timer = setTimeout(() => void this.#search(query.trim(), generation), SEARCH_DEBOUNCE_MS);
  }

  async #search(query: string, generation: number): Promise<void> {
    const result = await bridge.keys.search({ query, limit: searchResultsDefault });
    if (generation !== this.#generation) return;
    this.searching = false;
    this.answered = true;
    if (result.ok) {
      this.hits = result.value.hits;
      this.total = result.value.total;
      this.unsearched = result.value.unsearched;
    } else {
      this.hits = [];
      this.total = 0;
      this.unsearched = 0;
      this.error = result.error;
    }
  }

  /** Clears the query and results. */
  clear(): void {
    this.setQuery('');
  }

  /** Back to the initial state (tests). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#generation++;
    this.query = '';
    this.hits = [];
    this.total = 0;
    this.unsearched = 0;
    this.searching = false;
    this.answered = false;
    this.error = null;
  }
}

/** The key search singleton. */
export const keySearch = new KeySearchStore();

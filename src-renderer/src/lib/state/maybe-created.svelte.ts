// Generates that may have created a key (cut short by a crash, unanswered, or answered with something the app refused), as main
// reports them for the selected profile: main checks CloudMC's list and decides; this class asks again while main is checking.
import { bridge } from '../bridge/bridge';
import type { ApiKeyView, AppError, MaybeCreated } from './contract-types';
import { keys } from './keys.svelte';

export type { MaybeCreated } from './contract-types';

/** How long after main's next check the list is asked again; and how often while a check runs (main gives no time then). */
const afterCheckMs = 300;
const whileCheckingMs = 1_000;

/** The uncertain Generates of the selected profile. */
export class MaybeCreatedStore {
  profileId = $state<string | null>(null);
  items = $state.raw<MaybeCreated[]>([]);
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The list the opened screen showed with these items: main's answer already covers it. */
  #openedList: readonly ApiKeyView[] | null = null;

  /** Shows the items main sent with a profile's screen (`profiles.open`), beside the list `shown` it opened with. */
  show(profileId: string, items: MaybeCreated[], shown: readonly ApiKeyView[]): void {
    this.#generation++;
    this.#stopTimer();
    this.profileId = profileId;
    this.#openedList = shown;
    this.#apply(items);
  }

  /** A new list or failure is shown for `profileId`: asks main again, unless it is the opened screen's own list (no failure). */
  reloadAfter(profileId: string, list: readonly ApiKeyView[], error: AppError | null): void {
    if (profileId === this.profileId && list === this.#openedList && error === null) return;
    this.#openedList = null;
    void this.load(profileId);
  }

  /** Asks main for a profile's uncertain Generates (nothing shown when main cannot answer). */
  async load(profileId: string): Promise<void> {
    const generation = ++this.#generation;
    this.#stopTimer();
    if (this.profileId !== profileId) this.items = [];
    this.profileId = profileId;
    const result = await bridge.keys.maybeCreated({ profileId });
    if (generation !== this.#generation) return;
    this.#apply(result.ok ? result.value : []);
  }

  /** Closes one (nothing found, or a key kept on purpose). */
  async dismiss(intentId: string): Promise<void> {
    const profileId = this.profileId;
    if (!profileId) return;
    const generation = ++this.#generation;
    const result = await bridge.keys.dismissMaybeCreated({ profileId, intentId });
    if (generation !== this.#generation) return;
    if (result.ok) this.#apply(result.value);
  }

  /** Back to the initial state (tests, and a profile switch). */
  reset(): void {
    this.#generation++;
    this.#stopTimer();
    this.profileId = null;
    this.items = [];
    this.#openedList = null;
  }

  #apply(items: MaybeCreated[]): void {
    this.items = items;
    const checking = items.filter((i) => i.state === 'checking');
    if (checking.length === 0 || !this.profileId) return;
    const due = Math.min(...checking.map((i) => (i.nextCheckAt ? Date.parse(i.nextCheckAt) - Date.now() + afterCheckMs : whileCheckingMs)));
    const profileId = this.profileId;
    this.#timer = setTimeout(() => void this.load(profileId), Math.max(afterCheckMs, due));
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** The uncertain Generates singleton. */
export const maybeCreated = new MaybeCreatedStore();
// Each profile screen main opens carries its uncertain Generates.
keys.onScreen((screen) => maybeCreated.show(screen.keys.profile.id, screen.maybeCreated, keys.keys));

// "Refresh all" as main runs it (a few profiles at a time, in main): Start and Cancel ask main; the lines, their outcome and the end of
// the run come as `refreshAll:did-change`, so every window shows the same run. Each profile's new key screen comes as `keys:did-change`.
import { bridge } from '../bridge/bridge';
import type { RefreshAllRun, RefreshItem } from '../../../../src-preload/contract/events';
import { health } from './health.svelte';

export { canRefresh } from '../../../../src-preload/contract/rules';
export type { RefreshItem };

/** The current (or last) Refresh all run, as main reported it. */
export class RefreshAllStore {
  items = $state<RefreshItem[]>([]);
  running = $state(false);
  /** The results panel is shown (until closed). */
  open = $state(false);
  /** The run shown, and the last of its changes applied. */
  #runId: string | null = null;
  #seq = 0;
  /** Changes of a run whose lines are not known here yet, kept until they are. */
  #early: RefreshAllRun[] = [];
  #asking = false;

  /** How many profiles are finished (ok, failed or cancelled). */
  readonly done = $derived(this.items.filter((i) => i.status !== 'waiting' && i.status !== 'running').length);

  /** Follows main's runs (`refreshAll:did-change`); the answer unsubscribes. */
  listen(): () => void {
    return bridge.on('refreshAll:did-change', (change) => this.#follow(change));
  }

  /** Asks main to refresh every profile whose access key can be used (main picks them); the panel opens with main's lines. */
  async start(): Promise<void> {
    if (this.running || this.#asking) return;
    this.open = true;
    this.#asking = true;
    const result = await bridge.refreshAll.start();
    this.#asking = false;
    if (result.ok) this.#adopt(result.value);
  }

  /** Asks main to stop the run: the lines not finished become cancelled (main says so). */
  async cancel(): Promise<void> {
    if (this.running) await bridge.refreshAll.cancel();
  }

  /** Hides the results panel (not while running). */
  close(): void {
    if (!this.running) this.open = false;
  }

  #follow(change: RefreshAllRun): void {
    if (change.runId === this.#runId) return this.#merge(change);
    // A run started elsewhere (another window): its first change lists every line.
    if (change.seq === 1) {
      this.open = true;
      return this.#adopt(change);
    }
    // Joined during a run (e.g. after a reload): main's current run gives its lines; what came meanwhile follows.
    this.#early.push(change);
    if (!this.#asking) void this.#catchUp();
  }

  async #catchUp(): Promise<void> {
    this.#asking = true;
    const result = await bridge.refreshAll.current();
    this.#asking = false;
    if (!result.ok || !result.value) return;
    this.open = true;
    this.#adopt(result.value);
  }

  /** Shows a whole run (main's answer, or its first change), then the changes that came before it and are newer. */
  #adopt(run: RefreshAllRun): void {
    if (run.runId === this.#runId && run.seq <= this.#seq) return;
    this.#runId = run.runId;
    this.#seq = run.seq;
    this.items = run.items;
    this.#setRunning(run.running);
    const early = this.#early.filter((c) => c.runId === run.runId).sort((a, b) => a.seq - b.seq);
    this.#early = [];
    for (const change of early) this.#merge(change);
  }

  /** Applies a newer change of the run shown: its lines replace theirs. */
  #merge(change: RefreshAllRun): void {
    if (change.seq <= this.#seq) return;
    this.#seq = change.seq;
    const changed: Record<string, RefreshItem> = Object.fromEntries(change.items.map((item) => [item.profileId, item]));
    if (change.items.length > 0) this.items = this.items.map((item) => (Object.hasOwn(changed, item.profileId) ? changed[item.profileId]! : item));
    this.#setRunning(change.running);
  }

  #setRunning(running: boolean): void {
    const ended = this.running && !running;
    this.running = running;
    if (ended) void health.load(null); // the fresh lists change the findings counted beside each profile
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.items = [];
    this.running = false;
    this.open = false;
    this.#runId = null;
    this.#seq = 0;
    this.#early = [];
    this.#asking = false;
  }
}

/** The Refresh all singleton. */
export const refreshAll = new RefreshAllStore();

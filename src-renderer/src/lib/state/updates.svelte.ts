// Where updates stand, as main reports it (asked at start, every five minutes and when Settings opens, until main's events carry it),
// and "Restart to update".
import { bridge } from '../bridge/bridge';
import type { AppError } from './contract-types';
import type { UpdateStatus } from '../../../../src-preload/contract/updates';

/** How often the status is asked again (a download finishes in the background; each ask is a line in main's log). */
export const updateStatusPollMs = 5 * 60_000;

/** The update state singleton's class. */
export class UpdatesStore {
  status = $state<UpdateStatus>({ state: 'unsupported' });
  /** Main accepted "Restart to update": the app is quitting to install. */
  restarting = $state(false);
  /** Why main refused the last "Restart to update" (what to wait for), until the next try. */
  refusal = $state<AppError | null>(null);

  /** Reads main's status once. */
  async load(): Promise<void> {
    const result = await bridge.updates.status();
    if (result.ok) this.status = result.value;
  }

  /** Reads the status now and every five minutes; returns the stop function (for onMount). */
  watch(): () => void {
    void this.load();
    const timer = setInterval(() => void this.load(), updateStatusPollMs);
    return () => clearInterval(timer);
  }

  /** Asks main to install the downloaded update; main refuses while a Generate, a rotation step or a one-time key would be cut short. */
  async restart(): Promise<void> {
    if (this.restarting) return;
    this.refusal = null;
    this.restarting = true;
    const result = await bridge.updates.restart();
    if (result.ok) return;
    this.restarting = false;
    this.refusal = result.error;
    await this.load();
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.status = { state: 'unsupported' };
    this.restarting = false;
    this.refusal = null;
  }
}

/** The updates singleton. */
export const updates = new UpdatesStore();

// "Remove all my data": main's list of what goes (with its confirmation), then the removal; main refuses while something would be cut short.
import { bridge } from '../bridge/bridge';
import type { AppError } from './contract-types';
import type { DataRemoved, RemovalPlan } from '../../../../src-preload/contract/updates';

/** The data-removal singleton's class. */
export class DataRemovalStore {
  /** What main would remove, and why it cannot now (if so); null until listed. */
  plan = $state<RemovalPlan | null>(null);
  /** Main is listing what would go. */
  listing = $state(false);
  /** What the removal did, once it did. */
  done = $state<DataRemoved | null>(null);

  /** Asks main what a removal would take now; answers the error when it cannot say. */
  async list(): Promise<AppError | null> {
    this.listing = true;
    const result = await bridge.data.removalPlan();
    this.listing = false;
    if (!result.ok) return result.error;
    this.plan = result.value;
    return null;
  }

  /** Removes everything on the plan the user saw; a refusal is answered, and the list is read again (its confirmation is used up). */
  async remove(): Promise<AppError | null> {
    if (!this.plan) return null;
    const result = await bridge.data.removeAll({ confirmation: this.plan.confirmation });
    if (result.ok) {
      this.done = result.value;
      return null;
    }
    await this.list();
    return result.error;
  }

  /** Back to the initial state (tests, and a dialog closed without removing). */
  reset(): void {
    this.plan = null;
    this.listing = false;
    this.done = null;
  }
}

/** The data-removal singleton. */
export const dataRemoval = new DataRemovalStore();

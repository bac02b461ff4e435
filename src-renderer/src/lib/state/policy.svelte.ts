// The organization's policy as main reports it: locked settings, whether profiles may be added, why none applies.
import { bridge } from '../bridge/bridge';
import type { PolicyView, Settings } from './contract-types';

/** What the window shows when no policy applies (also until main has answered). */
export const noPolicy: PolicyView = {
  applied: false,
  lockedSettings: [],
  allowUserProfiles: true,
  allowedEndpoints: null,
  updates: true,
  problem: null,
};

/** The policy main applies. */
export class PolicyStore {
  view = $state<PolicyView>(noPolicy);

  /** Asks main (at start; again when main says the policy changed); a failure keeps what is shown. */
  async load(): Promise<void> {
    const result = await bridge.policy.get();
    if (result.ok) this.apply(result.value);
  }

  /** Shows what main reports (its answer, or the payload of a policy change). */
  apply(view: PolicyView): void {
    this.view = view;
  }

  /** True when the organization fixes this setting: its control is disabled. */
  isLocked(name: keyof Settings): boolean {
    return this.view.lockedSettings.includes(name);
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.view = noPolicy;
  }
}

/** The policy singleton. */
export const policy = new PolicyStore();

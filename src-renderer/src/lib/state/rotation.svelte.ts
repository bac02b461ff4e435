// Key rotations: start one, follow where each stands, answer the retirement question; main decides every state, this class shows it.
import { bridge } from '../bridge/bridge';
import { keys } from './keys.svelte';
import type { AppError, IpcResult, KeysView } from './contract-types';
import type { Grace, RotationChanged, RotationPlan, RotationStarted, RotationView } from '../../../../src-preload/contract/rotation';

export type { Grace, RotationView } from '../../../../src-preload/contract/rotation';

/** Statuses in which the old key is still live and scheduled to go (the key table shows "Retiring" with the deadline). */
const retiringStatuses: ReadonlySet<RotationView['status']> = new Set(['retiring', 'needs-confirmation', 'revoking']);

/** Statuses after which nothing more happens by itself (the user may dismiss the rotation once it lists no orphans). */
const finishedStatuses: ReadonlySet<RotationView['status']> = new Set(['done', 'failed', 'cancelled']);

/** True when a rotation stopped for now and main tries its step again by itself (at `retryAt`), or on Try again. */
export function isPaused(r: RotationView): boolean {
  return r.retryAt !== null && !finishedStatuses.has(r.status);
}

/** True when a rotation can be dismissed: finished, and no key left to revoke. */
export function isDismissible(r: RotationView): boolean {
  return finishedStatuses.has(r.status) && r.orphanKeyIds.length === 0;
}

/** The sentence that says where a rotation stands: a generate with no answer is "looking for the replacement", not "generating". */
export function statusKeyOf(r: RotationView): string {
  return r.status === 'generating' && r.failure !== null ? 'rotation.status.checking' : `rotation.status.${r.status}`;
}

/** The steps the Rotate dialog shows, in order; the profile's own key adds "switch". */
export type RotationStep = 'generate' | 'store' | 'verify' | 'switch' | 'retire';

/** Where each step stands for a rotation: done, the one in progress (or paused), failed, or not reached. */
export function stepsOf(r: RotationView): { step: RotationStep; state: 'done' | 'current' | 'failed' | 'todo' }[] {
  const order: RotationStep[] = r.ownKey ? ['generate', 'store', 'verify', 'switch', 'retire'] : ['generate', 'store', 'verify', 'retire'];
  const at: Record<RotationView['status'], RotationStep | 'end'> = {
    generating: 'generate',
    storing: 'store',
    verifying: 'verify',
    switching: 'switch',
    retiring: 'retire',
    'needs-confirmation': 'retire',
    revoking: 'retire',
    done: 'end',
    cancelled: 'end',
    failed: r.newKeyId === null ? 'generate' : r.storedInKeychain ? 'verify' : 'store',
  };
  const current = at[r.status];
  const index = current === 'end' ? order.length : order.indexOf(current);
  return order.map((step, i) => ({
    step,
    state: i < index ? 'done' : i > index ? 'todo' : r.status === 'failed' ? 'failed' : 'current',
  }));
}

/** The rotations of the selected profile. */
export class RotationStore {
  profileId = $state<string | null>(null);
  list = $state.raw<RotationView[]>([]);
  error = $state<AppError | null>(null);
  #generation = 0;

  /** The rotation retiring each old key, by key id (for the table's "Retiring" badge and deadline). */
  readonly retiringByKey: Readonly<Record<string, RotationView>> = $derived(
    Object.fromEntries(this.list.filter((r) => retiringStatuses.has(r.status)).map((r) => [r.oldKeyId, r])),
  );
  /** The rotation each replacement key belongs to while its old key is still live, by the new key's id ("replaces <old name>"). */
  readonly replacingByKey: Readonly<Record<string, RotationView>> = $derived(
    Object.fromEntries(this.list.filter((r) => retiringStatuses.has(r.status) && r.newKeyId !== null).map((r) => [r.newKeyId!, r])),
  );
  /** Rotations waiting for the user: the old key was used within the last hour. */
  readonly needsConfirmation: RotationView[] = $derived(this.list.filter((r) => r.status === 'needs-confirmation'));
  /** Rotations that stopped or paused with a reason, or left keys to revoke. */
  readonly troubled: RotationView[] = $derived(this.list.filter((r) => r.failure !== null || r.orphanKeyIds.length > 0));

  /** Shows the rotations main sends for the shown profile (`rotation:did-change`); the answer unsubscribes. */
  listen(): () => void {
    return bridge.on('rotation:did-change', ({ profileId, rotations }) => {
      if (profileId !== this.profileId) return;
      this.#generation++; // newer than any list asked before it
      this.list = rotations;
    });
  }

  /** Shows a profile's rotations as main's opened screen carried them. */
  show(profileId: string, list: RotationView[]): void {
    this.#generation++; // newer than any list asked before it
    this.profileId = profileId;
    this.error = null;
    this.list = list;
  }

  /** Loads a profile's rotations. */
  async load(profileId: string): Promise<void> {
    const generation = ++this.#generation;
    if (this.profileId !== profileId) this.list = [];
    this.profileId = profileId;
    const result = await bridge.rotation.list({ profileId });
    if (generation !== this.#generation) return;
    if (result.ok) this.list = result.value;
    else this.error = result.error;
  }

  /** Main's plan for rotating a key (the replacement's default name); the form shows it, never builds its own. */
  plan(profileId: string, keyId: string): Promise<IpcResult<RotationPlan>> {
    return bridge.rotation.plan({ profileId, keyId });
  }

  /** Starts a rotation (no name: main's default); main's key view replaces the list shown. */
  async start(input: { profileId: string; keyId: string; name?: string; grace: Grace }, requestId: string): Promise<IpcResult<RotationStarted>> {
    const result = await bridge.rotation.start({ ...input, requestId });
    if (result.ok) this.#apply(result.value.rotation, result.value.view);
    return result;
  }

  confirmRetire = (rotationId: string): Promise<IpcResult<RotationChanged>> => this.#change(bridge.rotation.confirmRetire({ rotationId }));
  cancelRetire = (rotationId: string): Promise<IpcResult<RotationChanged>> => this.#change(bridge.rotation.cancelRetire({ rotationId }));
  revokeNow = (rotationId: string): Promise<IpcResult<RotationChanged>> => this.#change(bridge.rotation.revokeNow({ rotationId }));
  resume = (rotationId: string): Promise<IpcResult<RotationChanged>> => this.#change(bridge.rotation.resume({ rotationId }));
  revokeOrphans = (rotationId: string): Promise<IpcResult<RotationChanged>> => this.#change(bridge.rotation.revokeOrphans({ rotationId }));

  /** Forgets a finished rotation. */
  async dismiss(rotationId: string): Promise<AppError | null> {
    const result = await bridge.rotation.dismiss({ rotationId });
    if (!result.ok) return result.error;
    this.list = this.list.filter((r) => r.id !== rotationId);
    return null;
  }

  async #change(call: Promise<IpcResult<RotationChanged>>): Promise<IpcResult<RotationChanged>> {
    const result = await call;
    if (result.ok) this.#apply(result.value.rotation, result.value.view);
    return result;
  }

  /** Forgets everything (tests, and a reset of the app's state). */
  reset(): void {
    this.#generation++;
    this.profileId = null;
    this.list = [];
    this.error = null;
  }

  #apply(rotation: RotationView, view: KeysView): void {
    if (rotation.profileId === this.profileId || this.profileId === null) {
      this.profileId = rotation.profileId;
      this.list = [...this.list.filter((r) => r.id !== rotation.id), rotation];
    }
    keys.applyView(view);
  }
}

/** The app's rotation state. */
export const rotation = new RotationStore();
// A profile's rotations load beside its key screen.
keys.onScreen((screen) => rotation.show(screen.keys.profile.id, screen.rotations));

// Keeps each newly generated key value in memory while its notification is open; gone for good on dismiss.
import { randomUUID } from 'node:crypto';
import type { PendingSecretView } from '../../../src-preload/contract/models';
import { fail } from '../../errors';

/** A one-time value waiting for the user to copy or store it. */
export interface PendingSecret {
  secretId: string;
  profileId: string;
  keyId: string;
  keyName: string;
  value: string;
  copied: boolean;
  stored: boolean;
  /** Called once the value is dismissed (e.g. stops the log redactor from holding it). */
  release?: () => void;
}

/** A held value whose `copied` and `stored` tell the registry when they change (so every window hears of it). */
class HeldSecret implements PendingSecret {
  readonly secretId = randomUUID();
  readonly profileId: string;
  readonly keyId: string;
  readonly keyName: string;
  value: string;
  readonly release?: () => void;
  readonly #flags: { copied: boolean; stored: boolean };
  readonly #changed: () => void;

  constructor(entry: Omit<PendingSecret, 'secretId' | 'copied' | 'stored'>, stored: boolean, changed: () => void) {
    this.profileId = entry.profileId;
    this.keyId = entry.keyId;
    this.keyName = entry.keyName;
    this.value = entry.value;
    if (entry.release) this.release = entry.release;
    this.#flags = { copied: false, stored };
    this.#changed = changed;
  }
  get copied(): boolean {
    return this.#flags.copied;
  }
  set copied(copied: boolean) {
    this.#setFlag('copied', copied);
  }
  get stored(): boolean {
    return this.#flags.stored;
  }
  set stored(stored: boolean) {
    this.#setFlag('stored', stored);
  }
  #setFlag(flag: 'copied' | 'stored', on: boolean): void {
    if (this.#flags[flag] === on) return;
    this.#flags[flag] = on;
    this.#changed();
  }
}

/** The registry of open notifications' values. */
export class OneTimeSecrets {
  readonly #pending = new Map<string, HeldSecret>();
  readonly #onChange: () => void;

  /** `onChange` hears every change of what `list()` answers (a value added, copied, stored or dismissed). */
  constructor(onChange: () => void = () => undefined) {
    this.#onChange = onChange;
  }

  /** Registers a new value and returns its handle. */
  add(entry: Omit<PendingSecret, 'secretId' | 'copied' | 'stored'>, stored = false): PendingSecret {
    const pending = new HeldSecret(entry, stored, () => this.#onChange());
    this.#pending.set(pending.secretId, pending);
    this.#onChange();
    return pending;
  }

  /** The pending value, or secret-gone once dismissed. */
  get(secretId: string): PendingSecret {
    const pending = this.#pending.get(secretId);
    if (!pending) throw fail('secret-gone');
    return pending;
  }

  /** Forgets a value; idempotent. */
  dismiss(secretId: string): void {
    const pending = this.#pending.get(secretId);
    if (!pending) return;
    pending.value = '';
    pending.release?.();
    this.#pending.delete(secretId);
    this.#onChange();
  }

  /** The open notifications without their values, for a window that lost its own (reload, crash) and for the `secrets:did-change` event. */
  list(): PendingSecretView[] {
    return [...this.#pending.values()].map(({ secretId, profileId, keyId, keyName, copied, stored }) => ({
      secretId,
      profileId,
      keyId,
      keyName,
      copied,
      stored,
    }));
  }

  /** True while some value has been neither copied nor stored (quitting must ask first). */
  hasUnsaved(): boolean {
    return [...this.#pending.values()].some((p) => !p.copied && !p.stored);
  }

  /** Forgets every value (on quit). */
  clear(): void {
    for (const id of [...this.#pending.keys()]) this.dismiss(id);
  }
}

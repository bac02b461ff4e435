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

/** The registry of open notifications' values. */
export class OneTimeSecrets {
  readonly #pending = new Map<string, PendingSecret>();

  /** Registers a new value and returns its handle. */
  add(entry: Omit<PendingSecret, 'secretId' | 'copied' | 'stored'>, stored = false): PendingSecret {
    const pending: PendingSecret = { ...entry, secretId: randomUUID(), copied: false, stored };
    this.#pending.set(pending.secretId, pending);
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
  }

  /** The open notifications without their values, for a window that lost its own (reload, crash). */
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

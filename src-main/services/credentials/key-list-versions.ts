// Versions each profile's key list: a refresh answer older than a mutation is merged with it, and an answer older than an applied refresh is dropped.
import type { ApiKeyView } from '../../../src-preload/contract/models';

/** A change CloudMC confirmed, replayed over list answers that may predate it. */
export type KeyMutation = { kind: 'added'; key: ApiKeyView } | { kind: 'renamed'; key: ApiKeyView } | { kind: 'removed'; keyId: string };

interface Logged {
  seq: number;
  mutation: KeyMutation;
}

/** The mutation log and refresh tickets of every profile. */
export class KeyListVersions {
  #seq = 0;
  readonly #log = new Map<string, Logged[]>();
  readonly #open = new Map<string, Set<number>>();
  readonly #applied = new Map<string, number>();

  /** Called before a list request is sent; the ticket orders its answer against mutations and other refreshes. */
  begin(profileId: string): number {
    const ticket = ++this.#seq;
    const open = this.#open.get(profileId) ?? new Set<number>();
    open.add(ticket);
    this.#open.set(profileId, open);
    return ticket;
  }

  /** Records a mutation CloudMC confirmed (only needed while a refresh of that profile is in flight). */
  record(profileId: string, mutation: KeyMutation): void {
    const seq = ++this.#seq;
    if (!this.#open.get(profileId)?.size) return;
    const log = this.#log.get(profileId) ?? [];
    log.push({ seq, mutation });
    this.#log.set(profileId, log);
  }

  /**
   * The list to apply for a refresh answer: the answer with every later mutation replayed over it,
   * or null when a refresh that started later was applied already (this answer is older: drop it).
   */
  reconcile(profileId: string, ticket: number, answer: ApiKeyView[]): ApiKeyView[] | null {
    this.#close(profileId, ticket);
    if ((this.#applied.get(profileId) ?? 0) > ticket) return null;
    this.#applied.set(profileId, ticket);
    let keys = answer;
    for (const { seq, mutation } of this.#log.get(profileId) ?? []) if (seq > ticket) keys = replay(keys, mutation);
    this.#trim(profileId);
    return keys;
  }

  /** Ends a refresh that brought no answer. */
  abandon(profileId: string, ticket: number): void {
    this.#close(profileId, ticket);
    this.#trim(profileId);
  }

  /** Forgets a removed profile. */
  forget(profileId: string): void {
    this.#log.delete(profileId);
    this.#open.delete(profileId);
    this.#applied.delete(profileId);
  }

  #close(profileId: string, ticket: number): void {
    this.#open.get(profileId)?.delete(ticket);
  }

  /** Keeps only the mutations some refresh still in flight may need. */
  #trim(profileId: string): void {
    const open = this.#open.get(profileId);
    if (!open?.size) {
      this.#log.delete(profileId);
      this.#open.delete(profileId);
      return;
    }
    const oldest = Math.min(...open);
    this.#log.set(
      profileId,
      (this.#log.get(profileId) ?? []).filter((entry) => entry.seq > oldest),
    );
  }
}

/** Applies one confirmed mutation to a list (idempotent: the answer may already include it). */
export function replay(keys: ApiKeyView[], mutation: KeyMutation): ApiKeyView[] {
  switch (mutation.kind) {
    case 'added':
      return keys.some((k) => k.id === mutation.key.id) ? keys : [...keys, mutation.key];
    case 'renamed':
      return keys.map((k) => (k.id === mutation.key.id ? { ...k, name: mutation.key.name } : k));
    case 'removed':
      return keys.filter((k) => k.id !== mutation.keyId);
  }
}

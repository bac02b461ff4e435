// A rotation as a pure state machine: from a record, the next step to perform; from a record and what a step (or the user) came to,
// the next record. No timers, no I/O, no key values: the driver (rotation-driver.ts) performs each step and saves each record first.
import type { AppError } from '../../../src-preload/contract/errors';
import type { RotationStatus } from '../../../src-preload/contract/rotation';
import { fail } from '../../errors';
import type { RotationRecord } from './rotation-journal';
import { retireAtOf } from './rotation-plan';

/** How long the machine waits: before a paused step is tried again, and between looks for a replacement that may exist. */
export interface MachinePolicy {
  retryDelayMs: number;
  /** The waits between looks after a replacement was asked for and no answer came (growing); one look more than waits. */
  lookupDelaysMs: readonly number[];
}

/** Five minutes between tries; four looks for an unanswered replacement, over about seven minutes. */
export const defaultPolicy: MachinePolicy = { retryDelayMs: 5 * 60_000, lookupDelaysMs: [30_000, 120_000, 300_000] };

/** What the driver does next for a record. */
export type Step =
  /** Ask CloudMC for the replacement (only ever the first step of a new rotation, never resumed: a retry could mint a second key). */
  | { kind: 'generate' }
  /** List the keys and look for the replacement an unanswered generate may have made (and for its value in the keychain). */
  | { kind: 'find-replacement' }
  /** Write the replacement's value to the keychain (or, after a restart, find it there). */
  | { kind: 'store' }
  /** An authenticated call made with the replacement. */
  | { kind: 'verify' }
  /** Move the profile to the replacement (config and keychain as one change). */
  | { kind: 'switch' }
  /** List the keys: was the old key used within the last hour? */
  | { kind: 'check-use' }
  | { kind: 'revoke-old' }
  /** Nothing until then (a retirement deadline, or a paused step's next try). */
  | { kind: 'wait'; until: string }
  /** The user decides (the old key was used recently). */
  | { kind: 'ask-user' }
  | { kind: 'finished' };

/** What a step came to, or what the user asked. */
export type Outcome =
  | { kind: 'generated'; keyId: string; keyName: string }
  /** CloudMC refused the generate (or it was never sent): nothing was made. */
  | { kind: 'refused'; error: AppError }
  /** The generate was sent and no answer came: a replacement may exist. */
  | { kind: 'no-answer'; error: AppError }
  /** A look for the replacement: the key adopted (its value is in the keychain), and the keys made with no value anywhere. */
  | { kind: 'found'; adopted: string | null; orphans: string[] }
  | { kind: 'stored' }
  /** The keychain write failed; the replacement was revoked again, unless `revoked` is false. */
  | { kind: 'store-failed'; error: AppError; revoked: boolean }
  /** The replacement's value is neither held nor in the keychain; `live`: CloudMC still lists the key. */
  | { kind: 'value-missing'; live: boolean }
  | { kind: 'verified' }
  /** CloudMC refused the replacement; it was revoked again, unless `revoked` is false. */
  | { kind: 'rejected'; error: AppError; revoked: boolean }
  | { kind: 'switched' }
  | { kind: 'used-recently'; lastUse: { ip: string | null; at: string } }
  | { kind: 'not-used-recently' }
  | { kind: 'revoked' }
  /** A failure that may pass (offline, CloudMC busy, keychain not answering): the step is tried again later. */
  | { kind: 'paused'; error: AppError }
  /** A failure after which nothing can go on (the profile was removed). */
  | { kind: 'stopped'; error: AppError }
  | { kind: 'confirm' }
  | { kind: 'cancel' }
  | { kind: 'revoke-now' }
  | { kind: 'retry-now' }
  | { kind: 'orphans-revoked'; left: string[]; failure: AppError | null };

/** The user's commands and the statuses each is allowed in. */
export const commandStatuses = {
  confirm: ['needs-confirmation'],
  cancel: ['verifying', 'switching', 'retiring', 'needs-confirmation'],
  'revoke-now': ['retiring', 'needs-confirmation', 'revoking'],
} as const satisfies Record<string, readonly RotationStatus[]>;

/** Statuses after which nothing more happens by itself. */
export const finishedStatuses: ReadonlySet<RotationStatus> = new Set(['done', 'failed', 'cancelled']);

/** The failure of a replacement CloudMC made whose value reached neither the app nor the keychain. */
const valueLost = (): AppError => fail('secret-gone', { messageKey: 'rotation.errors.value-lost', kind: 'uncertain' }).appError;

/** A replacement may have been made (a generate with no answer): `checks` looks so far, of `max`. */
const mayExist = (checks: number, max: number): AppError =>
  fail('secret-gone', { messageKey: 'rotation.errors.may-exist', kind: 'uncertain', details: { checks, max } }).appError;

/** Every look found nothing: said with the number of looks, never as a certainty. */
const noneFound = (checks: number): AppError =>
  fail('secret-gone', { messageKey: 'rotation.errors.none-found', kind: 'uncertain', details: { checks } }).appError;

/** A replacement whose value was lost and that CloudMC no longer lists (revoked before the app stopped). */
const replacementGone = (): AppError => fail('secret-gone', { messageKey: 'rotation.errors.replacement-gone', kind: 'uncertain' }).appError;

/** The next step for a record at `now`. */
export function nextStep(record: RotationRecord, now: Date): Step {
  if (finishedStatuses.has(record.status)) return { kind: 'finished' };
  if (record.status === 'needs-confirmation') return { kind: 'ask-user' };
  if (record.retryAt !== null && Date.parse(record.retryAt) > now.getTime()) return { kind: 'wait', until: record.retryAt };
  switch (record.status) {
    case 'generating':
      return { kind: 'find-replacement' };
    case 'storing':
      return { kind: 'store' };
    case 'verifying':
      return { kind: 'verify' };
    case 'switching':
      return { kind: 'switch' };
    case 'retiring':
      if (record.retireAt !== null && Date.parse(record.retireAt) > now.getTime() && !record.revokeConfirmed)
        return { kind: 'wait', until: record.retireAt };
      return record.revokeConfirmed ? { kind: 'revoke-old' } : { kind: 'check-use' };
    default:
      return { kind: 'revoke-old' }; // revoking
  }
}

/** The record after `outcome`, stamped `now`. */
export function advance(record: RotationRecord, outcome: Outcome, now: Date, policy: MachinePolicy = defaultPolicy): RotationRecord {
  const at = now.toISOString();
  const next = (change: Partial<RotationRecord>): RotationRecord => ({ ...record, ...change, updatedAt: at });
  const moveOn = (change: Partial<RotationRecord>): RotationRecord => next({ failure: null, retryAt: null, ...change });
  const failed = (change: Partial<RotationRecord>): RotationRecord => next({ status: 'failed', retryAt: null, ...change });
  const retiring = (change: Partial<RotationRecord> = {}): RotationRecord =>
    moveOn({ status: 'retiring', retireAt: retireAtOf(record.grace, now).toISOString(), ...change });
  const withOrphan = (keyId: string | null): string[] => (keyId === null ? record.orphanKeyIds : [...new Set([...record.orphanKeyIds, keyId])]);

  switch (outcome.kind) {
    case 'generated':
      return moveOn({ status: 'storing', newKeyId: outcome.keyId, newKeyName: outcome.keyName });
    case 'refused':
      return failed({ failure: outcome.error });
    case 'no-answer':
      return next({ status: 'generating', lookups: 0, failure: { ...outcome.error, kind: 'uncertain' }, retryAt: null });
    case 'found': {
      if (outcome.adopted !== null)
        return moveOn({ status: 'verifying', newKeyId: outcome.adopted, storedInKeychain: true, orphanKeyIds: outcome.orphans });
      if (outcome.orphans.length > 0) return failed({ failure: valueLost(), orphanKeyIds: outcome.orphans });
      const checks = (record.lookups ?? 0) + 1;
      const max = policy.lookupDelaysMs.length + 1;
      if (checks >= max) return failed({ failure: noneFound(checks), lookups: checks });
      const retryAt = new Date(now.getTime() + policy.lookupDelaysMs[checks - 1]!).toISOString();
      return next({ lookups: checks, failure: mayExist(checks, max), retryAt });
    }
    case 'stored':
      return moveOn({ status: 'verifying', storedInKeychain: true });
    case 'store-failed':
      return failed({ failure: outcome.error, storedInKeychain: false, orphanKeyIds: withOrphan(outcome.revoked ? null : record.newKeyId) });
    case 'value-missing':
      return failed({
        failure: outcome.live ? valueLost() : replacementGone(),
        storedInKeychain: false,
        orphanKeyIds: withOrphan(outcome.live ? record.newKeyId : null),
      });
    case 'verified':
      return record.ownKey && record.switchedAt === null ? moveOn({ status: 'switching' }) : retiring();
    case 'rejected':
      return failed({ failure: outcome.error, storedInKeychain: false, orphanKeyIds: withOrphan(outcome.revoked ? null : record.newKeyId) });
    case 'switched':
      return retiring({ switchedAt: at });
    case 'used-recently':
      return moveOn({ status: 'needs-confirmation', lastUse: outcome.lastUse });
    case 'not-used-recently':
      return moveOn({ status: 'revoking' });
    case 'revoked':
      return moveOn({ status: 'done' });
    case 'paused':
      // A revoke that did not go through leaves the retirement scheduled (due now), to be tried again.
      return next({
        status: record.status === 'revoking' ? 'retiring' : record.status,
        failure: outcome.error,
        retryAt: new Date(now.getTime() + policy.retryDelayMs).toISOString(),
      });
    case 'stopped':
      return failed({ failure: outcome.error });
    case 'confirm':
    case 'revoke-now':
      return moveOn({ status: 'revoking', revokeConfirmed: true });
    case 'cancel':
      return moveOn({ status: 'cancelled' });
    case 'retry-now':
      return next({ retryAt: null });
    case 'orphans-revoked':
      return next({ orphanKeyIds: outcome.left, failure: outcome.failure ?? record.failure });
  }
}

/** Refuses a user command the record's status does not allow (invalid-input, `rotation.errors.not-now`). */
export function checkCommand(record: RotationRecord, command: keyof typeof commandStatuses): void {
  if (!(commandStatuses[command] as readonly RotationStatus[]).includes(record.status))
    throw fail('invalid-input', { messageKey: 'rotation.errors.not-now', details: { field: 'status', reason: record.status } });
}

/** The moment a record next needs the timer (a paused step's next try, or a retirement deadline), if any. */
export function wakeAtOf(record: RotationRecord, now: Date): string | null {
  const step = nextStep(record, now);
  if (step.kind === 'wait') return step.until;
  return step.kind === 'finished' || step.kind === 'ask-user' ? null : now.toISOString();
}

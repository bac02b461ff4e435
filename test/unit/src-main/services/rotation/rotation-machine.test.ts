// The rotation's pure state machine, step by step: from each record the next step, from each outcome the next record. No timers, no I/O.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../../src-preload/contract/errors';
import { fail } from '../../../../../src-main/errors';
import type { RotationRecord } from '../../../../../src-main/services/rotation/rotation-journal';
import { rotationRecord } from '../../../rotation-fixtures';
import {
  advance,
  checkCommand,
  defaultPolicy,
  nextStep,
  wakeAtOf,
  type MachinePolicy,
  type Outcome,
} from '../../../../../src-main/services/rotation/rotation-machine';

const t0 = new Date('2026-12-07T10:00:00.000Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);
const policy: MachinePolicy = { retryDelayMs: 60_000, lookupDelaysMs: [10_000, 40_000] };
const offline: AppError = fail('unreachable').appError;

/** A record at `status` (a rotation of another key than the profile's own unless said). */
function record(status: RotationRecord['status'], change: Partial<RotationRecord> = {}): RotationRecord {
  return rotationRecord({
    oldKeyId: 'k-old',
    oldKeyName: 'ci',
    newKeyId: status === 'generating' ? null : 'k-new',
    newKeyName: 'ci (rotated 2026-12-07)',
    status,
    storedInKeychain: !['generating', 'storing'].includes(status),
    startedAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    knownKeyIds: ['k-old'],
    ...change,
  });
}
const step = (r: RotationRecord, now = t0) => nextStep(r, now).kind;
const after = (r: RotationRecord, outcome: Outcome, now = t0) => advance(r, outcome, now, policy);

describe('the next step of each record', () => {
  it('a record only ever resumes with a look for the replacement, never a second generate', () => {
    expect(step(record('generating'))).toBe('find-replacement');
    expect(step(record('storing'))).toBe('store');
    expect(step(record('verifying'))).toBe('verify');
    expect(step(record('switching'))).toBe('switch');
    expect(step(record('revoking'))).toBe('revoke-old');
    expect(step(record('needs-confirmation'))).toBe('ask-user');
    for (const status of ['done', 'failed', 'cancelled'] as const) expect(step(record(status))).toBe('finished');
  });

  it("a retirement waits for its deadline, then looks at the old key's last use (or revokes at once when the user said so)", () => {
    const retiring = record('retiring', { retireAt: later(3_600_000).toISOString() });
    expect(nextStep(retiring, t0)).toEqual({ kind: 'wait', until: retiring.retireAt });
    expect(step(retiring, later(3_600_000))).toBe('check-use');
    expect(step({ ...retiring, revokeConfirmed: true }, t0)).toBe('revoke-old');
  });

  it('a paused step waits for its retry moment, then runs again; the timer is asked for that moment', () => {
    const paused = record('verifying', { failure: offline, retryAt: later(60_000).toISOString() });
    expect(nextStep(paused, t0)).toEqual({ kind: 'wait', until: paused.retryAt });
    expect(wakeAtOf(paused, t0)).toBe(paused.retryAt);
    expect(step(paused, later(60_000))).toBe('verify');
    expect(wakeAtOf(record('done'), t0)).toBeNull();
    expect(wakeAtOf(record('needs-confirmation'), t0)).toBeNull();
  });
});

describe('each outcome gives the next record', () => {
  it('the happy path of another key: generated → storing → verifying → retiring (deadline from the grace) → revoking → done', () => {
    let r = record('generating', { grace: '1h' });
    r = after(r, { kind: 'generated', keyId: 'k-new', keyName: 'ci (rotated 2026-12-07)' });
    expect(r).toMatchObject({ status: 'storing', newKeyId: 'k-new', failure: null });
    r = after(r, { kind: 'stored' });
    expect(r).toMatchObject({ status: 'verifying', storedInKeychain: true });
    r = after(r, { kind: 'verified' }, later(5_000));
    expect(r).toMatchObject({ status: 'retiring', retireAt: later(5_000 + 3_600_000).toISOString(), updatedAt: later(5_000).toISOString() });
    r = after(r, { kind: 'not-used-recently' });
    expect(r.status).toBe('revoking');
    r = after(r, { kind: 'revoked' });
    expect(r).toMatchObject({ status: 'done', failure: null, retryAt: null });
  });

  it("the profile's own key switches the profile before retiring, and remembers when", () => {
    const verified = after(record('verifying', { ownKey: true }), { kind: 'verified' });
    expect(verified.status).toBe('switching');
    const switched = after(verified, { kind: 'switched' }, later(1_000));
    expect(switched).toMatchObject({ status: 'retiring', switchedAt: later(1_000).toISOString() });
    // Switched once: verified again after a pause does not switch again.
    expect(after(record('verifying', { ownKey: true, switchedAt: t0.toISOString() }), { kind: 'verified' }).status).toBe('retiring');
  });

  it('a generate with no answer: "may exist", looked for with growing waits, "none found after N checks" only after the last look', () => {
    let r = after(record('generating'), { kind: 'no-answer', error: fail('timeout', { kind: 'uncertain' }).appError });
    expect(r).toMatchObject({ status: 'generating', lookups: 0, failure: { kind: 'uncertain' }, retryAt: null });
    expect(step(r)).toBe('find-replacement');
    r = after(r, { kind: 'found', adopted: null, orphans: [] });
    expect(r).toMatchObject({
      failure: { messageKey: 'rotation.errors.may-exist', details: { checks: 1, max: 3 } },
      retryAt: later(10_000).toISOString(),
    });
    r = after(r, { kind: 'found', adopted: null, orphans: [] });
    expect(r).toMatchObject({ failure: { details: { checks: 2, max: 3 } }, retryAt: later(40_000).toISOString() });
    r = after(r, { kind: 'found', adopted: null, orphans: [] });
    expect(r).toMatchObject({ status: 'failed', retryAt: null, failure: { messageKey: 'rotation.errors.none-found', details: { checks: 3 } } });
  });

  it('a look that finds the key names it as an orphan with Revoke; one whose value reached the keychain is adopted and verified', () => {
    expect(after(record('generating'), { kind: 'found', adopted: null, orphans: ['k-late'] })).toMatchObject({
      status: 'failed',
      orphanKeyIds: ['k-late'],
      failure: { messageKey: 'rotation.errors.value-lost' },
    });
    expect(after(record('generating', { lookups: 2 }), { kind: 'found', adopted: 'k-kept', orphans: [] })).toMatchObject({
      status: 'verifying',
      newKeyId: 'k-kept',
      storedInKeychain: true,
      failure: null,
    });
  });

  it('a refusal of the generate fails with its reason; nothing to revoke', () => {
    const refused = fail('name-invalid').appError;
    expect(after(record('generating'), { kind: 'refused', error: refused })).toMatchObject({ status: 'failed', failure: refused, orphanKeyIds: [] });
  });

  it('a keychain write or a verification that fails rolls back; a roll-back that failed lists the replacement as an orphan', () => {
    const keychain = fail('keychain-failed').appError;
    expect(after(record('storing'), { kind: 'store-failed', error: keychain, revoked: true })).toMatchObject({ status: 'failed', orphanKeyIds: [] });
    expect(after(record('storing'), { kind: 'store-failed', error: keychain, revoked: false })).toMatchObject({ orphanKeyIds: ['k-new'] });
    const rejected = fail('unauthorized', { messageKey: 'rotation.errors.new-key-rejected' }).appError;
    expect(after(record('verifying'), { kind: 'rejected', error: rejected, revoked: true })).toMatchObject({
      status: 'failed',
      storedInKeychain: false,
      failure: rejected,
    });
  });

  it('a value in neither place is lost only while CloudMC still lists the key; a key already gone is not called an orphan', () => {
    expect(after(record('storing'), { kind: 'value-missing', live: true })).toMatchObject({
      status: 'failed',
      orphanKeyIds: ['k-new'],
      failure: { messageKey: 'rotation.errors.value-lost' },
    });
    expect(after(record('storing'), { kind: 'value-missing', live: false })).toMatchObject({
      status: 'failed',
      orphanKeyIds: [],
      failure: { messageKey: 'rotation.errors.replacement-gone' },
    });
  });

  it('a pause keeps the step with its reason and a retry moment; a paused revoke leaves the retirement scheduled', () => {
    expect(after(record('switching'), { kind: 'paused', error: offline })).toMatchObject({
      status: 'switching',
      failure: offline,
      retryAt: later(60_000).toISOString(),
    });
    expect(after(record('revoking'), { kind: 'paused', error: offline })).toMatchObject({ status: 'retiring', failure: offline });
    expect(after(record('verifying'), { kind: 'stopped', error: fail('profile-not-found').appError }).status).toBe('failed');
  });

  it('the user: the recent use is asked about; confirm and Revoke now revoke without asking again; cancel keeps both keys; Try again runs now', () => {
    const asked = after(record('retiring'), { kind: 'used-recently', lastUse: { ip: '203.0.113.7', at: t0.toISOString() } });
    expect(asked).toMatchObject({ status: 'needs-confirmation', lastUse: { ip: '203.0.113.7' } });
    expect(after(asked, { kind: 'confirm' })).toMatchObject({ status: 'revoking', revokeConfirmed: true });
    expect(after(record('retiring'), { kind: 'revoke-now' })).toMatchObject({ status: 'revoking', revokeConfirmed: true });
    expect(after(asked, { kind: 'cancel' })).toMatchObject({ status: 'cancelled', failure: null });
    const paused = record('verifying', { failure: offline, retryAt: later(60_000).toISOString() });
    expect(step(after(paused, { kind: 'retry-now' }))).toBe('verify');
    expect(after(record('failed', { orphanKeyIds: ['a', 'b'] }), { kind: 'orphans-revoked', left: ['b'], failure: offline })).toMatchObject({
      orphanKeyIds: ['b'],
      failure: offline,
    });
  });

  it('commands are refused in a status that does not allow them', () => {
    expect(() => checkCommand(record('verifying'), 'confirm')).toThrow();
    expect(() => checkCommand(record('done'), 'cancel')).toThrow();
    expect(() => checkCommand(record('generating'), 'revoke-now')).toThrow();
    expect(() => checkCommand(record('needs-confirmation'), 'confirm')).not.toThrow();
  });

  it('the default policy looks four times over a few minutes, each wait longer than the last', () => {
    const waits = defaultPolicy.lookupDelaysMs;
    expect(waits.length + 1).toBe(4);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15 * 60_000);
  });
});

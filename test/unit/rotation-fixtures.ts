// One rotation as main reports it and as its journal records it, for the tests of every layer (machine, journal, contract, renderer).
import type { RotationRecord } from '../../src-main/services/rotation/rotation-journal';
import type { RotationView } from '../../src-preload/contract/rotation';

/** A rotation of key k1 of profile p1 at `verifying` (stored, not failed) started at 2026-12-07 10:00 UTC, with `overrides`. */
export function rotationView(overrides: Partial<RotationView> = {}): RotationView {
  const at = '2026-12-07T10:00:00.000Z';
  return {
    id: 'r1',
    profileId: 'p1',
    oldKeyId: 'k1',
    oldKeyName: 'Update KB',
    newKeyId: 'k-new',
    newKeyName: 'Update KB (rotated 2026-12-07)',
    ownKey: false,
    status: 'verifying',
    grace: 'now',
    retireAt: null,
    lastUse: null,
    failure: null,
    retryAt: null,
    orphanKeyIds: [],
    storedInKeychain: true,
    startedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** The same rotation as the journal records it (what resuming needs besides the view), with `overrides`. */
export function rotationRecord(overrides: Partial<RotationRecord> = {}): RotationRecord {
  return { ...rotationView(), knownKeyIds: [], switchedAt: null, lookups: 0, ...overrides };
}

// The rotation part of the contract: what each operation accepts (the grace period, the replacement's name, a plan's key) and that a
// rotation's view carries no key value.
import { describe, expect, it } from 'vitest';
import {
  graceSchema,
  rotationPlanInput,
  rotationPlanSchema,
  rotationStartInput,
  rotationViewSchema,
} from '../../../../src-preload/contract/rotation';
import { rotationRecord } from '../../rotation-fixtures';

const keyId = '3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b';

describe('rotation inputs', () => {
  it('a grace period is a preset or a date with an offset', () => {
    for (const grace of ['now', '1h', '24h', '7d', { until: '2026-12-08T10:00:00+01:00' }]) expect(graceSchema.safeParse(grace).success).toBe(true);
    for (const grace of ['2h', { until: '2026-12-08T10:00:00' }, { until: 'tomorrow' }, { until: '2026-12-08T10:00:00Z', extra: 1 }])
      expect(graceSchema.safeParse(grace).success).toBe(false);
  });

  it('start: the name is optional (main then names the replacement), at most 100 characters, the key id checked', () => {
    expect(rotationStartInput.safeParse({ profileId: 'p1', keyId, grace: 'now' }).success).toBe(true);
    expect(rotationStartInput.safeParse({ profileId: 'p1', keyId, grace: 'now', name: `  ${'é'.repeat(100)}  ` }).success).toBe(true);
    expect(rotationStartInput.safeParse({ profileId: 'p1', keyId, grace: 'now', name: 'x'.repeat(101) }).success).toBe(false);
    expect(rotationStartInput.safeParse({ profileId: 'p1', keyId: '../../x', grace: 'now' }).success).toBe(false);
    expect(rotationStartInput.safeParse({ profileId: 'p1', keyId, grace: 'now', value: 'secret' }).success).toBe(false);
  });

  it('plan: a profile and a key id; it answers a default name only', () => {
    expect(rotationPlanInput.safeParse({ profileId: 'p1', keyId }).success).toBe(true);
    expect(rotationPlanInput.safeParse({ profileId: 'p1', keyId: 'not a key id' }).success).toBe(false);
    expect(rotationPlanSchema.parse({ defaultName: 'ci (rotated 2026-12-07)', extra: 'dropped' })).toEqual({
      defaultName: 'ci (rotated 2026-12-07)',
    });
  });
});

describe('a rotation as the renderer sees it', () => {
  it('holds ids, names, dates and the failure; anything else (a value) is dropped', () => {
    const parsed = rotationViewSchema.parse({ ...rotationRecord({ oldKeyId: keyId }), secret: 'must-never-cross' });
    expect(JSON.stringify(parsed)).not.toContain('must-never-cross');
    expect(parsed).not.toHaveProperty('knownKeyIds');
  });
});

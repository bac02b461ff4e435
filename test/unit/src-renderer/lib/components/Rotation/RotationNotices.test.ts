// The rotations that need the user, as main reports them: a replacement that may exist (looking again, never "none made"), keys nobody can
// use named with Revoke, a paused step with Try again and when it runs by itself, main's refusal to revoke the profile's own key.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RotationNotices from '../../../../../../src-renderer/src/lib/components/Rotation/RotationNotices.svelte';
import { keys } from '../../../../../../src-renderer/src/lib/state/keys.svelte';
import { rotation } from '../../../../../../src-renderer/src/lib/state/rotation.svelte';
import { fail as failOf } from '../../../../../../src-main/errors';
import type { RotationView } from '../../../../../../src-preload/contract/rotation';
import { fail, installBridge, keysView, ok, resetAll, sampleKeys } from '../../../helpers';
import { rotationView } from '../../../../rotation-fixtures';

const view = (overrides: Partial<RotationView>): RotationView =>
  rotationView({ status: 'generating', newKeyId: null, storedInKeychain: false, ...overrides });
const mayExist = view({
  failure: failOf('secret-gone', { kind: 'uncertain', messageKey: 'rotation.errors.may-exist', details: { checks: 1, max: 4 } }).appError,
  retryAt: '2026-12-07T10:00:30.000Z',
});
const orphaned = view({
  id: 'r2',
  status: 'failed',
  orphanKeyIds: ['k2'],
  failure: failOf('secret-gone', { kind: 'uncertain', messageKey: 'rotation.errors.value-lost' }).appError,
});

async function setup(list: RotationView[], handlers: Parameters<typeof installBridge>[0] = {}) {
  const calls = installBridge({ 'rotation:list': () => ok(list), ...handlers });
  keys.profileId = 'p1';
  keys.applyView(keysView(), false, false);
  await rotation.load('p1');
  render(RotationNotices);
  return { calls, region: screen.getByRole('region', { name: 'Rotations' }) };
}

describe('RotationNotices', () => {
  beforeEach(() => {
    resetAll('en');
    rotation.reset();
  });

  it('a replacement that may exist: "looking for it", how many looks so far, when it looks again, Try again; never "no replacement was made"', async () => {
    const { calls, region } = await setup([mayExist], {
      'rotation:resume': () => ok({ rotation: { ...mayExist, retryAt: null }, view: keysView() }),
    });
    expect(within(region).getByText('Looking for the replacement on CloudMC…')).toBeTruthy();
    expect(
      within(region).getByText('No answer came from CloudMC, so a replacement may exist. Looked for it 1 of 4 times; looking again shortly.'),
    ).toBeTruthy();
    expect(within(region).getByText(/^Paused; tried again by itself at /)).toBeTruthy();
    expect(region.textContent).not.toContain('No replacement');
    await fireEvent.click(within(region).getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'rotation:resume')).toBe(true));
  });

  it('keys nobody can use are named, with Revoke; main refusing the key the profile signs in with is shown in words', async () => {
    const { calls, region } = await setup([orphaned], {
      'rotation:revokeOrphans': () =>
        fail('invalid-input', { messageKey: 'rotation.errors.own-key-in-use', details: { field: 'keyId', reason: 'signs-in', keyId: 'k2' } }),
    });
    expect(within(region).getByText(`Keys nobody can use: \u2068${sampleKeys[1]!.name}\u2069`)).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Dismiss' })).toBeNull();
    await fireEvent.click(within(region).getByRole('button', { name: 'Revoke unusable keys' }));
    expect(
      (await within(region).findByText('This profile signs in with this key: it cannot be revoked here.')).closest('[role="alert"]'),
    ).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'rotation:revokeOrphans')).toEqual([{ channel: 'rotation:revokeOrphans', input: { rotationId: 'r2' } }]);
  });

  it('a finished rotation with nothing left to revoke can be dismissed; nothing shows when no rotation needs the user', async () => {
    const stopped = view({
      id: 'r3',
      status: 'failed',
      failure: failOf('secret-gone', { kind: 'uncertain', messageKey: 'rotation.errors.none-found', details: { checks: 4 } }).appError,
    });
    const { region } = await setup([stopped], { 'rotation:dismiss': () => ok(null) });
    expect(within(region).getByText('No replacement was found after 4 checks; the old key still works.')).toBeTruthy();
    await fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Rotations' })).toBeNull());
  });
});

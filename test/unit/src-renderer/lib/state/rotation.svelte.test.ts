// The renderer's rotation state: main's views shown as they are (steps, the sentence for each status, paused, dismissible), a late list
// never replacing a newer profile's, main's key view applied after a change, main's plan asked for the default name.
import { beforeEach, describe, expect, it } from 'vitest';
import { isDismissible, isPaused, rotation, statusKeyOf, stepsOf } from '../../../../../src-renderer/src/lib/state/rotation.svelte';
import { keys } from '../../../../../src-renderer/src/lib/state/keys.svelte';
import { fail as failOf } from '../../../../../src-main/errors';
import type { RotationView } from '../../../../../src-preload/contract/rotation';
import { installBridge, keysView, ok, resetAll } from '../../helpers';
import { rotationView } from '../../../rotation-fixtures';

const at = '2026-12-07T10:00:00.000Z';
const view = rotationView;
const offline = failOf('unreachable').appError;

describe('what a rotation view says', () => {
  it("steps: done before the current one, failed where it stopped, the switch only for the profile's own key", () => {
    expect(stepsOf(view()).map((s) => `${s.step}:${s.state}`)).toEqual(['generate:done', 'store:done', 'verify:current', 'retire:todo']);
    expect(stepsOf(view({ ownKey: true, status: 'switching' })).map((s) => s.step)).toEqual(['generate', 'store', 'verify', 'switch', 'retire']);
    expect(stepsOf(view({ status: 'failed', newKeyId: null, storedInKeychain: false }))[0]).toEqual({ step: 'generate', state: 'failed' });
    expect(stepsOf(view({ status: 'done' })).every((s) => s.state === 'done')).toBe(true);
  });

  it('a generate with no answer reads "looking for the replacement", not "generating"', () => {
    expect(statusKeyOf(view({ status: 'generating', newKeyId: null }))).toBe('rotation.status.generating');
    expect(statusKeyOf(view({ status: 'generating', newKeyId: null, failure: offline }))).toBe('rotation.status.checking');
    expect(statusKeyOf(view({ status: 'retiring' }))).toBe('rotation.status.retiring');
  });

  it('paused while main has a retry moment for an unfinished rotation; dismissible once finished with nothing to revoke', () => {
    expect(isPaused(view({ failure: offline, retryAt: at }))).toBe(true);
    expect(isPaused(view({ status: 'failed', failure: offline, retryAt: at }))).toBe(false);
    expect(isDismissible(view({ status: 'failed' }))).toBe(true);
    expect(isDismissible(view({ status: 'failed', orphanKeyIds: ['k9'] }))).toBe(false);
    expect(isDismissible(view({ status: 'retiring' }))).toBe(false);
  });
});

describe('the rotation store', () => {
  beforeEach(() => {
    resetAll('en');
    rotation.reset();
  });

  it('a late answer for another profile never replaces the list of the profile shown', async () => {
    let answerFirst!: (value: ReturnType<typeof ok<RotationView[]>>) => void;
    installBridge({
      'rotation:list': (input: { profileId?: string }) =>
        input.profileId === 'p1' ? new Promise((resolve) => (answerFirst = resolve)) : ok([view({ id: 'r2', profileId: 'p2' })]),
    });
    const first = rotation.load('p1');
    await rotation.load('p2');
    answerFirst(ok([view()]));
    await first;
    expect(rotation.profileId).toBe('p2');
    expect(rotation.list.map((r) => r.id)).toEqual(['r2']);
  });

  it("a change answers main's rotation and key view: both are applied; the retiring key is found by its id", async () => {
    const retiring = view({ status: 'retiring', retireAt: '2026-12-08T10:00:00.000Z' });
    installBridge({ 'rotation:list': () => ok([view()]), 'rotation:resume': () => ok({ rotation: retiring, view: keysView() }) });
    await rotation.load('p1');
    keys.profileId = 'p1';
    const result = await rotation.resume('r1');
    expect(result.ok).toBe(true);
    expect(rotation.list).toEqual([retiring]);
    expect(rotation.retiringByKey['k1']).toEqual(retiring);
    expect(keys.keys.map((k) => k.id).sort()).toEqual(['k1', 'k2']);
  });

  it("plan asks main for the replacement's default name", async () => {
    const calls = installBridge({ 'rotation:plan': () => ok({ defaultName: 'Update KB (rotated 2026-12-07)' }) });
    expect(await rotation.plan('p1', 'k1')).toEqual(ok({ defaultName: 'Update KB (rotated 2026-12-07)' }));
    expect(calls).toEqual([{ channel: 'rotation:plan', input: { profileId: 'p1', keyId: 'k1' } }]);
  });
});

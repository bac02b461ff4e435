// The profiles store: selecting loads the profile's key screen and its rotations; every key view main reports refreshes the profile's
// summary (never bringing back a removed one); removing the selected profile selects the next, or clears the key screen.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { keys } from '../../../../../src-renderer/src/lib/state/keys.svelte';
import { profiles } from '../../../../../src-renderer/src/lib/state/profiles.svelte';
import { rotation } from '../../../../../src-renderer/src/lib/state/rotation.svelte';
import { appState, fail, installBridge, keysView, noChanges, ok, profile, resetAll, workingHandlers } from '../../helpers';
import { rotationView } from '../../../rotation-fixtures';

const second: ProfileSummary = { ...profile, id: 'p2', name: 'Staging' };
const state = appState({ profiles: [profile, second] });

beforeEach(() => {
  resetAll();
  rotation.reset();
  profiles.replaceAll([profile, second]);
});

describe('profiles store', () => {
  it('selecting a profile opens its screen in main (remembered there, with its keys and rotations), then refreshes', async () => {
    const rotations = [rotationView({ profileId: 'p2' })];
    const calls = installBridge(workingHandlers({ 'rotation:list': () => ok(rotations) }, state));
    await profiles.select('p2');
    expect(profiles.selected?.name).toBe('Staging');
    expect(keys.profileId).toBe('p2');
    expect(keys.hasList).toBe(true);
    const channels = calls.map((c) => c.channel);
    expect(channels.slice(0, 2)).toEqual(['profiles:open', 'keys:refresh']);
    expect(calls[0]?.input).toEqual({ profileId: 'p2' });
    expect(rotation.list).toEqual(rotations);
  });

  it('shows why main could not remember the choice, and still loads the keys', async () => {
    const notRemembered = fail('store-write-failed').error;
    installBridge(
      workingHandlers(
        {
          'profiles:open': () =>
            ok({
              keys: keysView({ profile: state.profiles[0]! }),
              copies: [],
              rotations: [],
              notes: {},
              maybeCreated: [],
              changes: noChanges(state.profiles[0]!.id),
              notRemembered,
              shortcuts: state.shortcuts,
            }),
        },
        state,
      ),
    );
    await profiles.select('p1');
    expect(profiles.selectError?.code).toBe('store-write-failed');
    expect(keys.profileId).toBe('p1');
    expect(keys.hasList).toBe(true);
  });

  it("takes each key view's profile summary from main, for a profile that is not the shown one too", () => {
    installBridge(workingHandlers({}, state));
    keys.applyView(keysView({ profile: second, syncState: 'live' }));
    expect(profiles.list.find((p) => p.id === 'p2')?.syncState).toBe('live');
    expect(keys.profileId).toBe(null);
  });

  it('never brings back a removed profile from a late key view about it', () => {
    installBridge(workingHandlers({}, state));
    profiles.forget('p2');
    keys.applyView(keysView({ profile: second }));
    expect(profiles.list.map((p) => p.id)).toEqual(['p1']);
  });

  it('removing the selected profile selects the next one; removing the last clears the key screen', async () => {
    installBridge(workingHandlers({ 'profiles:remove': () => ok(null), 'rotation:list': () => ok([]) }, state));
    await profiles.select('p1');
    expect(await profiles.remove('p1')).toBe(null);
    expect(profiles.selectedId).toBe('p2');
    await expect.poll(() => keys.profileId).toBe('p2');
    expect(await profiles.remove('p2')).toBe(null);
    expect(profiles.list).toEqual([]);
    expect(profiles.selectedId).toBe(null);
    expect(keys.profileId).toBe(null);
  });

  it('keeps the list when main refuses a removal, and gives its error', async () => {
    installBridge(workingHandlers({ 'profiles:remove': () => fail('store-write-failed') }, state));
    const error = await profiles.remove('p1');
    expect(error?.code).toBe('store-write-failed');
    expect(profiles.list.map((p) => p.id)).toEqual(['p1', 'p2']);
  });
});

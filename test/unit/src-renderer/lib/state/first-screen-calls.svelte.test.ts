// Issue 22 item 1: one answer per screen. The first screen's calls go out together (never one after another's answer), its key
// screen in one `profiles:open`; a profile switch is one `profiles:open` (cached keys, stored copies, rotations), then the refresh.
import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import { app } from '../../../../../src-renderer/src/lib/state/app.svelte';
import { copies } from '../../../../../src-renderer/src/lib/state/copies.svelte';
import { keys } from '../../../../../src-renderer/src/lib/state/keys.svelte';
import { profiles } from '../../../../../src-renderer/src/lib/state/profiles.svelte';
import type { Channel } from '../../../../../src-preload/contract/operations';
import { appState, cachedView, deferred, installBridge, noChanges, ok, profile, resetAll, sampleKeys, settle, workingHandlers } from '../../helpers';

const channels = (calls: { channel: Channel }[]) => calls.map((c) => c.channel);
const second = { ...profile, id: 'p2', name: 'Second' };
const screenOf = (profileId: string) => ({
  keys: cachedView([sampleKeys[0]!], new Date().toISOString(), { profile: { ...profile, id: profileId } }).value,
  copies: [{ keyId: sampleKeys[0]!.id, keyName: sampleKeys[0]!.name, orphaned: false }],
  rotations: [],
  notes: {},
  maybeCreated: [],
  changes: noChanges(profileId),
  notRemembered: null,
  shortcuts: { pinned: [], recent: [] },
});

beforeEach(() => resetAll());

describe('calls for the first screen and a switch', () => {
  it("the first screen asks for the state, the policy, the open one-time keys and the last profile's screen together", async () => {
    const state = deferred<ReturnType<typeof ok<ReturnType<typeof appState>>>>();
    const refreshed = deferred<ReturnType<typeof cachedView>>();
    const calls = installBridge(
      workingHandlers({ 'app:getState': () => state.promise, 'profiles:open': () => ok(screenOf('p1')), 'keys:refresh': () => refreshed.promise }),
    );
    const loading = app.load();
    await vi.waitFor(() =>
      expect(channels(calls)).toEqual(expect.arrayContaining(['app:getState', 'policy:get', 'profiles:open', 'secrets:listPending'])),
    );
    state.resolve(ok(appState()));
    await vi.waitFor(() => expect(channels(calls)).toContain('keys:refresh'));
    expect(calls.find((c) => c.channel === 'profiles:open')?.input).toEqual({});
    expect(profiles.selectedId).toBe('p1');
    expect(copies.list.map((c) => c.keyId)).toEqual([sampleKeys[0]!.id]);
    // Nothing of the key screen is asked apart before CloudMC answers: the opened screen carried it.
    for (const apart of ['keys:listCached', 'copies:list', 'rotation:list'] as Channel[]) expect(channels(calls)).not.toContain(apart);
    refreshed.resolve(cachedView([sampleKeys[0]!], new Date().toISOString()));
    await loading;
  });

  it('a profile switch is one call for everything local, then the refresh from CloudMC', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [profile, second] })));
    await app.load();
    const refreshed = deferred<ReturnType<typeof cachedView>>();
    const calls = installBridge(
      workingHandlers(
        { 'profiles:open': (input: never) => ok(screenOf((input as { profileId: string }).profileId)), 'keys:refresh': () => refreshed.promise },
        appState({ profiles: [profile, second] }),
      ),
    );
    const switching = profiles.select('p2');
    await vi.waitFor(() => expect(channels(calls)).toContain('keys:refresh'));
    // Before CloudMC answers, the rows, the stored copies and the rotations came in one local answer.
    expect(channels(calls)).toEqual(['profiles:open', 'keys:refresh']);
    expect(calls[0]?.input).toEqual({ profileId: 'p2' });
    expect(keys.keys.map((k) => k.id)).toEqual([sampleKeys[0]!.id]);
    expect(copies.list.map((c) => c.keyId)).toEqual([sampleKeys[0]!.id]);
    refreshed.resolve(cachedView([sampleKeys[0]!], new Date().toISOString(), { profile: second }));
    await switching;
    expect(profiles.selectedId).toBe('p2');
  });

  it('copies the keychain could not give at once are asked apart', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [profile, second] })));
    await app.load();
    const calls = installBridge(
      workingHandlers(
        { 'profiles:open': () => ok({ ...screenOf('p2'), copies: null }), 'copies:list': () => ok([]) },
        appState({ profiles: [profile, second] }),
      ),
    );
    await profiles.select('p2');
    await vi.waitFor(() => expect(channels(calls)).toContain('copies:list'));
  });
});

describe('calls of the whole window for a switch (components included)', () => {
  it('a profile switch makes one bridge call before its rows show: the notes and uncertain Generates came with the screen', async () => {
    const state = appState({ profiles: [profile, second], lastProfileId: 'p1' });
    const screens: Record<string, ReturnType<typeof screenOf>> = {
      p1: screenOf('p1'),
      p2: {
        ...screenOf('p2'),
        keys: cachedView([sampleKeys[1]!], new Date().toISOString(), { profile: second }).value,
        notes: { [sampleKeys[1]!.id]: 'kept for the staging jobs' },
      },
    };
    const open = (input: never) => ok(screens[(input as { profileId?: string }).profileId ?? 'p1']!);
    installBridge(workingHandlers({ 'profiles:open': open }, state));
    render(App);
    await screen.findByRole('cell', { name: new RegExp(sampleKeys[0]!.name) });
    await settle();

    const refreshed = deferred<ReturnType<typeof cachedView>>();
    const calls = installBridge(workingHandlers({ 'profiles:open': open, 'keys:refresh': () => refreshed.promise }, state));
    const switching = profiles.select('p2');
    await screen.findByRole('cell', { name: new RegExp(sampleKeys[1]!.name) });
    // Before the rows: only main's one answer; CloudMC's refresh is asked once they show and is still unanswered here.
    await settle();
    expect(channels(calls)).toEqual(['profiles:open', 'keys:refresh']);
    expect(screen.getByText('kept for the staging jobs')).toBeTruthy();
    refreshed.resolve(cachedView([sampleKeys[1]!], new Date().toISOString(), { profile: second }));
    await switching;
  });
});

// Issue 22 item 1: the first screen's calls and a profile switch's go out together, never one after another's answer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../../../../src-renderer/src/lib/state/app.svelte';
import { profiles } from '../../../../../src-renderer/src/lib/state/profiles.svelte';
import type { Channel } from '../../../../../src-preload/contract/operations';
import { cachedView, deferred, installBridge, resetAll, sampleKeys, workingHandlers } from '../../helpers';

const held = () => deferred<ReturnType<typeof cachedView>>();
const channels = (calls: { channel: Channel }[]) => calls.map((c) => c.channel);
const afterTheList: Channel[] = ['secrets:listPending', 'profiles:select', 'copies:list', 'rotation:list'];

beforeEach(() => resetAll());

describe('calls for the first screen and a switch', () => {
  it('asks for the stored copies and the rotations while the cached list is still on its way', async () => {
    const list = held();
    const calls = installBridge(workingHandlers({ 'keys:listCached': () => list.promise }));
    const loading = app.load();
    await vi.waitFor(() => expect(channels(calls)).toContain('keys:listCached'));
    await vi.waitFor(() => expect(channels(calls)).toEqual(expect.arrayContaining(afterTheList)));
    list.resolve(cachedView([sampleKeys[0]!], new Date().toISOString()));
    await loading;
  });

  it('a profile switch asks for its copies and rotations without waiting for its list', async () => {
    installBridge(workingHandlers());
    await app.load();
    const list = held();
    const calls = installBridge(workingHandlers({ 'keys:listCached': () => list.promise }));
    const switching = profiles.select(profiles.list[0]!.id);
    await vi.waitFor(() => expect(channels(calls)).toEqual(expect.arrayContaining(['keys:listCached', 'copies:list', 'rotation:list'])));
    list.resolve(cachedView([sampleKeys[0]!], new Date().toISOString()));
    await switching;
  });
});

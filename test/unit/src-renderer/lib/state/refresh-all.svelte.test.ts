// "Refresh all": a pool of 4 with progress, per-profile results, cancel; answers resolved by hand.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { ErrorCode, IpcResult } from '../../../../../src-preload/contract/errors';
import type { ChannelOutput } from '../../../../../src-preload/contract/operations';
import {
  appState,
  deferred,
  type Deferred,
  installBridge,
  manyProfiles,
  ok,
  refreshAnswer,
  refreshFailed,
  resetAll,
  settle,
  workingHandlers,
} from '../../helpers';

type RefreshAnswer = IpcResult<ChannelOutput<'keys:refresh'>>;

/** Six profiles (plus one without an access key); every refresh after the first (start-up) waits for the test. */
function setup() {
  const list = [...manyProfiles(6), ...manyProfiles(1, { id: 'nokey', name: 'No key', accessKey: 'missing' })];
  const summary = (profileId: string) => list.find((p) => p.id === profileId)!;
  const pending = new Map<string, Deferred<RefreshAnswer>>();
  const requestIds = new Map<string, string>();
  let startup = true;
  const calls = installBridge(
    workingHandlers(
      {
        'keys:refresh': (input: never) => {
          const { profileId, requestId } = input as { profileId: string; requestId?: string };
          if (startup) {
            startup = false;
            return refreshAnswer(summary(profileId));
          }
          if (requestId) requestIds.set(profileId, requestId);
          const d = deferred<RefreshAnswer>();
          pending.set(profileId, d);
          return d.promise;
        },
        'app:cancelRequest': () => ok(null),
        'profiles:list': () => ok(list.map((p) => ({ ...p, syncState: 'live' as const }))),
      },
      appState({ profiles: list }),
    ),
  );
  /** Answers a profile's refresh: CloudMC's list, or main's view of the failure `code` (nothing cached). */
  const answer = (profileId: string, code?: ErrorCode) =>
    pending.get(profileId)?.resolve(code ? refreshFailed(code, {}, null, { profile: summary(profileId) }) : refreshAnswer(summary(profileId)));
  return { calls, pending, requestIds, answer };
}

/** Profiles whose refresh was launched by Refresh all (the first refresh is the selected profile's, at start-up). */
const launched = (calls: { channel: string; input: unknown }[]) =>
  calls
    .filter((c) => c.channel === 'keys:refresh')
    .slice(1)
    .map((c) => (c.input as { profileId: string }).profileId);

async function startRefreshAll(): Promise<HTMLElement> {
  await screen.findByRole('cell', { name: 'Update KB' });
  await fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
  return screen.getByRole('region', { name: 'Refresh all' });
}

describe('Refresh all', () => {
  beforeEach(() => resetAll('en'));

  it('refreshes at most 4 at once, with a fresh request id each, and shows n of N', async () => {
    const { calls, requestIds, answer } = setup();
    render(App);
    const panel = await startRefreshAll();
    await vi.waitFor(() => expect(launched(calls)).toEqual(['p1', 'p2', 'p3', 'p4']));
    expect(new Set(requestIds.values()).size).toBe(4);
    const progress = within(panel).getByRole('progressbar', { name: 'Refresh all' }) as HTMLProgressElement;
    expect(progress.max).toBe(6);
    expect(progress.value).toBe(0);
    expect(within(panel).getByText('0 of 6')).toBeTruthy();
    expect(launched(calls)).not.toContain('nokey');

    answer('p2');
    await vi.waitFor(() => expect(launched(calls)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']));
    expect(within(panel).getByText('1 of 6')).toBeTruthy();
    answer('p3', 'unreachable');
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(6));
    const results = within(panel).getByRole('list', { name: 'Results by profile' });
    expect(within(results).getByText('Profile 2').closest('li')?.textContent).toContain('Up to date');
    expect(within(results).getByText('Profile 3').closest('li')?.textContent).toContain('CloudMC could not be reached.');
    for (const id of ['p1', 'p4', 'p5', 'p6']) answer(id);
    await vi.waitFor(() => expect(within(panel).getByText('6 of 6')).toBeTruthy());
    expect(progress.value).toBe(6);
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'profiles:list')).toBe(true));
    expect(within(panel).getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('does not let a profile that never answers block the others', async () => {
    const { calls, answer } = setup();
    render(App);
    const panel = await startRefreshAll();
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(4));
    // p1 never answers; everyone else does, as soon as launched.
    for (const id of ['p2', 'p3', 'p4']) answer(id);
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(6));
    answer('p5');
    answer('p6');
    await vi.waitFor(() => expect(within(panel).getByText('5 of 6')).toBeTruthy());
    expect(within(panel).getByText('Profile 1').closest('li')?.textContent).toContain('Refreshing…');
    expect(within(panel).getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('cancel stops new launches and cancels each refresh in flight', async () => {
    const { calls, requestIds, answer } = setup();
    render(App);
    const panel = await startRefreshAll();
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(4));
    answer('p1');
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(5));
    await fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    const cancelled = calls.filter((c) => c.channel === 'app:cancelRequest').map((c) => (c.input as { requestId: string }).requestId);
    expect(cancelled.sort()).toEqual(['p2', 'p3', 'p4', 'p5'].map((id) => requestIds.get(id)).sort());
    // Answers arriving after cancel launch nothing new.
    for (const id of ['p2', 'p3', 'p4', 'p5']) answer(id, 'cancelled');
    await settle();
    expect(launched(calls)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(within(panel).getByText('Profile 6').closest('li')?.textContent).toContain('Cancelled');
    expect(within(panel).getByText('6 of 6')).toBeTruthy();
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'profiles:list')).toBe(true));
    await fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Refresh all' })).toBeNull();
  });

  // Main reports each profile's summary in the view it answers; the sidebar shows it (the renderer computes no sync state).
  it("puts each profile's summary from main's view in the sidebar as its answer arrives", async () => {
    const { calls, answer } = setup();
    render(App);
    await startRefreshAll();
    await vi.waitFor(() => expect(launched(calls)).toHaveLength(4));
    const nav = screen.getByRole('navigation', { name: 'Profiles' });
    const stateOf = (name: string) => within(nav).getByText(name, { selector: '.profile-name' }).closest('button')?.textContent ?? '';
    expect(stateOf('Profile 2')).toContain('Never synced');
    answer('p2');
    answer('p3', 'unauthorized');
    await vi.waitFor(() => expect(stateOf('Profile 2')).toContain('Up to date'));
    await vi.waitFor(() => expect(stateOf('Profile 3')).toContain('API key rejected'));
    expect(stateOf('Profile 4')).toContain('Never synced');
  });
});

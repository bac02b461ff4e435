// "Refresh all" as the window shows it: main runs it (test/unit/src-main/services/refresh-all.test.ts) and reports each change as
// `refreshAll:did-change`; the panel renders what main reports, from this window's Start or another's, in order whatever comes first.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { RefreshAllRun, RefreshItem } from '../../../../../src-preload/contract/events';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { appState, deferred, emitEvent, fail, installBridge, keysView, manyProfiles, ok, resetAll, settle, workingHandlers } from '../../helpers';

const list = manyProfiles(6);
const line = (p: ProfileSummary, status: RefreshItem['status'] = 'waiting', error: RefreshItem['error'] = null): RefreshItem => ({
  profileId: p.id,
  name: p.name,
  status,
  error,
});
/** Main's run `r1` at its start: every line waiting. */
const started: RefreshAllRun = { runId: 'r1', seq: 1, running: true, items: list.map((p) => line(p)) };
/** A change of run r1 touching `items`. */
const change = (seq: number, items: RefreshItem[], running = true, runId = 'r1'): RefreshAllRun => ({ runId, seq, running, items });

function setup(start: () => ReturnType<typeof ok<RefreshAllRun>> | Promise<ReturnType<typeof ok<RefreshAllRun>>> = () => ok(started)) {
  return installBridge(
    workingHandlers(
      {
        'refreshAll:start': start,
        'refreshAll:cancel': () => ok(null),
        'refreshAll:current': () =>
          ok(
            change(
              7,
              list.map((p, i) => line(p, i < 2 ? 'ok' : 'running')),
            ),
          ),
        'health:findings': () => fail('internal'),
      },
      appState({ profiles: list }),
    ),
  );
}

async function openApp(): Promise<void> {
  render(App);
  await screen.findByRole('cell', { name: 'Update KB' });
}

const panel = (): HTMLElement => screen.getByRole('region', { name: 'Refresh all' });
const resultOf = (name: string): string => within(panel()).getByText(name).closest('li')?.textContent ?? '';

describe('Refresh all', () => {
  beforeEach(() => resetAll('en'));

  it('Start asks main once; the panel shows main’s lines, then each change main reports, n of N, and Close once main says it ended', async () => {
    const calls = setup();
    await openApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    await vi.waitFor(() => expect(within(panel()).getByText('0 of 6')).toBeTruthy());
    expect(calls.filter((c) => c.channel === 'refreshAll:start')).toHaveLength(1);
    // The renderer runs no refresh of its own: main does.
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1); // the shown profile's, at start-up
    const progress = within(panel()).getByRole('progressbar', { name: 'Refresh all' }) as HTMLProgressElement;
    expect(progress.max).toBe(6);

    emitEvent('refreshAll:did-change', change(2, [line(list[0]!, 'running'), line(list[1]!, 'running')]));
    emitEvent('refreshAll:did-change', change(3, [line(list[1]!, 'ok')]));
    emitEvent('refreshAll:did-change', change(4, [line(list[2]!, 'failed', fail('unreachable').error)]));
    await vi.waitFor(() => expect(within(panel()).getByText('2 of 6')).toBeTruthy());
    expect(resultOf('Profile 1')).toContain('Refreshing…');
    expect(resultOf('Profile 2')).toContain('Up to date');
    expect(resultOf('Profile 3')).toContain('CloudMC could not be reached.');
    expect(within(panel()).getByRole('button', { name: 'Cancel' })).toBeTruthy();

    emitEvent(
      'refreshAll:did-change',
      change(
        5,
        [0, 3, 4, 5].map((i) => line(list[i]!, 'ok')),
      ),
    );
    emitEvent('refreshAll:did-change', change(6, [], false));
    await vi.waitFor(() => expect(within(panel()).getByText('6 of 6')).toBeTruthy());
    expect(progress.value).toBe(6);
    // The fresh lists change the findings counted beside each profile: asked once the run ended.
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'health:findings')).toBe(true));
    await fireEvent.click(within(panel()).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Refresh all' })).toBeNull();
  });

  it('Cancel asks main to stop; the lines main cancelled say so', async () => {
    const calls = setup();
    await openApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    await vi.waitFor(() => expect(within(panel()).getByText('0 of 6')).toBeTruthy());
    emitEvent('refreshAll:did-change', change(2, [line(list[0]!, 'ok')]));
    await fireEvent.click(await within(panel()).findByRole('button', { name: 'Cancel' }));
    expect(calls.filter((c) => c.channel === 'refreshAll:cancel')).toHaveLength(1);
    emitEvent(
      'refreshAll:did-change',
      change(
        3,
        list.slice(1).map((p) => line(p, 'cancelled')),
        false,
      ),
    );
    await vi.waitFor(() => expect(within(panel()).getByText('6 of 6')).toBeTruthy());
    expect(resultOf('Profile 6')).toContain('Cancelled');
    expect(resultOf('Profile 1')).toContain('Up to date');
  });

  it('a change that arrives before main’s answer to Start is not lost, and an older one does not undo a newer', async () => {
    const answer = deferred<ReturnType<typeof ok<RefreshAllRun>>>();
    setup(() => answer.promise);
    await openApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    emitEvent('refreshAll:did-change', change(2, [line(list[0]!, 'ok')]));
    answer.resolve(ok(started));
    await vi.waitFor(() => expect(within(panel()).getByText('1 of 6')).toBeTruthy());
    emitEvent('refreshAll:did-change', change(2, [line(list[0]!, 'running')]));
    await settle();
    expect(resultOf('Profile 1')).toContain('Up to date');
  });

  it('a run started in another window opens the panel here with every line', async () => {
    const calls = setup();
    await openApp();
    expect(screen.queryByRole('region', { name: 'Refresh all' })).toBeNull();
    emitEvent(
      'refreshAll:did-change',
      change(
        1,
        list.map((p) => line(p)),
        true,
        'elsewhere',
      ),
    );
    await vi.waitFor(() => expect(within(panel()).getByText('0 of 6')).toBeTruthy());
    emitEvent('refreshAll:did-change', change(2, [line(list[3]!, 'ok')], true, 'elsewhere'));
    await vi.waitFor(() => expect(resultOf('Profile 4')).toContain('Up to date'));
    expect(calls.filter((c) => c.channel === 'refreshAll:start' || c.channel === 'refreshAll:current')).toEqual([]);
  });

  it('a window that joins during a run (e.g. after a reload) asks main for the run, then follows its changes', async () => {
    const calls = setup();
    await openApp();
    emitEvent('refreshAll:did-change', change(8, [line(list[2]!, 'ok')]));
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'refreshAll:current')).toHaveLength(1));
    // Main's run at seq 7 had two lines done; the change at seq 8 that came meanwhile adds the third.
    await vi.waitFor(() => expect(within(panel()).getByText('3 of 6')).toBeTruthy());
  });

  it("puts each profile's summary from main's keys:did-change in the sidebar as it arrives", async () => {
    setup();
    await openApp();
    const nav = screen.getByRole('navigation', { name: 'Profiles' });
    const stateOf = (name: string) => within(nav).getByText(name, { selector: '.profile-name' }).closest('button')?.textContent ?? '';
    expect(stateOf('Profile 2')).toContain('Never synced');
    emitEvent('keys:did-change', { profileId: 'p2', view: keysView({ profile: list[1]! }) });
    emitEvent('keys:did-change', { profileId: 'p3', view: keysView({ profile: list[2]!, keys: null, failure: fail('unauthorized').error }) });
    await vi.waitFor(() => expect(stateOf('Profile 2')).toContain('Up to date'));
    await vi.waitFor(() => expect(stateOf('Profile 3')).toContain('API key rejected'));
    expect(stateOf('Profile 4')).toContain('Never synced');
  });
});

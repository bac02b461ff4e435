// The Refresh all panel as main's run drives it: "n of N" as text and as the progress bar's value, one line per profile with its
// outcome in words (main's failure translated), names as text, Cancel while running and Close after, and the id focus is sent to.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RefreshAllPanel from '../../../../../../src-renderer/src/lib/components/Profiles/RefreshAllPanel.svelte';
import type { RefreshItem } from '../../../../../../src-renderer/src/lib/state/refresh-all.svelte';
import { fail, resetAll } from '../../../helpers';

const evil = '<img src=x onerror=alert(1)>';
const items: RefreshItem[] = [
  { profileId: 'p1', name: 'Production', status: 'ok', error: null },
  { profileId: 'p2', name: 'Staging', status: 'failed', error: fail('unauthorized').error },
  { profileId: 'p3', name: evil, status: 'running', error: null },
  { profileId: 'p4', name: 'Lab', status: 'waiting', error: null },
];

function setup(props: { items: RefreshItem[]; done: number; running: boolean }) {
  const handlers = { oncancel: vi.fn(), onclose: vi.fn() };
  const view = render(RefreshAllPanel, { ...props, ...handlers });
  const panel = screen.getByRole('region', { name: 'Refresh all' });
  return { ...handlers, ...view, panel };
}

/** Each result line as "name: outcome". */
const lines = (panel: HTMLElement): string[] =>
  within(within(panel).getByRole('list', { name: 'Results by profile' }))
    .getAllByRole('listitem')
    .map((li) => `${li.querySelector('.name')?.textContent}: ${li.querySelector('.outcome')?.textContent?.trim()}`);

describe('RefreshAllPanel', () => {
  beforeEach(() => resetAll('en'));

  it('shows how far the run is, as text and as the bar’s value, and each profile’s outcome in words', () => {
    const { panel } = setup({ items, done: 2, running: true });
    const bar = panel.querySelector('progress')!;
    expect(bar.max).toBe(4);
    expect(bar.value).toBe(2);
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 4');
    expect(within(panel).getByRole('status').textContent).toBe('2 of 4');
    expect(lines(panel)).toEqual([
      'Production: Up to date',
      'Staging: CloudMC rejected this API key. Check that it is correct and has not been revoked.',
      `${evil}: Refreshing…`,
      'Lab: Waiting',
    ]);
    expect(document.querySelector('img')).toBeNull();
  });

  it('offers Cancel while running and Close once done', async () => {
    const running = setup({ items, done: 2, running: true });
    expect(within(running.panel).queryByRole('button', { name: 'Close' })).toBeNull();
    await fireEvent.click(within(running.panel).getByRole('button', { name: 'Cancel' }));
    expect(running.oncancel).toHaveBeenCalledOnce();

    const finished = items.map((i) => (i.status === 'ok' || i.status === 'failed' ? i : { ...i, status: 'cancelled' as const }));
    await running.rerender({ items: finished, done: 4, running: false });
    expect(within(running.panel).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(lines(running.panel).slice(2)).toEqual([`${evil}: Cancelled`, 'Lab: Cancelled']);
    await fireEvent.click(within(running.panel).getByRole('button', { name: 'Close' }));
    expect(running.onclose).toHaveBeenCalledOnce();
    expect(running.oncancel).toHaveBeenCalledOnce();
  });

  it('is where focus goes when a run starts, and handles a run with no profile', () => {
    const { panel } = setup({ items: [], done: 0, running: false });
    expect(panel.id).toBe('refresh-all-panel'); // refreshAllPanelId, where SidebarTools sends focus
    expect(panel.getAttribute('tabindex')).toBe('-1');
    expect(panel.querySelector('progress')!.max).toBe(1);
    expect(within(panel).getByRole('status').textContent).toBe('0 of 0');
  });

  it('says a failure main did not explain as unknown', () => {
    const { panel } = setup({ items: [{ profileId: 'p1', name: 'Production', status: 'failed', error: null }], done: 1, running: false });
    expect(lines(panel)).toEqual(['Production: Something went wrong. Please try again.']);
  });
});

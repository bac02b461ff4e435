// Search across every profile's cached list: debounced, nothing sent for an empty query, a hit opens its profile.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { ProfileSummary } from '../../../../../src-preload/contract/models';
import { SEARCH_DEBOUNCE_MS } from '../../../../../src-renderer/src/lib/state/search.svelte';
import { appState, installBridge, ok, profile, resetAll, sampleKeys, workingHandlers } from '../../helpers';

const staging: ProfileSummary = { ...profile, id: 'p2', name: 'Staging', endpoint: 'https://staging.example.net/api/v1' };

describe('search all keys', () => {
  beforeEach(() => resetAll('en'));

  it('searches cached lists after a pause and opens the profile of a hit', async () => {
    const calls = installBridge(
      workingHandlers(
        {
          'keys:search': () =>
            ok({
              hits: [{ profileId: 'p2', profileName: 'Staging', key: { ...sampleKeys[0]!, id: 'k7', name: 'Deploy bot' } }],
              total: 1,
              unsearched: 0,
            }),
        },
        appState({ profiles: [profile, staging] }),
      ),
    );
    render(App);
    const box = await screen.findByRole('searchbox', { name: 'Search all keys' });
    await fireEvent.input(box, { target: { value: 'd' } });
    await fireEvent.input(box, { target: { value: 'de' } });
    await fireEvent.input(box, { target: { value: 'dep' } });
    const results = await screen.findByRole('region', { name: 'Keys found' });
    const hit = await within(results).findByRole('button', { name: /Deploy bot/ });
    expect(hit.textContent).toContain('Staging');
    expect(hit.textContent).toContain('172.27.127.164');
    expect(hit.textContent).toMatch(/2024/);
    // Debounced: only the last query was sent.
    expect(calls.filter((c) => c.channel === 'keys:search').map((c) => (c.input as { query: string }).query)).toEqual(['dep']);
    await fireEvent.click(hit);
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'profiles:open').at(-1)?.input).toEqual({ profileId: 'p2' }));
    expect(screen.queryByRole('region', { name: 'Keys found' })).toBeNull();
  });

  it('says when nothing matches, and sends nothing for an empty query', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const calls = installBridge(workingHandlers({ 'keys:search': () => ok({ hits: [], total: 0, unsearched: 0 }) }));
      render(App);
      const box = await screen.findByRole('searchbox', { name: 'Search all keys' });
      await fireEvent.input(box, { target: { value: '   ' } });
      // Well past the pause after which a query would be sent.
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 4);
      expect(calls.some((c) => c.channel === 'keys:search')).toBe(false);
      await fireEvent.input(box, { target: { value: 'zz' } });
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
      expect(await screen.findByText('No key matches in the saved lists.')).toBeTruthy();
      expect(calls.filter((c) => c.channel === 'keys:search').map((c) => c.input)).toEqual([{ query: 'zz', limit: 200 }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

// Density mode (issue 19, "Beyond the anchors"): compact one-line rows, Pinned and Recent groups, grouping by organization, the Pin
// action, the setting in the Settings dialog, and a windowed compact list of 300 profiles.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ProfileShortcuts, ProfileSummary } from '../../../../../../src-preload/contract/models';
import { appState, installBridge, manyProfiles, ok, profile, resetAll, settings, workingHandlers } from '../../../helpers';

const staging: ProfileSummary = {
  ...profile,
  id: 'p2',
  name: 'Staging',
  endpoint: 'https://staging.example.net/api/v1',
  syncState: 'live',
  keyCount: 12,
  identity: { userName: 'jdoe', displayName: 'Jane Doe', organizationName: 'Globex' },
};
const lab: ProfileSummary = { ...profile, id: 'p3', name: 'Lab', syncState: 'rejected', keyCount: 1, identity: null };
const beta: ProfileSummary = {
  ...profile,
  id: 'p4',
  name: 'Beta',
  syncState: 'live',
  keyCount: 0,
  identity: { ...staging.identity!, organizationName: 'Acme Corporation' },
};
const zeta: ProfileSummary = { ...profile, id: 'p5', name: 'Zeta', keyCount: 3, identity: { ...staging.identity!, organizationName: 'Zeta Inc' } };
const all = [profile, staging, lab, beta, zeta];

const nav = (): HTMLElement => screen.getByRole('navigation', { name: 'Profiles' });
const headings = (): string[] =>
  within(nav())
    .queryAllByRole('heading', { level: 2 })
    .map((h) => h.querySelector('bdi')?.textContent ?? '');
const rowNames = (): string[] => [...nav().querySelectorAll('button.profile .profile-name')].map((n) => n.textContent ?? '');

function start(shortcuts: ProfileShortcuts, density: 'compact' | 'comfortable' = 'compact', profiles = all) {
  const state = appState({ profiles, lastProfileId: 'p1', shortcuts, settings: settings({ sidebarDensity: density }) });
  const calls = installBridge(
    workingHandlers(
      {
        'profiles:pin': (input: never) => {
          const { profileId, pinned } = input as { profileId: string; pinned: boolean };
          const others = state.shortcuts.pinned.filter((id) => id !== profileId);
          state.shortcuts = { ...state.shortcuts, pinned: pinned ? [...others, profileId] : others };
          return ok(state.shortcuts);
        },
      },
      state,
    ),
  );
  render(App);
  return calls;
}

describe('compact sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('groups the profiles: Pinned, Recent (not repeating pinned ones), then organizations by name, "Other" last', async () => {
    start({ pinned: ['p3'], recent: ['p2', 'p3'] });
    await screen.findByRole('navigation', { name: 'Profiles' });
    await vi.waitFor(() => expect(headings()).toEqual(['Pinned', 'Recent', 'Acme Corporation', 'Zeta Inc']));
    expect(rowNames()).toEqual(['Lab', 'Staging', 'Production', 'Beta', 'Zeta']);
    // Profiles without an identity go under "Other": none left here (Lab is pinned); unpinned it would be.
  });

  it('puts profiles without an identity under "Other", after the organizations', async () => {
    start({ pinned: [], recent: [] });
    await vi.waitFor(() => expect(headings()).toEqual(['Acme Corporation', 'Globex', 'Zeta Inc', 'Other']));
    expect(rowNames()).toEqual(['Production', 'Beta', 'Staging', 'Zeta', 'Lab']);
  });

  it('shows one line per profile: a state dot named in text and as a tooltip, the name, the key count', async () => {
    start({ pinned: [], recent: [] });
    const button = await within(await screen.findByRole('navigation', { name: 'Profiles' })).findByRole('button', { name: /^Staging/ });
    expect(button.getAttribute('aria-current')).toBeNull();
    // Screen readers hear the state and the count with the name; sighted users see the dot, its tooltip and the count.
    expect(button.textContent).toMatch(/^\s*Staging\s*,\s*Up to date\s*,\s*12 keys\s*$/);
    expect(button.querySelector('.dot')?.getAttribute('title')).toBe('Up to date');
    expect(button.querySelector('.dot')?.getAttribute('aria-hidden')).toBe('true');
    expect(button.querySelector('.profile-host')).toBeNull();
    const never = within(nav()).getByRole('button', { name: /^Production/ });
    expect(never.textContent).toContain('Keys not synced yet');
    expect(within(nav()).getByRole('button', { name: /^Beta/ }).textContent).toContain('No keys');
  });

  it('filters inside the groups: empty groups lose their heading', async () => {
    start({ pinned: ['p3'], recent: ['p2'] });
    const search = await within(await screen.findByRole('navigation', { name: 'Profiles' })).findByRole('searchbox', { name: 'Search profiles' });
    await fireEvent.input(search, { target: { value: 'acme' } });
    expect(headings()).toEqual(['Acme Corporation']);
    expect(rowNames()).toEqual(['Production', 'Beta']);
  });

  it('arrow keys move between profiles across groups, skipping the headings', async () => {
    start({ pinned: ['p3'], recent: [] });
    const first = await within(await screen.findByRole('navigation', { name: 'Profiles' })).findByRole('button', { name: /^Lab/ });
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowDown' });
    await vi.waitFor(() => expect(document.activeElement?.textContent).toContain('Production'));
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await vi.waitFor(() => expect(document.activeElement?.textContent).toContain('Zeta'));
  });

  it('Pin in the profile’s actions, named with the profile, puts it under Pinned; Unpin takes it out', async () => {
    const calls = start({ pinned: [], recent: [] });
    const pin = await screen.findByRole('button', { name: 'Pin Production' });
    await fireEvent.click(pin);
    expect(calls.find((c) => c.channel === 'profiles:pin')?.input).toEqual({ profileId: 'p1', pinned: true });
    await vi.waitFor(() => expect(headings()[0]).toBe('Pinned'));
    expect(rowNames()[0]).toBe('Production');
    await fireEvent.click(await screen.findByRole('button', { name: 'Unpin Production' }));
    await vi.waitFor(() => expect(headings()[0]).toBe('Acme Corporation'));
  });

  it('windows 300 profiles at a fixed row height, headings counted as rows', async () => {
    start({ pinned: ['p7'], recent: [] }, 'compact', manyProfiles(300));
    await vi.waitFor(() => expect(headings()[0]).toBe('Pinned'));
    const items = within(nav()).getAllByRole('listitem');
    expect(items.length).toBeLessThan(60);
    // Pinned heading, Profile 7, Other heading, 299 profiles.
    expect(items[0]!.getAttribute('aria-setsize')).toBe('302');
    expect(rowNames().slice(0, 2)).toEqual(['Profile 7', 'Profile 1']);
  });
});

describe('comfortable sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('is as before with nothing pinned (no heading), and shows Pinned then All profiles once one is pinned', async () => {
    start({ pinned: [], recent: ['p2'] }, 'comfortable');
    await screen.findByRole('navigation', { name: 'Profiles' });
    await vi.waitFor(() => expect(rowNames()).toEqual(['Production', 'Staging', 'Lab', 'Beta', 'Zeta']));
    expect(headings()).toEqual([]);
    expect(nav().querySelector('.profile-host')).not.toBeNull();
    await fireEvent.click(await screen.findByRole('button', { name: 'Pin Production' }));
    await vi.waitFor(() => expect(headings()).toEqual(['Pinned', 'All profiles']));
  });

  it('the Settings dialog switches to compact (sent to main, applied to the sidebar)', async () => {
    const calls = start({ pinned: [], recent: [] }, 'comfortable');
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const select = within(dialog).getByRole('combobox', { name: 'Sidebar' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Comfortable', 'Compact']);
    await fireEvent.change(select, { target: { value: 'compact' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toMatchObject({ sidebarDensity: 'compact' });
    await vi.waitFor(() => expect(headings()).toEqual(['Acme Corporation', 'Globex', 'Zeta Inc', 'Other']));
  });
});

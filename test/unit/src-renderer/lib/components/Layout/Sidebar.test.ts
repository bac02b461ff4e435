// The profile sidebar: states in words as main reports them, search, and windowing of many profiles.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import {
  appState,
  cachedView,
  installBridge,
  keysView,
  manyProfiles,
  ok,
  profile,
  refreshAnswer,
  refreshFailed,
  resetAll,
  sampleKeys,
  workingHandlers,
} from '../../../helpers';

const staging: ProfileSummary = {
  ...profile,
  id: 'p2',
  name: 'Staging',
  endpoint: 'https://staging.example.net/api/v1',
  syncState: 'live',
  identity: { userName: 'jdoe', displayName: 'Jane Doe', organizationName: 'Globex' },
};

const lab: ProfileSummary = { ...profile, id: 'p3', name: 'Lab', endpoint: 'https://lab.internal/api/v1', syncState: 'rejected', identity: null };

const fresh: ProfileSummary = {
  ...profile,
  id: 'p4',
  name: 'Imported',
  endpoint: 'https://new.example.org/api/v1',
  syncState: 'never',
  accessKey: 'missing',
  identity: null,
};

const never: ProfileSummary = {
  ...profile,
  id: 'p5',
  name: 'Never',
  endpoint: 'https://never.example.org/api/v1',
  syncState: 'never',
  identity: null,
};

const all = [profile, staging, lab, fresh, never];

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Profiles' });
}

function profileButtons(): string[] {
  return within(nav())
    .getAllByRole('button')
    .filter((b) => b.classList.contains('profile'))
    .map((b) => b.querySelector('.profile-name')?.textContent ?? '');
}

describe('sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('shows each profile state in words', async () => {
    // Production (selected) has a cache and CloudMC cannot be reached: main reports it as showing its cached list.
    const savedAt = '2024-03-11T16:00:00.000Z';
    installBridge(
      workingHandlers(
        {
          'keys:listCached': () => cachedView(sampleKeys, savedAt),
          'keys:refresh': () => refreshFailed('unreachable', {}, sampleKeys, { syncedAt: savedAt }),
        },
        appState({ profiles: all }),
      ),
    );
    render(App);
    await screen.findByRole('status', { name: 'Offline' });
    const text = (name: string) => within(nav()).getByText(name, { selector: '.profile-name' }).closest('button')?.textContent ?? '';
    expect(text('Production')).toContain('Showing cached list');
    expect(text('Staging')).toContain('Up to date');
    expect(text('Lab')).toContain('API key rejected');
    expect(text('Imported')).toContain('API key needed');
    expect(text('Never')).toContain('Never synced');
  });

  it('filters by name, endpoint host, user and organization', async () => {
    installBridge(workingHandlers({}, appState({ profiles: all })));
    render(App);
    const search = await screen.findByRole('searchbox', { name: 'Search profiles' });
    await fireEvent.input(search, { target: { value: 'stag' } });
    expect(profileButtons()).toEqual(['Staging']);
    await fireEvent.input(search, { target: { value: 'lab.internal' } });
    expect(profileButtons()).toEqual(['Lab']);
    await fireEvent.input(search, { target: { value: 'jdoe' } });
    expect(profileButtons()).toEqual(['Staging']);
    await fireEvent.input(search, { target: { value: 'ACME' } });
    expect(profileButtons()).toEqual(['Production']);
    await fireEvent.input(search, { target: { value: 'zzz' } });
    expect(profileButtons()).toEqual([]);
    expect(within(nav()).getByText('No profile matches.')).toBeTruthy();
    await fireEvent.input(search, { target: { value: '' } });
    expect(profileButtons()).toHaveLength(5);
  });

  // Main decides the sync state; the sidebar shows the summary that comes back in each view.
  it('shows the sync state main reported in the view of a refresh', async () => {
    let refreshes = 0;
    installBridge(workingHandlers({ 'keys:refresh': () => (++refreshes === 1 ? refreshFailed('unauthorized', {}, null) : refreshAnswer()) }));
    render(App);
    const current = () => within(nav()).getByRole('button', { current: true }).textContent;
    await vi.waitFor(() => expect(current()).toContain('API key rejected'));
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(() => expect(current()).toContain('Up to date'));
  });

  it('takes the whole summary from the view, not only its sync state (e.g. the identity CloudMC now reports)', async () => {
    const renamedUser = { ...profile, identity: { userName: 'rwilson', displayName: 'Rose Wilson-Park', organizationName: 'Acme Corporation' } };
    installBridge(workingHandlers({ 'keys:refresh': () => ok(keysView({ profile: renamedUser })) }));
    render(App);
    await vi.waitFor(() => expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Rose Wilson-Park'));
  });
});

describe('policy badges in the sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('names a managed profile "Managed", one the policy left "No longer managed", and one outside the allowed endpoints "Not allowed"', async () => {
    const managed: ProfileSummary = { ...staging, managed: 'managed' };
    const withdrawn: ProfileSummary = { ...lab, managed: 'withdrawn' };
    const refused: ProfileSummary = { ...never, endpointAllowed: false };
    installBridge(workingHandlers({}, appState({ profiles: [profile, managed, withdrawn, refused] })));
    render(App);
    await screen.findByRole('navigation', { name: 'Profiles' });
    const row = async (name: string) => (await within(nav()).findByText(name)).closest('button') as HTMLElement;
    expect((await row('Staging')).textContent).toContain('Managed');
    expect((await row('Lab')).textContent).toContain('No longer managed');
    expect((await row('Never')).textContent).toContain('Not allowed');
    expect((await row(profile.name)).textContent).not.toMatch(/Managed|Not allowed/);
  });
});

describe('windowed sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('renders only part of 300 profiles, and search still finds any of them', async () => {
    installBridge(workingHandlers({}, appState({ profiles: manyProfiles(300), lastProfileId: 'p1' })));
    render(App);
    const nav = await screen.findByRole('navigation', { name: 'Profiles' });
    const items = () => within(nav).getAllByRole('listitem');
    expect(items().length).toBeLessThan(40);
    expect(items()[0]!.getAttribute('aria-setsize')).toBe('300');
    expect(items()[0]!.getAttribute('aria-posinset')).toBe('1');
    await fireEvent.input(within(nav).getByRole('searchbox', { name: 'Search profiles' }), { target: { value: 'host287.' } });
    expect(items().map((li) => li.querySelector('.profile-name')?.textContent)).toEqual(['Profile 287']);
  });
});

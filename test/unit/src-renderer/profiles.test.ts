// Many profiles: sidebar search and states, Ctrl+K switcher, edit/duplicate/remove, Add profile's default endpoint and CA.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import AddProfileForm from '../../../src-renderer/src/lib/components/Profiles/AddProfileForm.svelte';
import type { ProfileSummary } from '../../../src-preload/contract/models';
import { appState, cachedView, fail, installBridge, keysView, ok, profile, refreshAnswer, refreshFailed, resetAll, sampleKeys, workingHandlers } from './helpers';

const staging: ProfileSummary = { ...profile, id: 'p2', name: 'Staging', endpoint: 'https://staging.example.net/api/v1', syncState: 'live',
  identity: { userName: 'jdoe', displayName: 'Jane Doe', organizationName: 'Globex' } };
const lab: ProfileSummary = { ...profile, id: 'p3', name: 'Lab', endpoint: 'https://lab.internal/api/v1', syncState: 'rejected', identity: null };
const fresh: ProfileSummary = { ...profile, id: 'p4', name: 'Imported', endpoint: 'https://new.example.org/api/v1', syncState: 'never', accessKey: 'missing', identity: null };
const never: ProfileSummary = { ...profile, id: 'p5', name: 'Never', endpoint: 'https://never.example.org/api/v1', syncState: 'never', identity: null };
const all = [profile, staging, lab, fresh, never];

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Profiles' });
}

function profileButtons(): string[] {
  return within(nav()).getAllByRole('button').filter((b) => b.classList.contains('profile')).map((b) => b.querySelector('.profile-name')?.textContent ?? '');
}

describe('sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('shows each profile state in words', async () => {
    // Production (selected) has a cache and CloudMC cannot be reached: main reports it as showing its cached list.
    const savedAt = '2024-03-11T16:00:00.000Z';
    installBridge(workingHandlers({
      'keys:listCached': () => cachedView(sampleKeys, savedAt),
      'keys:refresh': () => refreshFailed('unreachable', {}, sampleKeys, { syncedAt: savedAt }),
    }, appState({ profiles: all })));
    render(App);
    await screen.findByRole('status', { name: 'Offline' });
    const text = (name: string) => within(nav()).getByText(name, { selector: '.profile-name' }).closest('button')?.textContent ?? '';
    expect(text('Production')).toContain('Showing cached list');
    expect(text('Staging')).toContain('Up to date');
    expect(text('Lab')).toContain('Access key rejected');
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
    await vi.waitFor(() => expect(current()).toContain('Access key rejected'));
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

describe('Ctrl+K switcher', () => {
  beforeEach(() => resetAll('en'));

  it('opens with Ctrl+K, filters, moves with the arrows and selects with Enter', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: all })));
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Switch profile' });
    const box = within(dialog).getByRole('combobox', { name: 'Profile' });
    expect(document.activeElement).toBe(box);
    expect(within(dialog).getAllByRole('option')).toHaveLength(5);
    await fireEvent.input(box, { target: { value: 'example' } });
    const options = within(dialog).getAllByRole('option');
    expect(options.map((o) => o.querySelector('.name')?.textContent)).toEqual(['Production', 'Staging', 'Imported', 'Never']);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    const active = within(dialog).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');
    expect(active?.textContent).toContain('Staging');
    expect(box.getAttribute('aria-activedescendant')).toBe(active?.id);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'profiles:select').at(-1)?.input).toEqual({ profileId: 'p2' }));
    expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Staging');
  });

  it('opens with Cmd+K and closes with Escape without selecting', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: all })));
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    const before = calls.filter((c) => c.channel === 'profiles:select').length;
    await fireEvent.keyDown(window, { key: 'K', metaKey: true });
    const box = screen.getByRole('combobox', { name: 'Profile' });
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(within(screen.getByRole('listbox')).getAllByRole('option').at(-1)?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.filter((c) => c.channel === 'profiles:select')).toHaveLength(before);
  });
});

describe('profile actions', () => {
  beforeEach(() => resetAll('en'));

  it('edits a profile, sending only what changed, and keeps the form on an endpoint error', async () => {
    let attempts = 0;
    const calls = installBridge(workingHandlers({
      'profiles:update': (input: never) => (++attempts === 1 ? fail('endpoint-insecure') : ok({ ...profile, endpoint: (input as { endpoint: string }).endpoint, hasCustomCa: true })),
    }, appState({ profiles: [{ ...profile, hasCustomCa: false }] })));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    const name = within(dialog).getByLabelText('Profile name') as HTMLInputElement;
    const endpoint = within(dialog).getByLabelText('Endpoint') as HTMLInputElement;
    expect(name.value).toBe('Production');
    expect(within(dialog).getByLabelText('API key')).toHaveProperty('value', '');
    expect(within(dialog).queryByRole('checkbox', { name: 'Remove CA' })).toBeNull();
    await fireEvent.input(endpoint, { target: { value: 'http://other.example.com/api/v1' } });
    await fireEvent.input(within(dialog).getByLabelText('CA certificate (PEM)'), { target: { value: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const error = await within(dialog).findByText('The endpoint must use https:// (http:// is only allowed for this computer).');
    expect(endpoint.getAttribute('aria-describedby')).toBe(error.id);
    expect(endpoint.value).toBe('http://other.example.com/api/v1');
    expect(calls.find((c) => c.channel === 'profiles:update')?.input).toEqual({
      profileId: 'p1', endpoint: 'http://other.example.com/api/v1', caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----', requestId: expect.any(String),
    });
    await fireEvent.input(endpoint, { target: { value: 'https://other.example.com/api/v1' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('https://other.example.com/api/v1')).toBeTruthy();
  });

  it('removes the CA when asked', async () => {
    const calls = installBridge(workingHandlers({ 'profiles:update': () => ok({ ...profile, hasCustomCa: false }) }, appState({ profiles: [{ ...profile, hasCustomCa: true }] })));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    await fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Remove CA' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls.find((c) => c.channel === 'profiles:update')?.input).toEqual({ profileId: 'p1', caPem: null, requestId: expect.any(String) }));
  });

  it('duplicates a profile and opens the copy', async () => {
    const copy = { ...profile, id: 'p9', name: 'Production (copy)' };
    // Main lists both profiles' keys once the copy exists; the app state at start knew only the first.
    const mainAfter = workingHandlers({}, appState({ profiles: [profile, copy] }));
    const calls = installBridge(workingHandlers({
      'profiles:duplicate': () => ok(copy),
      'keys:listCached': mainAfter['keys:listCached']!,
      'keys:refresh': mainAfter['keys:refresh']!,
    }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Duplicate profile' }));
    await vi.waitFor(() => expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Production (copy)'));
    expect(calls.find((c) => c.channel === 'profiles:duplicate')?.input).toEqual({ profileId: 'p1' });
    expect(calls.filter((c) => c.channel === 'profiles:select').at(-1)?.input).toEqual({ profileId: 'p9' });
  });

  it('removes a profile after a confirmation that mentions the keychain', async () => {
    const calls = installBridge(workingHandlers({ 'profiles:remove': () => ok(null) }, appState({ profiles: [profile, staging] })));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove profile' });
    expect(dialog.textContent).toContain('Remove the profile Production?');
    expect(dialog.textContent).toContain("access key and the key copies stored for it will be removed from the keychain");
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(profileButtons()).toEqual(['Staging']));
    expect(calls.find((c) => c.channel === 'profiles:remove')?.input).toEqual({ profileId: 'p1' });
    expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Staging');
  });
});

describe('Add profile additions', () => {
  beforeEach(() => resetAll('en'));

  it('pre-fills the default endpoint and sends an optional CA certificate', async () => {
    const calls = installBridge({ 'profiles:add': () => ok(profile) });
    render(AddProfileForm, { canCancel: false, defaultEndpoint: 'https://sim.local/api/v1', oncancel: vi.fn(), onsaved: vi.fn() });
    expect((screen.getByLabelText('Endpoint') as HTMLInputElement).value).toBe('https://sim.local/api/v1');
    const details = screen.getByText('Advanced').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await fireEvent.input(screen.getByLabelText('Profile name'), { target: { value: 'Prod' } });
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'k' } });
    await fireEvent.input(screen.getByLabelText('CA certificate (PEM)'), { target: { value: 'not a cert' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/This does not look like a PEM certificate/)).toBeTruthy();
    expect(calls).toHaveLength(0);
    const pem = '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----';
    await fireEvent.input(screen.getByLabelText('CA certificate (PEM)'), { target: { value: pem } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls[0]?.input).toEqual({ name: 'Prod', endpoint: 'https://sim.local/api/v1', apiKey: 'k', caPem: pem, requestId: expect.any(String) }));
  });

  it('the App passes AppState.defaultEndpoint to the form', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [], lastProfileId: null, defaultEndpoint: 'https://127.0.0.1:8443/api/v1' })));
    render(App);
    expect(((await screen.findByLabelText('Endpoint')) as HTMLInputElement).value).toBe('https://127.0.0.1:8443/api/v1');
  });
});

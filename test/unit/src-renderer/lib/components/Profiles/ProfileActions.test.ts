// Profile actions: edit (only what changed, CA removal), duplicate, remove with a confirmation.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import { appState, fail, installBridge, ok, profile, resetAll, workingHandlers } from '../../../helpers';

const staging: ProfileSummary = {
  ...profile,
  id: 'p2',
  name: 'Staging',
  endpoint: 'https://staging.example.net/api/v1',
  syncState: 'live',
  identity: { userName: 'jdoe', displayName: 'Jane Doe', organizationName: 'Globex' },
};

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Profiles' });
}

function profileButtons(): string[] {
  return within(nav())
    .getAllByRole('button')
    .filter((b) => b.classList.contains('profile'))
    .map((b) => b.querySelector('.profile-name')?.textContent ?? '');
}

describe('profile actions', () => {
  beforeEach(() => resetAll('en'));

  it('edits a profile, sending only what changed, and keeps the form on an endpoint error', async () => {
    let attempts = 0;
    const calls = installBridge(
      workingHandlers(
        {
          'profiles:update': (input: never) =>
            ++attempts === 1 ? fail('endpoint-insecure') : ok({ ...profile, endpoint: (input as { endpoint: string }).endpoint, hasCustomCa: true }),
        },
        appState({ profiles: [{ ...profile, hasCustomCa: false }] }),
      ),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    const name = within(dialog).getByLabelText('Profile name') as HTMLInputElement;
    const endpoint = within(dialog).getByLabelText('Endpoint') as HTMLInputElement;
    expect(name.value).toBe('Production');
    expect(within(dialog).getByLabelText('API key')).toHaveProperty('value', '');
    expect(within(dialog).queryByRole('checkbox', { name: 'Remove CA' })).toBeNull();
    await fireEvent.input(endpoint, { target: { value: 'http://other.example.com/api/v1' } });
    await fireEvent.input(within(dialog).getByLabelText('CA certificate (PEM)'), {
      target: { value: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----' },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const error = await within(dialog).findByText('The endpoint must use https:// (http:// is only allowed for this computer).');
    expect(endpoint.getAttribute('aria-describedby')).toBe(error.id);
    expect(endpoint.value).toBe('http://other.example.com/api/v1');
    expect(calls.find((c) => c.channel === 'profiles:update')?.input).toEqual({
      profileId: 'p1',
      endpoint: 'http://other.example.com/api/v1',
      caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----',
      requestId: expect.any(String),
    });
    await fireEvent.input(endpoint, { target: { value: 'https://other.example.com/api/v1' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('https://other.example.com/api/v1')).toBeTruthy();
  });

  it('removes the CA when asked', async () => {
    const calls = installBridge(
      workingHandlers(
        { 'profiles:update': () => ok({ ...profile, hasCustomCa: false }) },
        appState({ profiles: [{ ...profile, hasCustomCa: true }] }),
      ),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    await fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Remove CA' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(calls.find((c) => c.channel === 'profiles:update')?.input).toEqual({ profileId: 'p1', caPem: null, requestId: expect.any(String) }),
    );
  });

  it('duplicates a profile and opens the copy', async () => {
    const copy = { ...profile, id: 'p9', name: 'Production (copy)' };
    // Main lists both profiles' keys once the copy exists; the app state at start knew only the first.
    const mainAfter = workingHandlers({}, appState({ profiles: [profile, copy] }));
    const calls = installBridge(
      workingHandlers({
        'profiles:duplicate': () => ok(copy),
        'keys:listCached': mainAfter['keys:listCached']!,
        'keys:refresh': mainAfter['keys:refresh']!,
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Duplicate profile' }));
    await vi.waitFor(() => expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Production (copy)'));
    expect(calls.find((c) => c.channel === 'profiles:duplicate')?.input).toEqual({ profileId: 'p1' });
    expect(calls.filter((c) => c.channel === 'profiles:open').at(-1)?.input).toEqual({ profileId: 'p9' });
  });

  it('removes a profile after a confirmation that mentions the keychain', async () => {
    const calls = installBridge(workingHandlers({ 'profiles:remove': () => ok(null) }, appState({ profiles: [profile, staging] })));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove profile' });
    expect(dialog.textContent).toContain('Remove the profile Production?');
    expect(dialog.textContent).toContain('API key and the key copies stored for it will be removed from the keychain');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(profileButtons()).toEqual(['Staging']));
    expect(calls.find((c) => c.channel === 'profiles:remove')?.input).toEqual({ profileId: 'p1' });
    expect(within(nav()).getByRole('button', { current: true }).textContent).toContain('Staging');
  });
});

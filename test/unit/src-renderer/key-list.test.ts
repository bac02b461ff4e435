// The credentials screen's states: cache then live, offline, error, rejected/missing access key, empty; generate/revoke flows.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { appState, cachedView, fail, installBridge, keysView, ok, profile, refreshAnswer, refreshFailed, resetAll, revokedAnswer, sampleKeys, workingHandlers } from './helpers';

const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
const cached = () => cachedView([sampleKeys[0]!], savedAt);

describe('key list states', () => {
  beforeEach(() => resetAll('en'));

  it('opens the last used profile and shows its identity in the sidebar', async () => {
    const second = { ...profile, id: 'p2', name: 'Staging', endpoint: 'https://staging.example.com/api/v1' };
    const calls = installBridge(workingHandlers({}, appState({ profiles: [profile, second], lastProfileId: 'p2' })));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(calls.find((c) => c.channel === 'profiles:select')?.input).toEqual({ profileId: 'p2' });
    const nav = screen.getByRole('navigation', { name: 'Profiles' });
    const current = within(nav).getByRole('button', { current: true });
    expect(current.textContent).toContain('Staging');
    expect(current.textContent).toContain('staging.example.com');
    // Each name is isolated on its own (<bdi>), so the line is matched as a whole.
    const identities = within(nav).getAllByText((_, element) => element?.classList.contains('profile-identity') === true);
    expect(identities.map((e) => e.textContent)).toEqual(['Rose Wilson · Acme Corporation', 'Rose Wilson · Acme Corporation']);
  });

  it('keeps a cached list when CloudMC is unreachable, disables changes, and Refresh retries', async () => {
    let refreshes = 0;
    installBridge(workingHandlers({
      'keys:listCached': cached,
      'keys:refresh': () => (++refreshes === 1 ? refreshFailed('unreachable', {}, [sampleKeys[0]!], { syncedAt: savedAt }) : refreshAnswer()),
    }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    expect(banner.textContent).toMatch(/^\s*Offline\s+CloudMC could not be reached\. This list was saved 3 hours ago \(/);
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    const generate = screen.getByRole('button', { name: 'Generate API key' }) as HTMLButtonElement;
    expect(generate.disabled).toBe(true);
    expect(generate.title).toBe('Not available offline: refresh once CloudMC can be reached.');
    expect((screen.getByRole('button', { name: 'Edit API key' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Revoke API key' }) as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Generate API key' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows an error panel with Refresh when there is no cache', async () => {
    let refreshes = 0;
    installBridge(workingHandlers({
      'keys:refresh': () => (++refreshes === 1 ? refreshFailed('timeout', {}, null) : refreshAnswer()),
    }));
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('CloudMC took too long to answer.');
    expect(screen.getAllByRole('button', { name: 'Refresh' })).toHaveLength(1);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
  });

  it('asks for a new access key when CloudMC rejects it', async () => {
    let refreshes = 0;
    const calls = installBridge(workingHandlers({
      'keys:refresh': () => (++refreshes === 1 ? refreshFailed('unauthorized', {}, null) : refreshAnswer()),
      'profiles:provideAccessKey': () => ok(profile),
    }));
    render(App);
    expect(await screen.findByText(/CloudMC rejected this profile's API key/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'new-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(calls.find((c) => c.channel === 'profiles:provideAccessKey')?.input).toEqual({ profileId: 'p1', apiKey: 'new-key', requestId: expect.any(String) });
  });

  // Main answers the refresh at once (without calling CloudMC) with kind key-needed; the renderer shows what main said, it does not decide it.
  it('asks for the access key kept for the last session only when main says the key is missing', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKey: 'missing' }] })));
    render(App);
    expect(await screen.findByText('Enter the API key for this profile: it was kept for the last session only.')).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when the access key is kept for this session only, with the keychain reason', async () => {
    installBridge(workingHandlers({}, appState({
      profiles: [{ ...profile, accessKey: 'session' }],
      keychain: { available: false, reason: 'locked', messageKey: 'keychain.locked' },
    })));
    render(App);
    expect(await screen.findByText(/No keychain: this profile's API key is kept for this session only\. The system keychain is locked/)).toBeTruthy();
  });

  it('shows a friendly empty state with one Generate button', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => ok(keysView({ keys: [] })) }));
    render(App);
    expect(await screen.findByText('No API keys yet')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Generate API key' })).toHaveLength(1);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the store notice and lets it be dismissed', async () => {
    installBridge(workingHandlers({}, appState({ storeNotice: { messageKey: 'store.corrupt', backupPath: '/tmp/config.json.bak' } })));
    render(App);
    const alert = await screen.findByText(/The settings file was damaged/);
    expect(screen.getByText('A copy of the old file was kept at /tmp/config.json.bak.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(alert.isConnected).toBe(false);
  });
});

describe('generate and revoke', () => {
  beforeEach(() => resetAll('en'));

  it('refuses a name over 100 characters in the generate form and keeps it', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
    expect(name.placeholder).toContain('random name');
    await fireEvent.input(name, { target: { value: 'z'.repeat(120) } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 120).')).toBeTruthy();
    expect(name.value).toBe('z'.repeat(120));
    expect(calls.some((c) => c.channel === 'keys:generate')).toBe(false);
  });

  it('disables the keychain copy with the reason when there is no keychain', async () => {
    installBridge(workingHandlers({}, appState({ keychain: { available: false, reason: 'no-dbus', messageKey: 'keychain.no-dbus' } })));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const box = screen.getByRole('checkbox', { name: 'Also store a copy in the keychain' }) as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.title).toBe('The system keychain cannot be reached (no D-Bus session).');
  });

  it('remembers the keychain-copy choice', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const box = screen.getByRole('checkbox', { name: 'Also store a copy in the keychain' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ storeCopyByDefault: true });
  });

  it('shows a generate failure in the dialog and keeps the name', async () => {
    installBridge(workingHandlers({ 'keys:generate': () => fail('rate-limited') }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
    await fireEvent.input(name, { target: { value: 'CI deploy' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('too many requests');
    expect(name.value).toBe('CI deploy');
  });

  it('revokes after confirmation and removes the row at once', async () => {
    const calls = installBridge(workingHandlers({ 'keys:revoke': () => revokedAnswer('k1') }));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    const row = screen.getByRole('cell', { name: 'Update KB' }).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: 'Revoke API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(dialog.textContent).toContain('Revoke the API key Update KB? Any application using it stops working immediately.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('cell', { name: 'Update KB' })).toBeNull();
    expect(calls.find((c) => c.channel === 'keys:revoke')?.input).toEqual({ profileId: 'p1', keyId: 'k1', requestId: expect.any(String) });
  });

  it('copies the endpoint and says so', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy endpoint' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(calls.find((c) => c.channel === 'clipboard:copyText')?.input).toEqual({ text: 'https://cloudmc.example.com/api/v1' });
  });
});

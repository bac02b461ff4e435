// The credentials screen's states: cache then live, offline, error, rejected/missing access key, empty, the profile's own key; disabled actions say why.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ErrorCode } from '../../../../../../src-preload/contract/errors';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import {
  appState,
  cachedView,
  installBridge,
  keysView,
  ok,
  profile,
  refreshAnswer,
  refreshFailed,
  resetAll,
  sampleKeys,
  workingHandlers,
} from '../../../helpers';

const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();

const cached = () => cachedView([sampleKeys[0]!], savedAt);

/** The profile's cache: one key, saved 3 hours ago. */
const cachedKeys = [sampleKeys[0]!];

/** A refresh that failed with `code`, the cached list shown beside it. */
const failedOverCache = (code: ErrorCode, extra: Parameters<typeof refreshFailed>[1] = {}) =>
  refreshFailed(code, extra, cachedKeys, { syncedAt: savedAt });

/** The text of the elements an element's aria-describedby points at (every id must exist). */
function describedText(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => {
      const target = document.getElementById(id);
      expect(target, `#${id}`).not.toBeNull();
      return target!.textContent ?? '';
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first button named `name`, or (row actions, named "<label> <key name>") whose name starts with it. */
function button(name: string): HTMLButtonElement {
  const named = screen.queryAllByRole('button', { name });
  return (named[0] ?? screen.getAllByRole('button', { name: new RegExp(`^${name} `) })[0]) as HTMLButtonElement;
}

describe('key list states', () => {
  beforeEach(() => resetAll('en'));

  it('opens the last used profile and shows its identity in the sidebar', async () => {
    const second = { ...profile, id: 'p2', name: 'Staging', endpoint: 'https://staging.example.com/api/v1' };
    const calls = installBridge(workingHandlers({}, appState({ profiles: [profile, second], lastProfileId: 'p2' })));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(calls.find((c) => c.channel === 'profiles:open')?.input).toEqual({}); // main opens the last profile shown
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
    installBridge(
      workingHandlers({
        'keys:listCached': cached,
        'keys:refresh': () => (++refreshes === 1 ? refreshFailed('unreachable', {}, [sampleKeys[0]!], { syncedAt: savedAt }) : refreshAnswer()),
      }),
    );
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    expect(banner.textContent).toMatch(/^\s*Offline\s+CloudMC could not be reached\. This list was saved 3 hours ago \(/);
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    const generate = screen.getByRole('button', { name: 'Generate API key' }) as HTMLButtonElement;
    expect(generate.disabled).toBe(true);
    expect(generate.title).toBe('Not available offline: refresh once CloudMC can be reached.');
    expect((screen.getAllByRole('button', { name: /^Edit API key / })[0]! as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getAllByRole('button', { name: /^Revoke API key / })[0]! as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Generate API key' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows an error panel with Refresh when there is no cache', async () => {
    let refreshes = 0;
    installBridge(
      workingHandlers({
        'keys:refresh': () => (++refreshes === 1 ? refreshFailed('timeout', {}, null) : refreshAnswer()),
      }),
    );
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('CloudMC took too long to answer.');
    expect(screen.getAllByRole('button', { name: 'Refresh' })).toHaveLength(1);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
  });

  it('asks for a new access key when CloudMC rejects it', async () => {
    let refreshes = 0;
    const calls = installBridge(
      workingHandlers({
        'keys:refresh': () => (++refreshes === 1 ? refreshFailed('unauthorized', {}, null) : refreshAnswer()),
        'profiles:provideAccessKey': () => ok(profile),
      }),
    );
    render(App);
    expect(await screen.findByText(/CloudMC rejected this profile's API key/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'new-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(calls.find((c) => c.channel === 'profiles:provideAccessKey')?.input).toEqual({
      profileId: 'p1',
      apiKey: 'new-key',
      requestId: expect.any(String),
    });
  });

  // Main answers the refresh at once (without calling CloudMC) with kind key-needed; the renderer shows what main said, it does not decide it.
  it('asks for the access key when main says it is missing', async () => {
    const calls = installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKey: 'missing' }] })));
    render(App);
    expect(await screen.findByText('Enter the API key for this profile: this computer has no saved key for it.')).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when the access key is kept for this session only, with the keychain reason', async () => {
    installBridge(
      workingHandlers(
        {},
        appState({
          profiles: [{ ...profile, accessKey: 'session' }],
          keychain: { available: false, reason: 'locked', messageKey: 'keychain.locked' },
        }),
      ),
    );
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

  it('copies the endpoint and says so', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy endpoint' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(calls.find((c) => c.channel === 'clipboard:copyText')?.input).toEqual({ text: 'https://cloudmc.example.com/api/v1' });
  });
});

describe('disabled actions say why (aria-describedby)', () => {
  beforeEach(() => resetAll('en'));

  it('offline: Generate, Edit and Revoke point at the Offline banner text', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('unreachable') }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    const bannerText = banner.textContent!.replace(/\s+/g, ' ').trim();
    for (const name of ['Generate API key', 'Edit API key', 'Revoke API key']) {
      const b = button(name);
      expect(b.disabled).toBe(true);
      expect(describedText(b)).toContain(bannerText);
    }
    // The row buttons still name their key too.
    expect(describedText(button('Edit API key'))).toMatch(/^Update KB /);
  });

  it('offline with no list: Generate points at the load error text', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => refreshFailed('timeout', {}, null) }));
    render(App);
    await screen.findByRole('alert');
    expect(describedText(button('Generate API key'))).toBe('CloudMC took too long to answer. Try again in a moment.');
  });

  it('nothing is described as disabled once the list is live', async () => {
    installBridge(workingHandlers());
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(button('Generate API key').hasAttribute('aria-describedby')).toBe(false);
    // The first row is main's first key (newest first): it names itself and nothing else.
    expect(describedText(button('Edit API key'))).toBe('Grab-instance-list');
  });

  it('read-only settings: the profile actions and Import point at the read-only notice', async () => {
    installBridge(workingHandlers({}, appState({ readOnly: true })));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    for (const name of ['Edit profile', 'Duplicate profile', 'Remove profile', 'Import profiles']) {
      const b = button(name);
      expect(b.disabled).toBe(true);
      expect(describedText(b)).toMatch(/^Settings were saved by a newer version of this app/);
    }
  });

  it('access key missing, no cached list: Generate points at the form reason', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKey: 'missing' }] })));
    render(App);
    await screen.findByLabelText('API key');
    expect(describedText(button('Generate API key'))).toBe('Enter the API key for this profile: this computer has no saved key for it.');
  });

  it('access key rejected over a cached list: row actions point at the form reason', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('unauthorized') }));
    render(App);
    await screen.findByLabelText('API key');
    expect(describedText(button('Revoke API key'))).toMatch(/^Update KB CloudMC rejected this profile's API key/);
  });
});

describe('access key missing with a cached list', () => {
  beforeEach(() => resetAll('en'));

  it('shows the list with its saved time, an "API key needed" status and the form; actions disabled with that reason', async () => {
    const missing: ProfileSummary = { ...profile, accessKey: 'missing', syncState: 'cached', lastSyncedAt: savedAt };
    let provided = false;
    const calls = installBridge(
      workingHandlers(
        {
          'keys:listCached': () => cachedView(cachedKeys, savedAt, { profile: missing }),
          // Main answers at once, without CloudMC, while it has no key for the profile; then CloudMC lists the keys.
          'keys:refresh': () =>
            provided
              ? refreshAnswer({ ...missing, accessKey: 'session' })
              : refreshFailed('access-key-missing', {}, cachedKeys, { syncedAt: savedAt, profile: missing }),
          'profiles:provideAccessKey': () => {
            provided = true;
            return ok({ ...missing, accessKey: 'session' as const });
          },
        },
        appState({ profiles: [missing] }),
      ),
    );
    render(App);
    const status = await screen.findByRole('status', { name: 'API key needed' });
    const text = status.textContent!.replace(/\s+/g, ' ').trim();
    expect(text).toMatch(/^API key needed Enter it to update this list and to make changes\. This list was saved 3 hours ago \(/);
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.getByLabelText('API key')).toBeTruthy();
    // The status comes before the form, and the form before the list.
    const form = screen.getByLabelText('API key').closest('section')!;
    expect(status.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form.compareDocumentPosition(screen.getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    for (const name of ['Generate API key', 'Edit API key', 'Revoke API key']) {
      expect(button(name).disabled).toBe(true);
      expect(describedText(button(name))).toContain(text);
    }
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);

    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'the-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'API key needed' })).toBeNull();
    expect(button('Generate API key').disabled).toBe(false);
  });
});

describe("the profile's own key", () => {
  beforeEach(() => resetAll('en'));

  it('is tagged in the list and its revoke dialog warns; other keys are not', async () => {
    const own = sampleKeys[0]!;
    const other = sampleKeys[1]!;
    installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKeyId: own.id }] })));
    render(App);
    const ownRow = (await screen.findByRole('cell', { name: new RegExp(own.name) })).closest('tr')!;
    expect(within(ownRow).getByText('Used by this profile')).toBeTruthy();
    const otherRow = screen.getByRole('cell', { name: new RegExp(`^${other.name}`) }).closest('tr')!;
    expect(within(otherRow).queryByText('Used by this profile')).toBeNull();

    await fireEvent.click(within(ownRow).getByRole('button', { name: /^Revoke API key / }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    expect(within(dialog).getByRole('note').textContent).toContain('This is the API key this profile itself uses.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await fireEvent.click(within(otherRow).getByRole('button', { name: /^Revoke API key / }));
    const otherDialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    expect(within(otherDialog).queryByRole('note')).toBeNull();
  });
});

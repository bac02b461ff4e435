// A keychain that stops answering (issue 8 item 3) and a data folder that cannot be written (item 9), as the window shows them:
// the UI says so, offers Try again, tells "unknown" from "missing", and browses read-only with what is wrong and where.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { KeychainStatus, ProfileSummary } from '../../../../../src-preload/contract/models';
import {
  accessKeyFailure,
  appState,
  cachedView,
  emitEvent,
  installBridge,
  keysView,
  ok,
  profile,
  refreshAnswer,
  resetAll,
  sampleKeys,
  settle,
  workingHandlers,
} from '../../helpers';

const notAnswering: KeychainStatus = { available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' };

const notAnsweringText = 'The system keychain is not answering: keys stored in it cannot be read or saved until it answers again.';

const savedAt = new Date(Date.now() - 3600_000).toISOString();

const cachedKeys = [sampleKeys[0]!];

/** The profile as main lists it while the keychain cannot say whether it holds the key: cached list, key unknown. */
const unknownKey: ProfileSummary = { ...profile, accessKey: 'unknown', syncState: 'cached', lastSyncedAt: savedAt };

/** Main's answer to a refresh it could not start because the keychain is not answering: the cached list beside the failure. */
const keychainNotAnswering = () => ok(keysView({ profile: unknownKey, keys: cachedKeys, syncedAt: savedAt, failure: accessKeyFailure('unknown') }));

describe('a keychain that is not answering', () => {
  beforeEach(() => resetAll('en'));

  it('says so under the top bar with Try again, which asks main and shows the new status', async () => {
    const calls = installBridge(
      workingHandlers(
        {
          'app:retryKeychain': () => ok({ available: true, backend: 'secret-service' } as KeychainStatus),
          'profiles:list': () => ok([profile]),
        },
        appState({ keychain: notAnswering }),
      ),
    );
    render(App);
    const notice = (await screen.findByText(notAnsweringText)).closest('.notice') as HTMLElement;
    await fireEvent.click(within(notice).getByRole('button', { name: 'Try again' }));
    expect(calls.filter((c) => c.channel === 'app:retryKeychain')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryByText(notAnsweringText)).toBeNull());
  });

  it('a profile whose key cannot be read says the keychain is not answering, not that the key is missing, as main answers the refresh', async () => {
    const calls = installBridge(
      workingHandlers(
        { 'keys:listCached': () => cachedView(cachedKeys, savedAt, { profile: unknownKey }), 'keys:refresh': keychainNotAnswering },
        appState({ keychain: notAnswering, profiles: [unknownKey] }),
      ),
    );
    render(App);
    const banner = await screen.findByRole('status', { name: 'API key unavailable' });
    expect(banner.textContent).toContain("The system keychain is not answering, so this profile's API key cannot be read right now.");
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.queryByText('Enter the API key for this profile: this computer has no saved key for it.')).toBeNull();
    expect(screen.queryByLabelText('API key', { selector: 'input' })).toBeNull();
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);
    expect(screen.getByRole('navigation', { name: 'Profiles' }).textContent).toContain('Keychain not answering');
    expect(screen.queryByRole('status', { name: 'API key needed' })).toBeNull();
  });

  it('Try again with the keychain back reads the profile key and refreshes the list', async () => {
    let keychainBack = false;
    const summary = (): ProfileSummary => ({ ...unknownKey, accessKey: keychainBack ? 'keychain' : 'unknown' });
    const calls = installBridge(
      workingHandlers(
        {
          'keys:listCached': () => cachedView(cachedKeys, savedAt, { profile: summary() }),
          'keys:refresh': () => (keychainBack ? refreshAnswer(summary()) : keychainNotAnswering()),
          'app:retryKeychain': () => {
            keychainBack = true;
            return ok({ available: true, backend: 'secret-service' } as KeychainStatus);
          },
          'profiles:list': () => ok([summary()]),
        },
        appState({ keychain: notAnswering, profiles: [unknownKey] }),
      ),
    );
    render(App);
    await screen.findByRole('status', { name: 'API key unavailable' });
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'API key unavailable' })).toBeNull();
    // The first refresh was answered at once with the keychain failure; the second, after Try again, by CloudMC.
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2);
  });

  it('when main says the keychain stopped answering (keychain:did-change), the banner appears and the profiles are read again', async () => {
    const calls = installBridge(workingHandlers({ 'profiles:list': () => ok([unknownKey]) }));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(screen.queryByText(notAnsweringText)).toBeNull();
    emitEvent('keychain:did-change', { status: notAnswering });
    expect(await screen.findByText(notAnsweringText, { selector: '.notice p' })).toBeTruthy();
    await vi.waitFor(() => expect(screen.getByRole('navigation', { name: 'Profiles' }).textContent).toContain('Keychain not answering'));
    expect(calls.filter((c) => c.channel === 'profiles:list')).toHaveLength(1);
    // The same status again changes nothing and asks nothing.
    emitEvent('keychain:did-change', { status: notAnswering });
    await settle();
    expect(calls.filter((c) => c.channel === 'profiles:list')).toHaveLength(1);
  });

  it('when main says the keychain answers again, the banner goes and the shown list is read again with its key', async () => {
    let refreshes = 0;
    const calls = installBridge(
      workingHandlers(
        {
          'keys:listCached': () => cachedView(cachedKeys, savedAt, { profile: unknownKey }),
          'keys:refresh': () => (++refreshes === 1 ? keychainNotAnswering() : refreshAnswer(profile)),
          'profiles:list': () => ok([profile]),
        },
        appState({ keychain: notAnswering, profiles: [unknownKey] }),
      ),
    );
    render(App);
    await screen.findByText(notAnsweringText, { selector: '.notice p' });
    emitEvent('keychain:did-change', { status: { available: true, backend: 'secret-service' } });
    await vi.waitFor(() => expect(screen.queryByText(notAnsweringText)).toBeNull());
    await screen.findByRole('cell', { name: 'Grab-instance-list' });
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2);
  });
});

describe('a data folder that cannot be written', () => {
  beforeEach(() => resetAll('en'));

  it('shows a persistent banner saying what is wrong and where; changes point at it', async () => {
    installBridge(
      workingHandlers(
        {},
        appState({
          readOnly: true,
          dataProblem: { messageKey: 'data.read-only', path: '/home/rose/.config/cloudmc-credentials', reason: 'EROFS: read-only file system' },
        }),
      ),
    );
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    const banner = screen.getByText(/is on a read-only disk/).closest('.notice') as HTMLElement;
    expect(banner.textContent).toContain(
      'The data folder \u2068/home/rose/.config/cloudmc-credentials\u2069 is on a read-only disk, so nothing can be saved.',
    );
    expect(banner.textContent).toContain("System's reason: \u2068EROFS: read-only file system\u2069");
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(screen.queryByText(/saved by a newer version/)).toBeNull();
    const edit = screen.getByRole('button', { name: 'Edit profile' }) as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    expect(document.getElementById(edit.getAttribute('aria-describedby')!)?.textContent).toContain('is on a read-only disk');
  });

  it.each([
    ['data.full', 'is full'],
    ['data.not-a-file', 'should be a file'],
    ['data.unwritable', 'cannot be written'],
  ])('%s in words', async (messageKey, words) => {
    installBridge(workingHandlers({}, appState({ readOnly: true, dataProblem: { messageKey, path: '/d/config.json', reason: 'x' } })));
    render(App);
    expect(await screen.findByText(new RegExp(words))).toBeTruthy();
  });
});

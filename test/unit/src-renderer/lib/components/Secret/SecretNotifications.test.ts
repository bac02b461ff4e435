// The one-time key notification: masked, show/hide, copy note, store, dismiss with confirmation, value gone after dismiss.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import SecretNotifications from '../../../../../../src-renderer/src/lib/components/Secret/SecretNotifications.svelte';
import { type PendingSecret, secrets } from '../../../../../../src-renderer/src/lib/state/secrets.svelte';
import {
  appState,
  generatedAnswer,
  installBridge,
  manyProfiles,
  ok,
  profile,
  resetAll,
  sampleKeys,
  settings,
  workingHandlers,
} from '../../../helpers';

const SECRET = 'mc-9f8e7d6c5b4a-SECRET';

function pending(overrides: Partial<PendingSecret> = {}): PendingSecret {
  const base = {
    secretId: 's1',
    profileId: 'p1',
    keyId: 'k2',
    keyName: 'Grab-instance-list',
    value: SECRET,
    copied: false,
    stored: false,
    clearAfterSeconds: null,
    busy: false,
    error: null,
    restored: false,
  };
  return { ...base, ...overrides };
}

const twoProfiles = [profile, { ...manyProfiles(2)[1]!, name: 'Staging' }];

function renderPanel(item: PendingSecret, keychainAvailable = true, currentProfileId: string | null = 'p1') {
  const handlers = { oncopy: vi.fn(), oncopyenv: vi.fn(), onstore: vi.fn(), ondismiss: vi.fn(), onshowprofile: vi.fn() };
  const keychain = keychainAvailable
    ? ({ available: true, backend: 'test' } as const)
    : ({ available: false, reason: 'no-dbus', messageKey: 'keychain.no-dbus' } as const);
  render(SecretNotifications, { items: [item], keychain, profiles: twoProfiles, currentProfileId, ...handlers });
  return handlers;
}

const evil = '<img src=x onerror=alert(1)>';

describe('notification (props)', () => {
  beforeEach(() => resetAll('en'));

  it('shows the sentence with the key name in <strong>, masked by default', () => {
    renderPanel(pending());
    const region = screen.getByRole('region', { name: 'Key generated' });
    expect(region.textContent).toContain(
      'The API key Grab-instance-list has been generated. Save the value somewhere safe: it will not be shown again.',
    );
    expect(within(region).getByText('Grab-instance-list').closest('strong > bdi')).not.toBeNull();
    const input = within(region).getByLabelText('API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.readOnly).toBe(true);
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.value).toBe(SECRET);
  });

  it('show/hide toggles the type and the button name', async () => {
    renderPanel(pending());
    const input = screen.getByLabelText('API key') as HTMLInputElement;
    await fireEvent.click(screen.getByRole('button', { name: 'Show API key' }));
    expect(input.type).toBe('text');
    expect(screen.queryByRole('button', { name: 'Show API key' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Hide API key' }));
    expect(input.type).toBe('password');
    expect(screen.getByRole('button', { name: 'Show API key' })).toBeTruthy();
  });

  it('asks before dismissing a value neither copied nor stored', async () => {
    const { ondismiss } = renderPanel(pending());
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    const dialog = screen.getByRole('dialog', { name: 'Dismiss without saving?' });
    expect(dialog.textContent).toContain('You have not copied or stored this key. Once dismissed its value cannot be shown again.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(ondismiss).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Dismiss' }));
    expect(ondismiss).toHaveBeenCalledTimes(1);
  });

  it('dismisses at once once the value was copied, and says when the clipboard clears', async () => {
    const { ondismiss } = renderPanel(pending({ copied: true, clearAfterSeconds: 30 }));
    expect(screen.getByText('Copied. The clipboard will be cleared in 30 s.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ondismiss).toHaveBeenCalledTimes(1);
  });

  it('shows the stored state and the store error', () => {
    renderPanel(pending({ stored: true }));
    expect(screen.queryByRole('button', { name: 'Store in keychain' })).toBeNull();
    expect(screen.getByText('Stored in keychain')).toBeTruthy();
  });

  it('names the profile and the endpoint its key belongs to', () => {
    renderPanel(pending());
    const belongs = screen.getByText('Production').closest('p')!;
    expect(belongs.textContent).toBe('Profile Production · https://cloudmc.example.com/api/v1');
  });

  it('offers Copy as environment variables', async () => {
    const { oncopyenv } = renderPanel(pending());
    await fireEvent.click(screen.getByRole('button', { name: 'Copy as environment variables' }));
    expect(oncopyenv).toHaveBeenCalledTimes(1);
  });

  it('tells one story once stored: no "somewhere safe" beside "Stored in keychain"', () => {
    renderPanel(pending({ stored: true }));
    const region = screen.getByRole('region', { name: 'Key generated' });
    expect(region.textContent).not.toContain('somewhere safe');
    expect(region.textContent).toContain(
      'The API key Grab-instance-list has been generated and stored in the keychain. Its value is shown only here: it is gone from this screen once you dismiss this.',
    );
  });

  it('on another profile is a one-line reminder (no value) that leads back to its profile', async () => {
    const { onshowprofile } = renderPanel(pending(), true, 'p2');
    const region = screen.getByRole('region', { name: 'Key generated' });
    expect(within(region).queryByLabelText('API key')).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(region.textContent).toContain('The new API key Grab-instance-list of profile Production is waiting for you.');
    await fireEvent.click(within(region).getByRole('button', { name: 'Go to profile Production' }));
    expect(onshowprofile).toHaveBeenCalledWith('p1');
  });

  it('away from every key screen (Key health, Add profile) is the same reminder', () => {
    renderPanel(pending(), true, null);
    expect(screen.queryByLabelText('API key')).toBeNull();
    expect(screen.getByRole('button', { name: 'Go to profile Production' })).toBeTruthy();
  });

  it('disables Store in keychain with the reason when there is no keychain', () => {
    renderPanel(pending(), false);
    const store = screen.getByRole('button', { name: 'Store in keychain' }) as HTMLButtonElement;
    expect(store.disabled).toBe(true);
    expect(store.title).toBe('The system keychain cannot be reached (no D-Bus session).');
  });
});

describe('notification (through the app and the bridge)', () => {
  beforeEach(() => resetAll('en'));

  function generatingApp(storedInKeychain = false) {
    return installBridge(
      workingHandlers(
        {
          'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: 'Fresh key' }, { secret: SECRET, storedInKeychain }),
          'secrets:copy': () => ok({ clearAfterSeconds: 45 }),
          'secrets:copyAsEnv': () => ok({ clearAfterSeconds: 45 }),
          'secrets:store': () => ok(null),
          'secrets:dismiss': () => ok(null),
        },
        appState({ settings: settings({ storeCopyByDefault: storedInKeychain, clipboardClearSeconds: 45 }) }),
      ),
    );
  }

  async function generate(): Promise<HTMLElement> {
    render(App);
    await screen.findByRole('row', { name: /Update KB/ }); // the first refresh has answered: a later one would replace main's view after the generate
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Generate' }));
    return screen.findByRole('region', { name: 'Key generated' });
  }

  it('adds the key to the list at once and closes the dialog', async () => {
    generatingApp();
    await generate();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('row', { name: /Fresh key/ })).toBeTruthy();
  });

  it('removes the value from the DOM and from state on dismiss', async () => {
    const calls = generatingApp();
    const region = await generate();
    expect(document.body.innerHTML.includes(SECRET) || (within(region).getByLabelText('API key') as HTMLInputElement).value === SECRET).toBe(true);
    const held = secrets.items[0]!;
    expect(held.value).toBe(SECRET);
    await fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    await fireEvent.click(within(screen.getByRole('dialog', { name: 'Dismiss without saving?' })).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Key generated' })).toBeNull();
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(SECRET);
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(secrets.items).toHaveLength(0);
    expect(held.value).toBe('');
    expect(calls.filter((c) => c.channel === 'secrets:dismiss').map((c) => c.input)).toEqual([{ secretId: 's1' }]);
  });

  it('copies through main and then dismisses without asking', async () => {
    const calls = generatingApp();
    const region = await generate();
    await fireEvent.click(within(region).getByRole('button', { name: 'Copy API key' }));
    expect(await within(region).findByText('Copied. The clipboard will be cleared in 45 s.')).toBeTruthy();
    expect(calls.some((c) => c.channel === 'secrets:copy')).toBe(true);
    await fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Key generated' })).toBeNull();
  });

  it('stores in the keychain, and starts stored when generated with a stored copy', async () => {
    generatingApp();
    const region = await generate();
    await fireEvent.click(within(region).getByRole('button', { name: 'Store in keychain' }));
    expect(await within(region).findByText('Stored in keychain')).toBeTruthy();
  });

  it('copies as environment variables through main, then dismisses without asking', async () => {
    const calls = generatingApp();
    const region = await generate();
    await fireEvent.click(within(region).getByRole('button', { name: 'Copy as environment variables' }));
    expect(await within(region).findByText('Copied. The clipboard will be cleared in 45 s.')).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'secrets:copyAsEnv').map((c) => c.input)).toEqual([{ secretId: 's1' }]);
    await fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stays with its profile: a reminder on another profile and on Key health leads back to the full card', async () => {
    const second = { ...manyProfiles(2)[1]!, name: 'Staging' };
    installBridge(
      workingHandlers(
        {
          'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: 'Fresh key' }, { secret: SECRET }),
          'secrets:dismiss': () => ok(null),
        },
        appState({ profiles: [profile, second] }),
      ),
    );
    await generate();
    await fireEvent.click(screen.getByRole('button', { name: /^Staging/ }));
    expect(await screen.findByRole('button', { name: 'Go to profile Production' })).toBeTruthy();
    expect(screen.queryByLabelText('API key')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Key health' }));
    expect(screen.getByRole('button', { name: 'Go to profile Production' })).toBeTruthy();
    expect(screen.queryByLabelText('API key')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Go to profile Production' }));
    const input = (await screen.findByLabelText('API key')) as HTMLInputElement;
    expect(input.value).toBe(SECRET);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('API credentials');
  });

  it('starts in the stored state when the copy was stored at generation', async () => {
    const calls = generatingApp(true);
    const region = await generate();
    expect(within(region).getByText('Stored in keychain')).toBeTruthy();
    expect((calls.find((c) => c.channel === 'keys:generate')?.input as { storeInKeychain: boolean }).storeInKeychain).toBe(true);
  });
});

describe('key names are text', () => {
  beforeEach(() => resetAll('en'));

  it('in the notification', () => {
    render(SecretNotifications, {
      items: [pending({ secretId: 's', keyName: evil, value: 'v' })],
      keychain: { available: true, backend: 't' },
      profiles: [profile],
      currentProfileId: 'p1',
      oncopy: vi.fn(),
      oncopyenv: vi.fn(),
      onshowprofile: vi.fn(),
      onstore: vi.fn(),
      ondismiss: vi.fn(),
    });
    expect(screen.getByText(evil).closest('strong > bdi')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});

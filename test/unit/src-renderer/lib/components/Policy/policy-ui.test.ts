// The window under the organization's policy, as main reports it: Managed badge and no Remove, a name and endpoint the user cannot
// change, locked settings disabled with "Set by your organization", Add and Import hidden, a refused endpoint, the bad-policy banner.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { PolicyView } from '../../../../../../src-preload/contract/policy';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import { noPolicy } from '../../../../../../src-renderer/src/lib/state/policy.svelte';
import { appState, emitEvent, fail, installBridge, ok, profile, resetAll, settings, workingHandlers } from '../../../helpers';

const managed: ProfileSummary = { ...profile, id: 'hq', name: 'Managed HQ', managed: 'managed' };

/** Starts the app with these profiles and this policy. */
function start(
  profiles: ProfileSummary[],
  view: Partial<PolicyView> = {},
  overrides: Parameters<typeof workingHandlers>[0] = {},
  language: 'en' | 'fr' | 'es' = 'en',
) {
  const calls = installBridge(
    workingHandlers(
      { 'policy:get': () => ok({ ...noPolicy, applied: true, ...view }), ...overrides },
      appState({ profiles, lastProfileId: profiles[0]?.id ?? null, settings: settings({ clipboardClearSeconds: 15, language }) }),
    ),
  );
  render(App);
  return calls;
}

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' | ');
}

describe('a managed profile', () => {
  beforeEach(() => resetAll('en'));

  it('shows its Managed badge, offers no Remove, and takes only a new API key', async () => {
    start([managed]);
    const heading = await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    expect(within(heading.parentElement!).getByText('Managed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove profile' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    for (const label of ['Profile name', 'Endpoint']) {
      const field = within(dialog).getByLabelText(label) as HTMLInputElement;
      expect(field.disabled).toBe(true);
      expect(describedBy(field)).toBe('Set by your organization');
    }
    expect(within(dialog).queryByLabelText('CA certificate (PEM)')).toBeNull();
    expect((within(dialog).getByLabelText('API key') as HTMLInputElement).disabled).toBe(false);
  });

  it('once the policy left it: "No longer managed", and Remove is back', async () => {
    start([{ ...managed, managed: 'withdrawn' }]);
    // Said in the key screen's header and on the profile's line in the sidebar.
    expect(await screen.findAllByText('No longer managed')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Remove profile' })).toBeTruthy();
  });

  it.each([
    ['fr', 'Géré', 'Supprimer le profil'],
    ['es', 'Administrado', 'Eliminar perfil'],
  ] as const)('is badged in %s', async (language, badge, remove) => {
    resetAll(language);
    start([managed], {}, {}, language);
    expect(await screen.findAllByText(badge)).toHaveLength(2); // the header and the sidebar
    expect(screen.queryByRole('button', { name: remove })).toBeNull();
  });
});

describe('allowed endpoints', () => {
  beforeEach(() => resetAll('en'));

  it('a profile outside them is shown disabled, with the reason', async () => {
    start([{ ...profile, endpointAllowed: false }], {}, { 'keys:refresh': () => ok(refusedView()) });
    expect(await screen.findAllByText('Not allowed')).toHaveLength(2); // the header and the sidebar
    const generate = await screen.findByRole('button', { name: 'Generate API key' });
    expect((generate as HTMLButtonElement).disabled).toBe(true);
    expect(describedBy(generate)).toContain('This endpoint is not allowed by your organization');
  });

  it('the Add profile form puts the refusal under the Endpoint field', async () => {
    start([], {}, { 'profiles:add': () => fail('endpoint-not-allowed', { details: { field: 'endpoint', reason: 'not-allowed' } }) });
    await fireEvent.input(await screen.findByLabelText('Profile name'), { target: { value: 'Elsewhere' } });
    const endpoint = screen.getByLabelText('Endpoint') as HTMLInputElement;
    await fireEvent.input(endpoint, { target: { value: 'https://evil.example.com/api/v1' } });
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'k' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(describedBy(endpoint)).toBe('This endpoint is not allowed by your organization'));
    expect(endpoint.value).toBe('https://evil.example.com/api/v1');
  });
});

describe('allowUserProfiles: false', () => {
  beforeEach(() => resetAll('en'));

  it('hides Add profile, Import and Duplicate', async () => {
    start([managed], { allowUserProfiles: false });
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    expect(screen.queryByRole('button', { name: 'Add profile' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Import/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Duplicate' })).toBeNull();
  });

  it('arriving while the app runs (policy:did-change) hides Add profile and lists the profiles again', async () => {
    const calls = start([profile], { allowUserProfiles: true }, { 'profiles:list': () => ok([profile, managed]) });
    expect(await screen.findByRole('button', { name: 'Add profile' })).toBeTruthy();
    emitEvent('policy:did-change', { ...noPolicy, applied: true, allowUserProfiles: false });
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Add profile' })).toBeNull());
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'profiles:list')).toHaveLength(1));
    expect(await screen.findByText('Managed HQ')).toBeTruthy();
  });

  it('with no profile given yet says so instead of the Add profile form', async () => {
    start([], { allowUserProfiles: false });
    expect(await screen.findByText('Your organization has not given you a profile yet, and does not allow adding your own.')).toBeTruthy();
    expect(screen.queryByLabelText('Profile name')).toBeNull();
  });
});

describe('locked settings', () => {
  beforeEach(() => resetAll('en'));

  it('show their value, disabled, with "Set by your organization"; only what is not locked is saved', async () => {
    const calls = start([profile], { lockedSettings: ['clipboardClearSeconds', 'language', 'sidebarDensity'] });
    const language = (await screen.findByLabelText('Language')) as HTMLSelectElement;
    expect(language.disabled).toBe(true);
    expect(describedBy(language)).toBe('Set by your organization');
    await fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const clear = within(dialog).getByRole('spinbutton', { name: 'Clear the clipboard after (seconds)' }) as HTMLInputElement;
    expect(clear.value).toBe('15');
    expect(clear.disabled).toBe(true);
    expect(describedBy(clear)).toContain('Set by your organization');
    const density = within(dialog).getByRole('combobox', { name: 'Sidebar' }) as HTMLSelectElement;
    expect(density.disabled).toBe(true);
    expect(describedBy(density)).toContain('Set by your organization');
    const theme = within(dialog).getByLabelText('Theme') as HTMLSelectElement;
    expect(theme.disabled).toBe(false);
    await fireEvent.change(theme, { target: { value: 'dark' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.channel === 'settings:update').map((c) => c.input)).toEqual([{ theme: 'dark', updates: true }]);
  });
});

describe('a policy that changes while the app runs', () => {
  beforeEach(() => resetAll('en'));

  it("shows the values main now applies: a newly locked setting takes the policy's value, disabled", async () => {
    let current = settings({ clipboardClearSeconds: 15, theme: 'system' });
    const calls = start(
      [profile],
      { lockedSettings: [] },
      { 'app:getState': () => ok(appState({ profiles: [profile], lastProfileId: profile.id, settings: current })) },
    );
    await screen.findByRole('heading', { level: 1, name: 'API credentials' });
    current = settings({ clipboardClearSeconds: 5, theme: 'dark' });
    emitEvent('policy:did-change', { ...noPolicy, applied: true, lockedSettings: ['clipboardClearSeconds', 'theme'] });
    await vi.waitFor(() => expect(document.documentElement.dataset['theme']).toBe('dark'));
    await fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const clear = within(dialog).getByRole('spinbutton', { name: 'Clear the clipboard after (seconds)' }) as HTMLInputElement;
    expect(clear.value).toBe('5');
    expect(clear.disabled).toBe(true);
    expect((within(dialog).getByLabelText('Theme') as HTMLSelectElement).value).toBe('dark');
    expect(calls.filter((c) => c.channel === 'app:getState')).toHaveLength(2);
  });
});

describe('a policy that could not be read', () => {
  it.each([
    ['en', "Your organization's policy could not be read, so nothing from it is applied.", 'It is not valid JSON (line 4, column 1).'],
    [
      'fr',
      "La politique de votre organisation n'a pas pu être lue, rien n'en est donc appliqué.",
      "Ce n'est pas du JSON valide (ligne 4, colonne 1).",
    ],
    ['es', 'No se pudo leer la política de su organización, así que no se aplica nada de ella.', 'No es JSON válido (línea 4, columna 1).'],
  ] as const)('is told at the top in %s, with why', async (language, title, why) => {
    resetAll(language);
    start(
      [profile],
      { applied: false, problem: { reason: 'not-json', messageKey: 'policy.problem.not-json', details: { line: 4, column: 1 } } },
      {},
      language,
    );
    const alert = (await screen.findByText(title)).closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText(why)).toBeTruthy();
  });
});

/** Main's answer to a refresh of a profile whose endpoint the policy does not allow (nothing cached). */
function refusedView() {
  return {
    profile: { ...profile, endpointAllowed: false },
    list: null,
    failure: fail('endpoint-not-allowed', { details: { field: 'endpoint', reason: 'not-allowed' } }).error,
  };
}

// The Add profile form: required fields, errors next to the right field, nothing typed is lost; default endpoint and CA.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import AddProfileForm from '../../../../../../src-renderer/src/lib/components/Profiles/AddProfileForm.svelte';
import type { ErrorCode } from '../../../../../../src-preload/contract/errors';
import en from '../../../../../../src-renderer/src/lib/i18n/locales/en.json';
import { appState, fail, installBridge, ok, profile, resetAll, workingHandlers } from '../../../helpers';

function fields() {
  return {
    name: screen.getByLabelText('Profile name') as HTMLInputElement,
    endpoint: screen.getByLabelText('Endpoint') as HTMLInputElement,
    key: screen.getByLabelText('API key') as HTMLInputElement,
  };
}

async function fillAndSave(): Promise<ReturnType<typeof fields>> {
  const f = fields();
  await fireEvent.input(f.name, { target: { value: 'Prod' } });
  await fireEvent.input(f.endpoint, { target: { value: 'http://cloudmc.example.com/api/v1' } });
  await fireEvent.input(f.key, { target: { value: 'my-access-key' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  return f;
}

function describedBy(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('AddProfileForm', () => {
  beforeEach(() => resetAll('en'));

  it('has the expected field attributes', () => {
    installBridge({});
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    const f = fields();
    expect(f.endpoint.placeholder).toBe('https://cloudmc.example.com/api/v1');
    expect(f.key.type).toBe('password');
    expect(f.key.getAttribute('autocomplete')).toBe('off');
    expect(f.key.getAttribute('spellcheck')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('asks for every required field with a precise message, without calling main', async () => {
    const calls = installBridge({});
    render(AddProfileForm, { canCancel: true, oncancel: vi.fn(), onsaved: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const f = fields();
    expect(describedBy(f.name)).toContain('Enter a name for this profile.');
    expect(describedBy(f.endpoint)).toContain('Enter the CloudMC API endpoint');
    expect(describedBy(f.key)).toContain('Enter the API key this profile will use.');
    expect(calls).toHaveLength(0);
  });

  it.each<[ErrorCode, 'endpoint' | 'key']>([
    ['endpoint-insecure', 'endpoint'],
    ['endpoint-invalid', 'endpoint'],
    ['endpoint-credentials', 'endpoint'],
    ['unauthorized', 'key'],
    ['forbidden', 'key'],
  ])('shows %s under the %s field and keeps what was typed', async (code, field) => {
    installBridge({ 'profiles:add': () => fail(code) });
    const onsaved = vi.fn();
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved });
    const f = await fillAndSave();
    const message = (en.errors as Record<string, string>)[code];
    await vi.waitFor(() => expect(describedBy(f[field])).toBe(message));
    expect(f[field].getAttribute('aria-invalid')).toBe('true');
    const other = field === 'key' ? f.endpoint : f.key;
    expect(describedBy(other)).not.toContain(message);
    expect(screen.queryByRole('alert')).toBeNull();
    expect([f.name.value, f.endpoint.value, f.key.value]).toEqual(['Prod', 'http://cloudmc.example.com/api/v1', 'my-access-key']);
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('puts a name refused by main under the name field, even when a CA was given', async () => {
    installBridge({ 'profiles:add': () => fail('invalid-input', { details: { field: 'name' } }) });
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    const f = fields();
    await fireEvent.click(screen.getByText('Advanced'));
    await fireEvent.input(screen.getByLabelText('CA certificate (PEM)'), {
      target: { value: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
    });
    await fillAndSave();
    const message = en.errors['invalid-input'];
    await vi.waitFor(() => expect(describedBy(f.name)).toContain(message));
    expect(describedBy(screen.getByLabelText('CA certificate (PEM)'))).not.toContain(message);
  });

  it('shows other failures as a form-level alert', async () => {
    installBridge({ 'profiles:add': () => fail('unreachable') });
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    const f = await fillAndSave();
    expect((await screen.findByRole('alert')).textContent).toContain('CloudMC could not be reached.');
    expect(f.key.value).toBe('my-access-key');
  });

  it('shows progress and disables Save while main checks the key, then reports the profile', async () => {
    let answer: (v: unknown) => void = () => {};
    const calls = installBridge({ 'profiles:add': () => new Promise((resolve) => (answer = resolve)) as never });
    const onsaved = vi.fn();
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved });
    await fillAndSave();
    expect(await screen.findByRole('progressbar', { name: 'Checking the key with CloudMC…' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls[0]?.input).toEqual({
      name: 'Prod',
      endpoint: 'http://cloudmc.example.com/api/v1',
      apiKey: 'my-access-key',
      requestId: expect.any(String),
    });
    answer(ok(profile));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalledWith(profile));
  });

  it('shows the French error under the French field', async () => {
    await resetAll('fr');
    installBridge({ 'profiles:add': () => fail('endpoint-insecure') });
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    await fireEvent.input(screen.getByLabelText('Nom du profil'), { target: { value: 'Prod' } });
    await fireEvent.input(screen.getByLabelText("Point d'entrée"), { target: { value: 'http://x.example.com' } });
    await fireEvent.input(screen.getByLabelText("Clé d'API"), { target: { value: 'k' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await vi.waitFor(() => expect(describedBy(screen.getByLabelText("Point d'entrée"))).toContain('https://'));
  });

  it("an access key with characters an HTTP header cannot carry is refused under the API key field, in main's words", async () => {
    installBridge({
      'profiles:add': () => fail('invalid-input', { messageKey: 'errors.access-key-characters', details: { field: 'apiKey', reason: 'characters' } }),
    });
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    const f = await fillAndSave();
    await vi.waitFor(() => expect(describedBy(f.key)).toContain('This API key contains characters an API key cannot have'));
    expect(f.key.getAttribute('aria-invalid')).toBe('true');
    expect(f.key.value).toBe('my-access-key');
  });

  it('a profile name of only invisible characters is refused before sending, with the words main uses', async () => {
    const calls = installBridge({});
    render(AddProfileForm, { canCancel: false, oncancel: vi.fn(), onsaved: vi.fn() });
    const f = fields();
    await fireEvent.input(f.name, { target: { value: '\u200B\u2060' } });
    await fireEvent.input(f.endpoint, { target: { value: 'https://cloudmc.example.com/api/v1' } });
    await fireEvent.input(f.key, { target: { value: 'k' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(describedBy(f.name)).toContain('This name shows nothing');
    expect(calls).toHaveLength(0);
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
    await vi.waitFor(() =>
      expect(calls[0]?.input).toEqual({ name: 'Prod', endpoint: 'https://sim.local/api/v1', apiKey: 'k', caPem: pem, requestId: expect.any(String) }),
    );
  });

  it('the App passes AppState.defaultEndpoint to the form', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [], lastProfileId: null, defaultEndpoint: 'https://127.0.0.1:8443/api/v1' })));
    render(App);
    expect(((await screen.findByLabelText('Endpoint')) as HTMLInputElement).value).toBe('https://127.0.0.1:8443/api/v1');
  });
});

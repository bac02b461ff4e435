// The Edit profile dialog on its own, over the real profiles state and the contract's bridge: prefilled, checked before sending, only
// what changed sent (trimmed), each refusal of main under the field it names (label, aria-invalid, aria-describedby to the message),
// the CA removed on request, and a profile the organization manages offering only a new API key.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import EditProfileDialog from '../../../../../../src-renderer/src/lib/components/Profiles/EditProfileDialog.svelte';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import { fail, installBridge, ok, profile, resetAll, type Handlers } from '../../../helpers';

function setup(summary: ProfileSummary = profile, handlers: Handlers = {}) {
  const calls = installBridge(handlers);
  const props = { profile: summary, oncancel: vi.fn(), onsaved: vi.fn() };
  render(EditProfileDialog, props);
  const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
  const field = (label: string) => within(dialog).getByLabelText(label) as HTMLInputElement;
  const save = () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  return { calls, props, dialog, field, save };
}

/** The text an input's aria-describedby points at. */
const description = (input: HTMLElement): string =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing ${id}>`)
    .join(' | ');

describe('EditProfileDialog', () => {
  beforeEach(() => resetAll('en'));

  it('is prefilled; the API key is empty, described by its hint; no Remove CA without a CA', () => {
    const { dialog, field } = setup();
    expect(field('Profile name').value).toBe('Production');
    expect(field('Endpoint').value).toBe(profile.endpoint);
    expect(field('API key').value).toBe('');
    expect(field('API key').type).toBe('password');
    expect(description(field('API key'))).toBe('Optional: leave empty to keep the current key.');
    expect(field('Profile name').hasAttribute('aria-invalid')).toBe(false);
    expect(within(dialog).queryByRole('checkbox', { name: 'Remove CA' })).toBeNull();
  });

  it('checks the name and endpoint before sending, each message under its field', async () => {
    const { calls, field, save } = setup();
    await fireEvent.input(field('Profile name'), { target: { value: '   ' } });
    await fireEvent.input(field('Endpoint'), { target: { value: '' } });
    await save();
    expect(field('Profile name').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('Profile name'))).toBe('Enter a name for this profile.');
    expect(field('Endpoint').getAttribute('aria-invalid')).toBe('true');
    expect(description(field('Endpoint'))).toBe('Enter the CloudMC API endpoint, for example https://cloudmc.example.com/api/v1.');
    expect(calls).toEqual([]);
  });

  it('sends only what changed, trimmed, and hands main’s profile back', async () => {
    const saved = { ...profile, name: 'Prod EU' };
    const { calls, props, field, save } = setup(profile, { 'profiles:update': () => ok(saved) });
    await fireEvent.input(field('Profile name'), { target: { value: '  Prod EU  ' } });
    await fireEvent.input(field('API key'), { target: { value: '  new-key  ' } });
    await save();
    await vi.waitFor(() => expect(props.onsaved).toHaveBeenCalledWith(saved));
    expect(calls[0]?.input).toEqual({ profileId: 'p1', name: 'Prod EU', apiKey: 'new-key', requestId: expect.any(String) });
    expect(field('API key').value).toBe('');
  });

  it.each([
    ['endpoint-insecure', {}, 'Endpoint'],
    ['unauthorized', {}, 'API key'],
    ['invalid-input', { details: { field: 'name', reason: 'too-long' } }, 'Profile name'],
  ] as const)('puts main’s %s under the field it is about', async (code, extra, label) => {
    const { props, field, save } = setup(profile, { 'profiles:update': () => fail(code, extra) });
    await fireEvent.input(field('Endpoint'), { target: { value: 'https://other.example.com/api/v1' } });
    await save();
    await vi.waitFor(() => expect(field(label).getAttribute('aria-invalid')).toBe('true'));
    const [errorId] = (field(label).getAttribute('aria-describedby') ?? '').split(' ');
    expect(document.getElementById(errorId!)?.textContent?.trim()).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(props.onsaved).not.toHaveBeenCalled();
    expect(field('Endpoint').value).toBe('https://other.example.com/api/v1');
  });

  it('shows any other failure as an alert under the form', async () => {
    const { dialog, field, save } = setup(profile, { 'profiles:update': () => fail('server-error') });
    await fireEvent.input(field('Profile name'), { target: { value: 'Other' } });
    await save();
    expect((await within(dialog).findByRole('alert')).textContent).toContain('CloudMC had a problem answering.');
    expect(field('Profile name').hasAttribute('aria-invalid')).toBe(false);
  });

  it('removes the CA on request', async () => {
    const { calls, dialog, save } = setup({ ...profile, hasCustomCa: true }, { 'profiles:update': () => ok({ ...profile, hasCustomCa: false }) });
    await fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Remove CA' }));
    await save();
    await vi.waitFor(() => expect(calls[0]?.input).toEqual({ profileId: 'p1', caPem: null, requestId: expect.any(String) }));
  });

  it('offers only a new API key for a profile the organization manages', async () => {
    const managed = { ...profile, managed: 'managed' as const, hasCustomCa: true };
    const { calls, dialog, field, save } = setup(managed, { 'profiles:update': () => ok(managed) });
    for (const label of ['Profile name', 'Endpoint']) {
      expect(field(label).disabled).toBe(true);
      expect(description(field(label))).toBe('Set by your organization');
    }
    expect(within(dialog).queryByRole('checkbox', { name: 'Remove CA' })).toBeNull();
    expect(within(dialog).queryByLabelText('CA certificate (PEM)')).toBeNull();
    await fireEvent.input(field('API key'), { target: { value: 'rotated-key' } });
    await save();
    await vi.waitFor(() => expect(calls[0]?.input).toEqual({ profileId: 'p1', apiKey: 'rotated-key', requestId: expect.any(String) }));
  });
});

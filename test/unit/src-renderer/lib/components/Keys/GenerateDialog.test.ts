// The Generate API key form: name limit, keychain copy (remembered, or disabled with the reason), a failure kept in the dialog.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { appState, fail, installBridge, resetAll, workingHandlers } from '../../../helpers';

describe('generate form', () => {
  beforeEach(() => resetAll('en'));

  it('refuses a name over 100 characters in the generate form and keeps it', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
    // The hint is text under the field (never cut inside a placeholder), and the field's description.
    expect(name.placeholder).toBe('');
    const hint = within(dialog).getByText('Optional: CloudMC picks a random name if left empty');
    expect(name.getAttribute('aria-describedby')?.split(' ')).toContain(hint.id);
    await fireEvent.input(name, { target: { value: 'z'.repeat(120) } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 120).')).toBeTruthy();
    expect(name.getAttribute('aria-describedby')?.split(' ')).toHaveLength(2);
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
});

// The settings dialog: clipboard delay saved, a bad value refused, a save failure kept in the dialog.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { fail, installBridge, resetAll, workingHandlers } from '../../../helpers';

describe('settings', () => {
  beforeEach(() => resetAll('en'));

  it('saves the clipboard delay and refuses a bad value', async () => {
    const calls = installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const field = within(dialog).getByRole('spinbutton', { name: 'Clear the clipboard after (seconds)' }) as HTMLInputElement;
    expect(field.value).toBe('30');
    await fireEvent.input(field, { target: { value: '-5' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Enter a whole number of seconds from 0 to 3600.')).toBeTruthy();
    expect(calls.some((c) => c.channel === 'settings:update')).toBe(false);
    await fireEvent.input(field, { target: { value: '0' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The dialog saves what it shows: the delay and the theme (unchanged here).
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ clipboardClearSeconds: 0, theme: 'system' });
  });

  it('keeps the dialog open with the error when saving fails', async () => {
    installBridge(workingHandlers({ 'settings:update': () => fail('store-read-only') }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await fireEvent.input(within(dialog).getByRole('spinbutton'), { target: { value: '45' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Settings are read-only');
    expect((within(dialog).getByRole('spinbutton') as HTMLInputElement).value).toBe('45');
  });
});

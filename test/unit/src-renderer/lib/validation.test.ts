// Key names are counted as CloudMC counts them (code points), and an invisible-only name is refused in main's words, in Generate and Rename.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../src-renderer/src/App.svelte';
import RenameDialog from '../../../../src-renderer/src/lib/components/Keys/RenameDialog.svelte';
import { keyNameMaxCodePoints } from '../../../../src-preload/contract/limits';
import en from '../../../../src-renderer/src/lib/i18n/locales/en.json';
import { generatedAnswer, installBridge, renamedAnswer, resetAll, sampleKeys, workingHandlers } from '../helpers';

const emoji60 = '🔑'.repeat(60);

const invisible = '\u200B\u200D\u2060\u202E';

describe('key names as CloudMC counts them', () => {
  beforeEach(() => resetAll('en'));

  it(`Generate accepts a name of 60 emoji (60 characters, ${keyNameMaxCodePoints} allowed) and refuses one of only invisible characters in main's words`, async () => {
    const calls = installBridge(
      workingHandlers({
        'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: emoji60 }),
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await fireEvent.input(name, { target: { value: invisible } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText(en.errors['name-invisible'])).toBeTruthy();
    expect(calls.some((c) => c.channel === 'keys:generate')).toBe(false);
    await fireEvent.input(name, { target: { value: emoji60 } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    await screen.findByRole('region', { name: 'Key generated' });
    expect(calls.find((c) => c.channel === 'keys:generate')?.input).toEqual({ profileId: 'p1', name: emoji60, storeInKeychain: false });
  });

  it('Generate counts characters, not UTF-16 units, when refusing a name too long', async () => {
    installBridge(workingHandlers());
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: '🔑'.repeat(101) } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 101).')).toBeTruthy();
  });

  it('Rename accepts 60 emoji and refuses a name of only invisible characters with the words main uses', async () => {
    const calls = installBridge({ 'keys:rename': () => renamedAnswer({ ...sampleKeys[0]!, name: emoji60 }) });
    const onrenamed = vi.fn();
    render(RenameDialog, { profileId: 'p1', apiKey: sampleKeys[0]!, oncancel: vi.fn(), onrenamed });
    const dialog = screen.getByRole('dialog', { name: 'Edit API key' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await fireEvent.input(name, { target: { value: ` ${invisible} ` } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(en.errors['name-invisible'])).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(calls).toHaveLength(0);
    await fireEvent.input(name, { target: { value: emoji60 } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onrenamed).toHaveBeenCalledWith({ ...sampleKeys[0]!, name: emoji60 }));
    expect((calls[0]?.input as { name: string }).name).toBe(emoji60);
  });
});

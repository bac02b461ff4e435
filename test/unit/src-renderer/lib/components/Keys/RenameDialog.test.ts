// The Edit API key dialog: prefilled, trimmed 1–100 characters, errors kept in the dialog.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RenameDialog from '../../../../../../src-renderer/src/lib/components/Keys/RenameDialog.svelte';
import { fail, installBridge, renamedAnswer, resetAll, sampleKeys } from '../../../helpers';

const key = sampleKeys[0]!;

function setup(handlers: Parameters<typeof installBridge>[0] = {}) {
  const calls = installBridge(handlers);
  const props = { profileId: 'p1', apiKey: key, oncancel: vi.fn(), onrenamed: vi.fn() };
  render(RenameDialog, props);
  const dialog = screen.getByRole('dialog', { name: 'Edit API key' });
  const input = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
  return { calls, props, dialog, input };
}

async function type(input: HTMLInputElement, value: string, dialog: HTMLElement): Promise<void> {
  await fireEvent.input(input, { target: { value } });
  await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
}

describe('RenameDialog', () => {
  beforeEach(() => resetAll('en'));

  it('is prefilled and focused', () => {
    const { input } = setup();
    expect(input.value).toBe('Update KB');
    expect(document.activeElement).toBe(input);
  });

  it('refuses an empty or blank name', async () => {
    const { calls, dialog, input } = setup();
    await type(input, '   ', dialog);
    expect(within(dialog).getByText('Enter a name: it cannot be empty or only spaces.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(calls).toHaveLength(0);
  });

  it('refuses more than 100 characters, counting them', async () => {
    const { calls, dialog, input } = setup();
    await type(input, 'x'.repeat(101), dialog);
    expect(within(dialog).getByText('The name must be at most 100 characters (it has 101).')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('accepts exactly 100 characters after trimming and reports the renamed key', async () => {
    const renamed = { ...key, name: 'y'.repeat(100) };
    const { calls, props, dialog, input } = setup({ 'keys:rename': () => renamedAnswer(renamed) });
    await type(input, `  ${'y'.repeat(100)}  `, dialog);
    await vi.waitFor(() => expect(props.onrenamed).toHaveBeenCalledWith(renamed));
    expect(calls[0]?.input).toEqual({ profileId: 'p1', keyId: 'k1', name: 'y'.repeat(100), requestId: expect.any(String) });
  });

  it('shows a failure in the dialog and keeps the text', async () => {
    const { props, dialog, input } = setup({ 'keys:rename': () => fail('server-error') });
    await type(input, 'New name', dialog);
    expect((await within(dialog).findByRole('alert')).textContent).toContain('CloudMC had a problem answering.');
    expect(input.value).toBe('New name');
    expect(props.onrenamed).not.toHaveBeenCalled();
  });

  it('shows name-invalid under the field', async () => {
    const { dialog, input } = setup({ 'keys:rename': () => fail('name-invalid') });
    await type(input, 'Bad', dialog);
    expect(await within(dialog).findByText('CloudMC did not accept this name. Use 1 to 100 characters.')).toBeTruthy();
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('Escape cancels', async () => {
    const { props, dialog } = setup();
    await fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(props.oncancel).toHaveBeenCalled();
  });
});

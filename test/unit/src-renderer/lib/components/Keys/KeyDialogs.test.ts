// The credentials screen's dialogs, rendered by KeyDialogs over the real state classes and the contract's bridge: each kind opens its
// own dialog for its key, closing reaches the screen, and each outcome is said in the polite live region (or a toast) as main answered.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComponentProps } from 'svelte';
import KeyDialogs from '../../../../../../src-renderer/src/lib/components/Keys/KeyDialogs.svelte';
import { app } from '../../../../../../src-renderer/src/lib/state/app.svelte';
import { copies } from '../../../../../../src-renderer/src/lib/state/copies.svelte';
import { keys } from '../../../../../../src-renderer/src/lib/state/keys.svelte';
import { fail, installBridge, keysView, ok, resetAll, revokedAnswer, sampleKeys, type Handlers } from '../../../helpers';

const key = sampleKeys[0]!;
/** Which dialog is open (KeyDialogs' own type). */
type KeyDialog = ComponentProps<typeof KeyDialogs>['dialog'];

function setup(dialog: KeyDialog, handlers: Handlers = {}) {
  const calls = installBridge({
    'health:notes': () => ok({}),
    'copies:list': () => ok([{ keyId: key.id, keyName: key.name, orphaned: false }]),
    ...handlers,
  });
  keys.profileId = 'p1';
  keys.applyView(keysView(), false, false);
  const onclose = vi.fn();
  render(KeyDialogs, { profileId: 'p1', dialog, onclose });
  const status = document.querySelector('[data-announcer="keys"]') as HTMLElement;
  return { calls, onclose, status };
}

describe('KeyDialogs', () => {
  beforeEach(() => resetAll('en'));

  it('shows no dialog when none is open, and keeps its polite live region', () => {
    const { status } = setup(null);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('');
  });

  it.each([
    [{ kind: 'generate' } as KeyDialog, 'Generate API key'],
    [{ kind: 'rename', key } as KeyDialog, 'Edit API key'],
    [{ kind: 'revoke', key } as KeyDialog, 'Revoke API key'],
    [{ kind: 'note', key } as KeyDialog, `Note for ${key.name}`],
    [{ kind: 'remove-copy', key } as KeyDialog, 'Remove stored copy'],
  ])('opens the %j dialog, and Cancel closes it', async (dialog, title) => {
    const { onclose } = setup(dialog);
    const shown = screen.getByRole('dialog', { name: title });
    await fireEvent.click(within(shown).getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalled();
  });

  it('says a saved note, and a removed one, in the live region', async () => {
    let saved: string | null = 'call the on-call team first';
    const { calls, onclose, status } = setup({ kind: 'note', key }, { 'health:setNote': () => ok({ note: saved }) });
    const dialog = screen.getByRole('dialog', { name: `Note for ${key.name}` });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Note' }), { target: { value: `  ${saved}  ` } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'health:setNote')?.input).toEqual({ profileId: 'p1', keyId: key.id, note: `  ${saved}  ` });
    expect(status.textContent).toBe(`Note saved for API key \u2068${key.name}\u2069`);
    saved = null;
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Note' }), { target: { value: '' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(status.textContent).toBe(`Note removed from API key \u2068${key.name}\u2069`));
  });

  it('says a revoked key in the live region once main confirms', async () => {
    const { onclose, status } = setup({ kind: 'revoke', key }, { 'keys:revoke': () => revokedAnswer(key.id) });
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(status.textContent).toBe(`API key \u2068${key.name}\u2069 revoked`);
  });

  it('names the key whose stored copy it removes, as text, and says so once main removed it', async () => {
    const { calls, onclose } = setup({ kind: 'remove-copy', key }, { 'copies:remove': () => ok(null) });
    await copies.load('p1');
    const dialog = screen.getByRole('dialog', { name: 'Remove stored copy' });
    expect(dialog.textContent).toContain(`Remove the copy of ${key.name} stored in the keychain? The key itself keeps working on CloudMC.`);
    expect(within(dialog).getByText(key.name).closest('strong > bdi')).not.toBeNull();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'copies:remove')?.input).toEqual({ profileId: 'p1', keyId: key.id });
    expect(app.toast).toBe('Stored copy removed');
  });

  it('keeps the remove dialog open with main’s refusal', async () => {
    const { onclose } = setup({ kind: 'remove-copy', key }, { 'copies:remove': () => fail('keychain-failed') });
    await copies.load('p1');
    const dialog = screen.getByRole('dialog', { name: 'Remove stored copy' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(onclose).not.toHaveBeenCalled();
    expect(app.toast).toBeNull();
  });
});

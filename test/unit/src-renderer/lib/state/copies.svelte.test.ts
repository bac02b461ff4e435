// Keychain copies of generated keys: badge, copy (through main: a stored value never reaches the window)/remove, revoke with "also remove the copy", orphan clean-up, no keychain.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { StoredCopy } from '../../../../../src-preload/contract/models';
import { appState, fail, type Handlers, installBridge, ok, resetAll, revokedAnswer, workingHandlers } from '../../helpers';

const withCopy: StoredCopy[] = [{ keyId: 'k1', keyName: 'Update KB', orphaned: false }];

function start(overrides: Handlers = {}, list: StoredCopy[] = withCopy) {
  const calls = installBridge(workingHandlers({ 'copies:list': () => ok(list), ...overrides }));
  render(App);
  return calls;
}

async function row(name: string): Promise<HTMLElement> {
  const cell = await screen.findByText(name, { selector: 'td bdi' });
  return cell.closest('tr') as HTMLElement;
}

describe('stored copies', () => {
  beforeEach(() => resetAll('en'));

  it('badges only the keys with a stored copy, and gives them two named actions (no Show: the value stays in main)', async () => {
    const calls = start();
    const first = await row('Update KB');
    await within(first).findByText('In keychain');
    const second = await row('Grab-instance-list');
    expect(within(second).queryByText('In keychain')).toBeNull();
    for (const name of ['Copy stored key', 'Remove stored copy']) {
      expect(within(first).getByRole('button', { name })).toBeTruthy();
      expect(within(second).queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('button', { name: 'Show stored key' })).toBeNull();
    expect(within(first).getByRole('button', { name: 'Edit API key' })).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Revoke API key' })).toBeTruthy();
    expect(calls.find((c) => c.channel === 'copies:list')?.input).toEqual({ profileId: 'p1' });
  });

  it('copies a stored key and says when the clipboard is cleared', async () => {
    const calls = start({ 'copies:copy': () => ok({ clearAfterSeconds: 30 }) });
    const first = await row('Update KB');
    await fireEvent.click(await within(first).findByRole('button', { name: 'Copy stored key' }));
    expect(await screen.findByText('Copied. The clipboard will be cleared in 30 s.')).toBeTruthy();
    expect(calls.find((c) => c.channel === 'copies:copy')?.input).toEqual({ profileId: 'p1', keyId: 'k1' });
  });

  it('removes a stored copy after confirmation', async () => {
    let list = withCopy;
    const calls = start({
      'copies:list': () => ok(list),
      'copies:remove': () => {
        list = [];
        return ok(null);
      },
    });
    const first = await row('Update KB');
    await fireEvent.click(await within(first).findByRole('button', { name: 'Remove stored copy' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove stored copy' });
    expect(dialog.textContent).toContain('Remove the copy of Update KB stored in the keychain?');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await vi.waitFor(() => expect(screen.queryByText('In keychain')).toBeNull());
    expect(calls.find((c) => c.channel === 'copies:remove')?.input).toEqual({ profileId: 'p1', keyId: 'k1' });
  });

  it('offers to remove the stored copy when revoking, checked by default, and passes the choice', async () => {
    const calls = start({ 'keys:revoke': () => revokedAnswer('k1') });
    const first = await row('Update KB');
    await within(first).findByText('In keychain');
    await fireEvent.click(within(first).getByRole('button', { name: 'Revoke API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    const box = within(dialog).getByRole('checkbox', { name: 'Also remove the copy stored in the keychain' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.channel === 'keys:revoke')?.input).toEqual({
      profileId: 'p1',
      keyId: 'k1',
      removeStoredCopy: true,
      requestId: expect.any(String),
    });
  });

  it('keeps the stored copy when the box is unchecked, and shows no box for a key without a copy', async () => {
    const calls = start({ 'keys:revoke': () => revokedAnswer('k1') });
    const second = await row('Grab-instance-list');
    await within(await row('Update KB')).findByText('In keychain');
    await fireEvent.click(within(second).getByRole('button', { name: 'Revoke API key' }));
    expect(within(screen.getByRole('dialog', { name: 'Revoke API key' })).queryByRole('checkbox')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await fireEvent.click(within(await row('Update KB')).getByRole('button', { name: 'Revoke API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    await fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Also remove the copy stored in the keychain' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'keys:revoke')).toBe(true));
    expect(calls.find((c) => c.channel === 'keys:revoke')?.input).toEqual({
      profileId: 'p1',
      keyId: 'k1',
      removeStoredCopy: false,
      requestId: expect.any(String),
    });
  });

  it('says how many copies are orphaned and cleans them up', async () => {
    let list: StoredCopy[] = [...withCopy, { keyId: 'gone1', keyName: 'Old', orphaned: true }, { keyId: 'gone2', keyName: null, orphaned: true }];
    const calls = start({
      'copies:list': () => ok(list),
      'copies:removeOrphans': () => {
        list = withCopy;
        return ok({ removed: 2 });
      },
    });
    const notice = await screen.findByText('2 stored copies belong to keys that no longer exist');
    await fireEvent.click(screen.getByRole('button', { name: 'Clean up' }));
    expect(await screen.findByText('2 stored copies removed')).toBeTruthy();
    await vi.waitFor(() => expect(notice.isConnected).toBe(false));
    expect(calls.find((c) => c.channel === 'copies:removeOrphans')?.input).toEqual({ profileId: 'p1' });
  });

  it('shows a clean-up failure in words', async () => {
    start({ 'copies:removeOrphans': () => fail('keychain-failed') }, [{ keyId: 'gone', keyName: null, orphaned: true }]);
    await fireEvent.click(await screen.findByRole('button', { name: 'Clean up' }));
    expect(await screen.findByText('The system keychain could not store or read the key.')).toBeTruthy();
  });

  it('does not ask for copies when the keychain is unavailable, and says why', async () => {
    const calls = installBridge(
      workingHandlers(
        { 'copies:list': () => ok(withCopy) },
        appState({
          keychain: { available: false, reason: 'no-dbus', messageKey: 'keychain.no-dbus' },
        }),
      ),
    );
    render(App);
    await row('Update KB');
    expect(screen.getByText(/Keychain copies are not available\. The system keychain cannot be reached/)).toBeTruthy();
    expect(screen.queryByText('In keychain')).toBeNull();
    expect(calls.some((c) => c.channel === 'copies:list')).toBe(false);
  });
});

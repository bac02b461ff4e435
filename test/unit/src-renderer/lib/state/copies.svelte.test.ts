// Keychain copies of generated keys: badge, copy (through main: a stored value never reaches the window)/remove, revoke with "also remove the copy", orphan clean-up (checked by main, confirmed naming each key, refused offline), no keychain.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { StoredCopy } from '../../../../../src-preload/contract/models';
import { appState, fail, type Handlers, installBridge, keysView, ok, resetAll, revokedAnswer, workingHandlers } from '../../helpers';
import en from '../../../../../src-renderer/src/lib/i18n/locales/en.json';

/** An English text of the app by its key (the error messages are written once, in the locale file). */
const translated = (key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) as string;

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
    expect(within(first).getByRole('button', { name: /^Edit API key / })).toBeTruthy();
    expect(within(first).getByRole('button', { name: /^Revoke API key / })).toBeTruthy();
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
    await fireEvent.click(within(first).getByRole('button', { name: /^Revoke API key / }));
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
    await fireEvent.click(within(second).getByRole('button', { name: /^Revoke API key / }));
    expect(within(screen.getByRole('dialog', { name: 'Revoke API key' })).queryByRole('checkbox')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await fireEvent.click(within(await row('Update KB')).getByRole('button', { name: /^Revoke API key / }));
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

  it('Clean up asks main for a fresh check, then confirms naming each key, and removes only what the user saw', async () => {
    let list: StoredCopy[] = [...withCopy, { keyId: 'gone1', keyName: 'Old', orphaned: true }, { keyId: 'gone2', keyName: null, orphaned: true }];
    const calls = start({
      'copies:list': () => ok(list),
      'copies:checkOrphans': () =>
        ok({
          orphans: [
            { keyId: 'gone1', keyName: 'Old' },
            { keyId: 'gone2', keyName: null },
          ],
          checkedAt: '2024-03-12T09:00:00.000Z',
          view: keysView(),
        }),
      'copies:removeOrphans': () => {
        list = withCopy;
        return ok({ removed: ['gone1', 'gone2'], kept: [] });
      },
    });
    const notice = await screen.findByText('2 stored copies belong to keys that no longer exist');
    await fireEvent.click(screen.getByRole('button', { name: 'Clean up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clean up stored copies' });
    expect(calls.filter((c) => c.channel === 'copies:removeOrphans')).toEqual([]); // nothing removed before the user confirms
    expect(dialog.textContent).toContain('CloudMC no longer lists these 2 keys (checked just now).');
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['Old gone1', 'Name unknown gone2']);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 2 copies' }));
    expect(await screen.findByText('2 stored copies removed.')).toBeTruthy();
    await vi.waitFor(() => expect(notice.isConnected).toBe(false));
    expect(calls.find((c) => c.channel === 'copies:checkOrphans')?.input).toEqual({ profileId: 'p1', requestId: expect.any(String) });
    expect(calls.find((c) => c.channel === 'copies:removeOrphans')?.input).toEqual({
      profileId: 'p1',
      keyIds: ['gone1', 'gone2'],
      requestId: expect.any(String),
    });
  });

  it('says which copies main kept because CloudMC lists their key again', async () => {
    start(
      {
        'copies:checkOrphans': () => ok({ orphans: [{ keyId: 'gone', keyName: 'Old' }], checkedAt: '2024-03-12T09:00:00.000Z', view: keysView() }),
        'copies:removeOrphans': () => ok({ removed: [], kept: ['gone'] }),
      },
      [{ keyId: 'gone', keyName: 'Old', orphaned: true }],
    );
    await fireEvent.click(await screen.findByRole('button', { name: 'Clean up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clean up stored copies' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 1 copy' }));
    expect(await screen.findByText('No stored copy was removed. 1 copy kept: CloudMC still lists its key.')).toBeTruthy();
  });

  it('refuses to clean up while CloudMC cannot be reached, saying why, and opens no confirmation', async () => {
    const calls = start({ 'copies:checkOrphans': () => fail('unreachable') }, [{ keyId: 'gone', keyName: null, orphaned: true }]);
    await fireEvent.click(await screen.findByRole('button', { name: 'Clean up' }));
    const alert = await screen.findByText(/^Clean up needs a fresh list from CloudMC, which could not be fetched: /);
    expect(alert.textContent).toContain(translated('errors.unreachable'));
    expect(screen.queryByRole('dialog', { name: 'Clean up stored copies' })).toBeNull();
    expect(calls.some((c) => c.channel === 'copies:removeOrphans')).toBe(false);
  });

  it('shows a removal failure in the confirmation, in words', async () => {
    start(
      {
        'copies:checkOrphans': () => ok({ orphans: [{ keyId: 'gone', keyName: null }], checkedAt: '2024-03-12T09:00:00.000Z', view: keysView() }),
        'copies:removeOrphans': () => fail('keychain-failed'),
      },
      [{ keyId: 'gone', keyName: null, orphaned: true }],
    );
    await fireEvent.click(await screen.findByRole('button', { name: 'Clean up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clean up stored copies' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 1 copy' }));
    expect(await within(dialog).findByText('The system keychain could not store or read the key.')).toBeTruthy();
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

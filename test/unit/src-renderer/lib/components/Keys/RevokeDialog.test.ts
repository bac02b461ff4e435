// The Revoke API key dialog: confirmation names the key (as text), and the row goes once main confirms.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import RevokeDialog from '../../../../../../src-renderer/src/lib/components/Keys/RevokeDialog.svelte';
import { installBridge, resetAll, revokedAnswer, workingHandlers } from '../../../helpers';

const evil = '<img src=x onerror=alert(1)>';

const key = { id: 'k1', name: evil, creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: '<b>1.2.3.4</b>' };

describe('revoke', () => {
  beforeEach(() => resetAll('en'));

  it('revokes after confirmation and removes the row at once', async () => {
    const calls = installBridge(workingHandlers({ 'keys:revoke': () => revokedAnswer('k1') }));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    const row = screen.getByRole('cell', { name: 'Update KB' }).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: /^Revoke API key / }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(dialog.textContent).toContain('Revoke the API key Update KB? Any application using it stops working immediately.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('cell', { name: 'Update KB' })).toBeNull();
    expect(calls.find((c) => c.channel === 'keys:revoke')?.input).toEqual({ profileId: 'p1', keyId: 'k1', requestId: expect.any(String) });
  });
});

describe('key names are text', () => {
  beforeEach(() => resetAll('en'));

  it('in the revoke dialog', () => {
    installBridge({});
    render(RevokeDialog, { profileId: 'p1', apiKey: key, oncancel: vi.fn(), onrevoked: vi.fn() });
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(dialog.textContent).toContain(`Revoke the API key ${evil}? Any application using it stops working immediately.`);
    expect(within(dialog).getByText(evil).closest('strong > bdi')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});

// The key a profile itself uses is marked in the list, and revoking it warns that the profile will be locked out.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { appState, installBridge, profile, resetAll, sampleKeys, workingHandlers } from './helpers';

describe("the profile's own key", () => {
  beforeEach(() => resetAll('en'));

  it('is tagged in the list and its revoke dialog warns; other keys are not', async () => {
    const own = sampleKeys[0]!;
    const other = sampleKeys[1]!;
    installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKeyId: own.id }] })));
    render(App);
    const ownRow = (await screen.findByRole('cell', { name: new RegExp(own.name) })).closest('tr')!;
    expect(within(ownRow).getByText('Used by this profile')).toBeTruthy();
    const otherRow = screen.getByRole('cell', { name: new RegExp(`^${other.name}`) }).closest('tr')!;
    expect(within(otherRow).queryByText('Used by this profile')).toBeNull();

    await fireEvent.click(within(ownRow).getByRole('button', { name: 'Revoke API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    expect(within(dialog).getByRole('note').textContent).toContain('This is the API key this profile itself uses.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await fireEvent.click(within(otherRow).getByRole('button', { name: 'Revoke API key' }));
    const otherDialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    expect(within(otherDialog).queryByRole('note')).toBeNull();
  });
});

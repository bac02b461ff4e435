// What a change did, said truthfully (issue 8 items 1 and 5, display part): a warning main attaches to a change done on CloudMC is an announced notice, never a failure; "already revoked" is said as such.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import {
  appState,
  fail,
  generatedAnswer,
  installBridge,
  renamedAnswer,
  resetAll,
  revokedAnswer,
  sampleKeys,
  settings,
  workingHandlers,
} from '../../helpers';

/** A warning as main builds it: the local list could not be saved after CloudMC did the change (kind `local`). */
const localWarning = fail('store-write-failed', {
  messageKey: 'warnings.local-copy-not-saved',
  details: { reason: 'no space left on device' },
}).error;

const warningText = 'Done on CloudMC; the local copy could not be saved: \u2068no space left on device\u2069';

/** The announced notices region. */
function noticeTexts(): string[] {
  return Array.from(document.querySelectorAll('.notices[role="status"] .notice p'), (p) => p.textContent ?? '');
}

async function openRowDialog(keyName: string, button: string): Promise<HTMLElement> {
  const row = (await screen.findByRole('cell', { name: keyName })).closest('tr')!;
  await fireEvent.click(within(row).getByRole('button', { name: `${button} ${keyName}` }));
  return screen.getByRole('dialog', { name: button });
}

describe('warnings after a change done on CloudMC', () => {
  beforeEach(() => resetAll('en'));

  it('generate: the key and its value are shown, and the warning is an announced notice, not a failure', async () => {
    installBridge(
      workingHandlers({
        'keys:generate': () => generatedAnswer({ ...sampleKeys[1]!, id: 'k9', name: 'Fresh key' }, { warning: localWarning }),
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Generate' }));
    expect(await screen.findByRole('region', { name: 'Key generated' })).toBeTruthy();
    expect(screen.getByLabelText('API key', { selector: 'input' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Fresh key' })).toBeTruthy();
    expect(noticeTexts()).toEqual([warningText]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('rename: the new name is shown and the warning is a notice that can be hidden', async () => {
    installBridge(workingHandlers({ 'keys:rename': () => renamedAnswer({ ...sampleKeys[0]!, name: 'Renamed' }, { warning: localWarning }) }));
    render(App);
    const dialog = await openRowDialog('Update KB', 'Edit API key');
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Renamed' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('cell', { name: 'Renamed' })).toBeTruthy();
    expect(noticeTexts()).toEqual([warningText]);
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Hide notice' }));
    expect(noticeTexts()).toEqual([]);
  });

  it('revoke: the row goes and the warning is a notice', async () => {
    installBridge(workingHandlers({ 'keys:revoke': () => revokedAnswer('k1', { warning: localWarning }) }));
    render(App);
    const dialog = await openRowDialog('Update KB', 'Revoke API key');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('cell', { name: 'Update KB' })).toBeNull();
    expect(noticeTexts()).toEqual([warningText]);
  });

  it('revoke of a key CloudMC confirmed already gone says "already revoked", not "revoked"', async () => {
    installBridge(workingHandlers({ 'keys:revoke': () => revokedAnswer('k1', { outcome: 'already-revoked' }) }));
    render(App);
    const dialog = await openRowDialog('Update KB', 'Revoke API key');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('cell', { name: 'Update KB' })).toBeNull();
    expect(noticeTexts()).toEqual(['The API key \u2068Update KB\u2069 was already revoked on CloudMC; it has been removed from the list.']);
  });

  it('the warning speaks French', async () => {
    await resetAll('fr');
    installBridge(
      workingHandlers({ 'keys:revoke': () => revokedAnswer('k1', { warning: localWarning }) }, appState({ settings: settings({ language: 'fr' }) })),
    );
    render(App);
    const dialog = await openRowDialog('Update KB', "Révoquer la clé d'API");
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Révoquer' }));
    await vi.waitFor(() =>
      expect(noticeTexts()).toEqual([
        "Fait sur CloudMC\u202f; la copie locale n'a pas pu être enregistrée\u00a0: \u2068no space left on device\u2069",
      ]),
    );
  });
});

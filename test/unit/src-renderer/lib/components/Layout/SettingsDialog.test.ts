// The settings dialog: clipboard delay saved, a bad value refused, a save failure kept in the dialog; automatic update checks and where
// updates stand; "Remove all my data" with main's list of what goes, its refusal, and the app quitting.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import { appState, fail, installBridge, ok, resetAll, settings, workingHandlers } from '../../../helpers';
import type { RemovalPlan } from '../../../../../../src-preload/contract/updates';

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
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toEqual({
      clipboardClearSeconds: 0,
      theme: 'system',
      sidebarDensity: 'comfortable',
      updates: true,
    });
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

  it('turns automatic update checks off, and says where updates stand as main reports it', async () => {
    const calls = installBridge(
      workingHandlers({
        'updates:status': () =>
          ok({ state: 'failed', failure: fail('unreachable', { messageKey: 'updates.errors.offline' }).error, checkedAt: new Date().toISOString() }),
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const box = within(dialog).getByRole('checkbox', { name: 'Check for updates automatically' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await vi.waitFor(() => expect(dialog.textContent).toContain('The update server could not be reached.'));
    expect(dialog.textContent).toContain('The last update check failed');
    await fireEvent.click(box);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls.find((c) => c.channel === 'settings:update')?.input).toMatchObject({ updates: false }));
  });
});

const plan = (overrides: Partial<RemovalPlan> = {}): RemovalPlan => ({
  dataFolder: '/home/rose/.config/CloudMC Credentials',
  profiles: 2,
  keychain: { reachable: true, profileKeys: 2, storedCopies: 3, other: 0 },
  refusal: null,
  confirmation: 'c-1',
  ...overrides,
});

describe('Remove all my data', () => {
  beforeEach(() => resetAll('en'));

  async function openRemoval(): Promise<HTMLElement> {
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    await fireEvent.click(within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('button', { name: 'Remove all my data' }));
    return screen.findByRole('dialog', { name: 'Remove all my data' });
  }

  it("lists what goes as main counted it (profiles, caches, journals, the keychain's entries by kind, the folder), then removes it", async () => {
    const calls = installBridge(
      workingHandlers({
        'data:removalPlan': () => ok(plan()),
        'data:removeAll': () => ok({ keychainEntriesRemoved: 5, quitting: true }),
      }),
    );
    const dialog = await openRemoval();
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      '2 profiles, with their endpoints and settings',
      'Cached key lists, key-use history, activity and local notes',
      'Rotation journals, app settings and logs',
      "This app's entries in the system keychain: 2 profile API keys and 3 stored copies of generated keys",
    ]);
    expect(dialog.textContent).toContain('/home/rose/.config/CloudMC Credentials');
    expect(dialog.textContent).toContain('API keys on CloudMC are not revoked');
    expect(dialog.textContent).toContain('The app then quits.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove all my data' }));
    const settingsDialog = screen.getByRole('dialog', { name: 'Settings' });
    await vi.waitFor(() =>
      expect(within(settingsDialog).getByRole('status').textContent).toContain('All your data was removed. The app is quitting.'),
    );
    expect(calls.find((c) => c.channel === 'data:removeAll')?.input).toEqual({ confirmation: 'c-1' });
    expect(screen.queryByRole('dialog', { name: 'Remove all my data' })).toBeNull();
  });

  it("shows main's refusal with the reason and removes nothing until it passes", async () => {
    const busy = fail('invalid-input', { messageKey: 'updates.busy.one-time-key' }).error;
    let listed = 0;
    installBridge(
      workingHandlers({
        'data:removalPlan': () => ok(plan({ refusal: busy, confirmation: `c-${(listed += 1)}` })),
        'data:removeAll': () => ({ ok: false, error: busy }),
      }),
    );
    const dialog = await openRemoval();
    expect(within(dialog).getByRole('alert').textContent).toContain('A new API key is still shown: copy or store it, dismiss it, then try again.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove all my data' }));
    await vi.waitFor(() => expect(listed).toBe(2));
    expect(within(dialog).getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByText('All your data was removed.', { exact: false })).toBeNull();
  });

  it("in French and Spanish, with CloudMC's label", async () => {
    for (const [language, label, entries] of [
      ['fr', 'Supprimer toutes mes données', "Les entrées de l'application dans le trousseau du système\u00a0: 2 clés d'API de profil"],
      ['es', 'Eliminar todos mis datos', 'Las entradas de la aplicación en el llavero del sistema: 2 claves API de perfil'],
    ] as const) {
      resetAll(language);
      installBridge(workingHandlers({ 'data:removalPlan': () => ok(plan()) }, appState({ settings: settings({ language }) })));
      const { unmount } = render(App);
      await fireEvent.click(await screen.findByRole('button', { name: language === 'fr' ? 'Paramètres' : 'Configuración' }));
      await fireEvent.click(screen.getByRole('button', { name: label }));
      const dialog = await screen.findByRole('dialog', { name: label });
      expect(dialog.textContent).toContain(entries);
      unmount();
    }
  });
});

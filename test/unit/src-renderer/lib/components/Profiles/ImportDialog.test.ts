// Import profiles: the file, the replace choice, and the report entry by entry (added, replaced, skipped, refused, keys to enter again).
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ImportReport } from '../../../../../../src-preload/contract/models';
import { appState, fail, installBridge, ok, profile, resetAll, workingHandlers } from '../../../helpers';

describe('import', () => {
  beforeEach(() => resetAll('en'));

  it('imports a file and reports added, replaced, skipped and invalid entries', async () => {
    const report: ImportReport = {
      added: 2,
      replaced: 1,
      skipped: [{ index: 3, name: 'Production' }],
      accessKeyDropped: [],
      invalid: [
        { index: 4, field: 'endpoint', messageKey: 'import.invalid.endpoint' },
        { index: 5, field: 'name', messageKey: 'import.invalid.duplicate-in-file' },
      ],
    };
    const imported = { ...profile, id: 'p8', name: 'Imported', accessKey: 'missing' as const, syncState: 'never' as const };
    const calls = installBridge(
      workingHandlers({
        'profiles:import': () => ok(report),
        'profiles:list': () => ok([profile, imported]),
      }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Import profiles' }));
    const dialog = screen.getByRole('dialog', { name: 'Import profiles' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByText('Choose a profiles file to import.')).toBeTruthy();
    const input = within(dialog).getByLabelText('Profiles file (JSON)') as HTMLInputElement;
    expect(input.accept).toContain('application/json');
    const file = new File(['{"profiles":[]}'], 'profiles.json', { type: 'application/json' });
    await fireEvent.change(input, { target: { files: [file] } });
    await fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Replace existing profiles with the same name and endpoint' }));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    const status = await within(dialog).findByRole('status');
    expect(calls.find((c) => c.channel === 'profiles:import')?.input).toEqual({ json: '{"profiles":[]}', replace: true });
    expect(status.textContent).toContain('2 profiles added');
    expect(status.textContent).toContain('1 profile replaced');
    expect(within(within(dialog).getByRole('list', { name: 'Skipped profiles' })).getByText('Production')).toBeTruthy();
    const invalid = within(dialog).getByRole('list', { name: 'Entries not imported' });
    expect(
      within(invalid)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim()),
    ).toEqual(['Entry 4, Endpoint: The endpoint is not a valid https:// URL.', 'Entry 5, Profile name: The same profile appears twice in the file.']);
    const nav = screen.getByRole('navigation', { name: 'Profiles' });
    await vi.waitFor(() => expect(within(nav).getByText('Imported', { selector: '.profile-name' })).toBeTruthy());
    expect(within(nav).getByText('Imported', { selector: '.profile-name' }).closest('button')?.textContent).toContain('API key needed');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows an import failure in words', async () => {
    installBridge(workingHandlers({ 'profiles:import': () => fail('store-read-only') }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Import profiles' }));
    const dialog = screen.getByRole('dialog', { name: 'Import profiles' });
    await fireEvent.change(within(dialog).getByLabelText('Profiles file (JSON)'), { target: { files: [new File(['[]'], 'p.json')] } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Settings are read-only');
  });
});

describe('import report', () => {
  beforeEach(() => resetAll('en'));

  it('lists the replaced profiles whose API key was dropped because their CA changed', async () => {
    const report: ImportReport = { added: 0, replaced: 2, skipped: [], invalid: [], accessKeyDropped: [{ index: 2, name: 'Production' }] };
    installBridge(
      workingHandlers({ 'profiles:import': () => ok(report), 'profiles:list': () => ok([{ ...profile, accessKey: 'missing' as const }]) }),
    );
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Import profiles' }));
    const dialog = screen.getByRole('dialog', { name: 'Import profiles' });
    await fireEvent.change(within(dialog).getByLabelText('Profiles file (JSON)'), {
      target: { files: [new File(['{}'], 'p.json', { type: 'application/json' })] },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    const status = await within(dialog).findByRole('status');
    expect(status.textContent).toContain('1 replaced profile has a new CA certificate: enter its API key again');
    const list = within(dialog).getByRole('list', { name: 'Profiles whose API key must be entered again (the CA changed)' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Production']);
  });
});

describe('import problems in words', () => {
  beforeEach(() => resetAll('en'));

  async function importReport(report: ImportReport): Promise<HTMLElement> {
    installBridge(workingHandlers({ 'profiles:import': () => ok(report) }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Import profiles' }));
    const dialog = screen.getByRole('dialog', { name: 'Import profiles' });
    await fireEvent.change(within(dialog).getByLabelText('Profiles file (JSON)'), { target: { files: [new File(['{"profiles": ['], 'p.json')] } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByRole('status');
    return dialog;
  }
  const empty = { added: 0, replaced: 0, skipped: [], accessKeyDropped: [] };

  it('a broken file says the file is not valid JSON (no "Entry 0")', async () => {
    const dialog = await importReport({ ...empty, invalid: [{ index: 0, field: '', messageKey: 'import.invalid.json' }] });
    expect(dialog.textContent).toContain('The file is not valid JSON.');
    expect(dialog.textContent).not.toContain('Entry 0');
    expect(dialog.textContent).not.toMatch(/entry could not be imported/);
  });

  it('one bad entry is named, with what is wrong (not "not a profiles export")', async () => {
    const dialog = await importReport({ ...empty, added: 1, invalid: [{ index: 2, field: 'entry', messageKey: 'import.invalid.entry' }] });
    const item = within(within(dialog).getByRole('list', { name: 'Entries not imported' })).getByRole('listitem');
    expect(item.textContent?.trim()).toBe('Entry 2: This entry is not a profile: it must be an object with a name and an endpoint.');
    expect(dialog.textContent).not.toContain('not a profiles export');
  });

  it('an imported profile that never had a key is not said to have kept one "for the last session only"', async () => {
    const imported = { ...profile, identity: null, accessKey: 'missing' as const, syncState: 'never' as const };
    installBridge(workingHandlers({}, appState({ profiles: [imported] })));
    render(App);
    expect(await screen.findByText(/^Enter the API key for this profile/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('last session');
  });
});

// Search across profiles, import report, export download, settings dialog.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import type { ImportReport, ProfileSummary } from '../../../src-preload/contract/models';
import { SEARCH_DEBOUNCE_MS } from '../../../src-renderer/src/lib/state/search.svelte';
import { appState, fail, installBridge, ok, profile, resetAll, sampleKeys, workingHandlers } from './helpers';

const staging: ProfileSummary = { ...profile, id: 'p2', name: 'Staging', endpoint: 'https://staging.example.net/api/v1' };

describe('search all keys', () => {
  beforeEach(() => resetAll('en'));

  it('searches cached lists after a pause and opens the profile of a hit', async () => {
    const calls = installBridge(workingHandlers({
      'keys:search': () => ok([{ profileId: 'p2', profileName: 'Staging', key: { ...sampleKeys[0]!, id: 'k7', name: 'Deploy bot' } }]),
    }, appState({ profiles: [profile, staging] })));
    render(App);
    const box = await screen.findByRole('searchbox', { name: 'Search all keys' });
    await fireEvent.input(box, { target: { value: 'd' } });
    await fireEvent.input(box, { target: { value: 'de' } });
    await fireEvent.input(box, { target: { value: 'dep' } });
    const results = await screen.findByRole('region', { name: 'Keys found' });
    const hit = await within(results).findByRole('button', { name: /Deploy bot/ });
    expect(hit.textContent).toContain('Staging');
    expect(hit.textContent).toContain('172.27.127.164');
    expect(hit.textContent).toMatch(/2024/);
    // Debounced: only the last query was sent.
    expect(calls.filter((c) => c.channel === 'keys:search').map((c) => (c.input as { query: string }).query)).toEqual(['dep']);
    await fireEvent.click(hit);
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'profiles:select').at(-1)?.input).toEqual({ profileId: 'p2' }));
    expect(screen.queryByRole('region', { name: 'Keys found' })).toBeNull();
  });

  it('says when nothing matches, and sends nothing for an empty query', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const calls = installBridge(workingHandlers({ 'keys:search': () => ok([]) }));
      render(App);
      const box = await screen.findByRole('searchbox', { name: 'Search all keys' });
      await fireEvent.input(box, { target: { value: '   ' } });
      // Well past the pause after which a query would be sent.
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 4);
      expect(calls.some((c) => c.channel === 'keys:search')).toBe(false);
      await fireEvent.input(box, { target: { value: 'zz' } });
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
      expect(await screen.findByText('No key matches in the saved lists.')).toBeTruthy();
      expect(calls.filter((c) => c.channel === 'keys:search').map((c) => c.input)).toEqual([{ query: 'zz', limit: 200 }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('import and export', () => {
  beforeEach(() => resetAll('en'));
  afterEach(() => vi.restoreAllMocks());

  it('imports a file and reports added, replaced, skipped and invalid entries', async () => {
    const report: ImportReport = {
      added: 2, replaced: 1,
      skipped: [{ index: 3, name: 'Production' }],
      accessKeyDropped: [],
      invalid: [{ index: 4, field: 'endpoint', messageKey: 'import.invalid.endpoint' }, { index: 5, field: 'name', messageKey: 'import.invalid.duplicate-in-file' }],
    };
    const imported = { ...profile, id: 'p8', name: 'Imported', accessKey: 'missing' as const, syncState: 'never' as const };
    const calls = installBridge(workingHandlers({
      'profiles:import': () => ok(report),
      'profiles:list': () => ok([profile, imported]),
    }));
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
    expect(within(invalid).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      'Entry 4, Endpoint: The endpoint is not a valid https:// URL.',
      'Entry 5, Profile name: The same profile appears twice in the file.',
    ]);
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

  it('exports through a Blob download named cloudmc-profiles.json', async () => {
    const created: Blob[] = [];
    const clicked: HTMLAnchorElement[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test/1';
    };
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const calls = installBridge(workingHandlers({ 'profiles:export': () => ok({ json: '{"version":1,"profiles":[]}', count: 1 }) }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Export profiles' }));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(calls.find((c) => c.channel === 'profiles:export')?.input).toEqual({});
    expect(clicked[0]!.download).toBe('cloudmc-profiles.json');
    expect(clicked[0]!.href).toBe('blob:test/1');
    expect(await created[0]!.text()).toBe('{"version":1,"profiles":[]}');
    expect(await screen.findByText('1 profile exported')).toBeTruthy();
  });
});

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
    expect(calls.find((c) => c.channel === 'settings:update')?.input).toEqual({ clipboardClearSeconds: 0 });
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
});

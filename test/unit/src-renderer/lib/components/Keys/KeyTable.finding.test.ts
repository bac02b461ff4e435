// Finding a key in the key table: "Filter keys" (name, last IP, as you type), sort buttons in the headers with aria-sort,
// honest counts, the Created column, windowing that stays right under filter and sort, cut texts whole in titles, rows
// that are `key-row-<id>` and focusable by script, and a requested key (a search result) scrolled to, highlighted and focused.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import KeyTable from '../../../../../../src-renderer/src/lib/components/Keys/KeyTable.svelte';
import type { ApiKeyView } from '../../../../../../src-renderer/src/lib/state/contract-types';
import { KEY_ROW_HEIGHT as ROW_HEIGHT } from '../../../../../../src-renderer/src/lib/format';
import { appState, installBridge, manyKeys, ok, profile, refreshAnswer, resetAll, workingHandlers } from '../../../helpers';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';

const noop = () => undefined;
const longIp = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';

// As main orders them: newest first.
const keys: ApiKeyView[] = [
  { id: 'k1', name: 'nightly-backup', creationDate: '2024-05-01T10:00:00Z', lastUsedDate: '2024-05-03T10:00:00Z', lastUsedIp: longIp },
  { id: 'k2', name: 'Deploy bot', creationDate: '2024-04-01T10:00:00Z', lastUsedDate: '2024-06-01T10:00:00Z', lastUsedIp: '10.0.0.9' },
  { id: 'k3', name: 'alpha', creationDate: '2024-03-01T10:00:00Z', lastUsedDate: null, lastUsedIp: null },
  { id: 'k4', name: 'Backup restore', creationDate: '2024-02-01T10:00:00Z', lastUsedDate: '2024-02-02T10:00:00Z', lastUsedIp: '9.9.9.9' },
];

function names(): string[] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .filter((r) => r.id.startsWith('key-row-'))
    .map((r) => r.querySelector('td bdi')?.textContent ?? '');
}
const header = (name: string): HTMLElement => screen.getByRole('columnheader', { name });
const filterBox = (): HTMLElement => screen.getByRole('searchbox', { name: 'Filter keys' });

describe('filter keys', () => {
  beforeEach(() => resetAll('en'));

  it('filters by name and by last IP, case-insensitively, as you type, with honest counts', async () => {
    render(KeyTable, { keys, onedit: noop, onrevoke: noop });
    expect(screen.getByRole('status').textContent).toBe('4 keys');
    await fireEvent.input(filterBox(), { target: { value: 'BACKUP' } });
    expect(names()).toEqual(['nightly-backup', 'Backup restore']);
    expect(screen.getByRole('status').textContent).toBe('2 of 4 shown');
    await fireEvent.input(filterBox(), { target: { value: '2001:0DB8' } });
    expect(names()).toEqual(['nightly-backup']);
    await fireEvent.input(filterBox(), { target: { value: 'zzz' } });
    expect(names()).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('0 of 4 shown');
    expect(screen.getByText(/No key matches/).textContent).toContain('zzz');
    await fireEvent.input(filterBox(), { target: { value: '' } });
    expect(names()).toHaveLength(4);
  });

  it('says the counts in French and Spanish, in the region format', async () => {
    await resetAll('fr');
    const { unmount } = render(KeyTable, { keys: manyKeys(4812), onedit: noop, onrevoke: noop });
    expect(screen.getByRole('searchbox', { name: 'Filtrer les clés' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^4\s812 clés$/);
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Filtrer les clés' }), { target: { value: 'key 00' } });
    expect(screen.getByRole('status').textContent).toMatch(/^999 sur 4\s812 affichées$/);
    unmount();
    await resetAll('es');
    render(KeyTable, { keys: manyKeys(1), onedit: noop, onrevoke: noop });
    expect(screen.getByRole('status').textContent).toBe('1 clave');
    expect(screen.getByRole('columnheader', { name: 'Creada' })).toBeTruthy();
  });
});

describe('sortable columns', () => {
  beforeEach(() => resetAll('en'));

  it("shows main's order with Created descending, then sorts by each column with aria-sort on its header", async () => {
    render(KeyTable, { keys, onedit: noop, onrevoke: noop });
    expect(names()).toEqual(['nightly-backup', 'Deploy bot', 'alpha', 'Backup restore']);
    expect(header('Created').getAttribute('aria-sort')).toBe('descending');
    for (const name of ['Name', 'Last IP', 'Last activity']) expect(header(name).getAttribute('aria-sort')).toBe('none');

    const sortBy = (name: string) => fireEvent.click(within(header(name)).getByRole('button', { name }));
    await sortBy('Name');
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Created').getAttribute('aria-sort')).toBe('none');
    expect(names()).toEqual(['alpha', 'Backup restore', 'Deploy bot', 'nightly-backup']);
    await sortBy('Name');
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['nightly-backup', 'Deploy bot', 'Backup restore', 'alpha']);
    await sortBy('Last IP');
    expect(header('Last IP').getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Backup restore', 'Deploy bot', 'nightly-backup', 'alpha']);
    await sortBy('Last activity');
    expect(header('Last activity').getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Deploy bot', 'nightly-backup', 'Backup restore', 'alpha']);
    await sortBy('Created');
    expect(header('Created').getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['nightly-backup', 'Deploy bot', 'alpha', 'Backup restore']);
    await sortBy('Created');
    expect(header('Created').getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Backup restore', 'alpha', 'Deploy bot', 'nightly-backup']);
  });

  it('keeps a filter while sorting, and a sort while filtering', async () => {
    render(KeyTable, { keys, onedit: noop, onrevoke: noop });
    await fireEvent.input(filterBox(), { target: { value: 'backup' } });
    await fireEvent.click(within(header('Name')).getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['Backup restore', 'nightly-backup']);
    await fireEvent.input(filterBox(), { target: { value: 'b' } });
    expect(names()).toEqual(['Backup restore', 'Deploy bot', 'nightly-backup']);
  });
});

describe('windowing under filter and sort', () => {
  beforeEach(() => resetAll('en'));

  it('windows the filtered and sorted list with honest row counts and spacers', async () => {
    render(KeyTable, { keys: manyKeys(5000), onedit: noop, onrevoke: noop });
    await fireEvent.input(filterBox(), { target: { value: 'key 04' } });
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(names()[0]).toBe('Key 04000');
    await fireEvent.click(within(header('Name')).getByRole('button', { name: 'Name' }));
    await fireEvent.click(within(header('Name')).getByRole('button', { name: 'Name' }));
    expect(names()[0]).toBe('Key 04999');
    const scroller = table.closest('.scroller') as HTMLElement;
    scroller.scrollTop = 500 * ROW_HEIGHT;
    await fireEvent.scroll(scroller);
    const rows = within(table)
      .getAllByRole('row')
      .filter((r) => r.id.startsWith('key-row-'));
    expect(rows.length).toBeLessThan(60);
    const first = Number(rows[0]!.getAttribute('aria-rowindex'));
    expect(names()[0]).toBe(`Key ${String(4999 - (first - 2)).padStart(5, '0')}`);
    const spacers = table.querySelectorAll<HTMLElement>('tr.spacer');
    const total = [...spacers].reduce((sum, s) => sum + parseFloat(s.style.height), 0) + rows.length * ROW_HEIGHT;
    expect(total).toBe(1000 * ROW_HEIGHT);
  });

  it('goes back to the first row when the filter changes', async () => {
    render(KeyTable, { keys: manyKeys(5000), onedit: noop, onrevoke: noop });
    const scroller = screen.getByRole('table').closest('.scroller') as HTMLElement;
    scroller.scrollTop = 3000 * ROW_HEIGHT;
    await fireEvent.scroll(scroller);
    await fireEvent.input(filterBox(), { target: { value: 'key 0' } });
    expect(scroller.scrollTop).toBe(0);
    expect(names()[0]).toBe('Key 00001');
  });
});

describe('rows, cut texts and the Created column', () => {
  beforeEach(() => resetAll('en'));

  it('gives every row the id key-row-<id>, focusable by script only', () => {
    render(KeyTable, { keys, onedit: noop, onrevoke: noop });
    for (const key of keys) {
      const row = document.getElementById(`key-row-${key.id}`);
      expect(row?.tagName).toBe('TR');
      expect(row?.getAttribute('tabindex')).toBe('-1');
    }
  });

  it('keeps the whole name, address and dates in the row (title and accessible name), however narrow the column', () => {
    const long = 'a very long key name that the fixed Name column cuts with an ellipsis';
    render(KeyTable, { keys: [{ ...keys[0]!, name: long }], onedit: noop, onrevoke: noop });
    const row = document.getElementById('key-row-k1')!;
    expect(within(row).getByRole('cell', { name: long })).toBeTruthy();
    expect(row.querySelector(`[title="${long}"]`)).not.toBeNull();
    expect(within(row).getByRole('cell', { name: longIp }).querySelector(`[title="${longIp}"]`)).not.toBeNull();
    // The dates show relative; the absolute date and time is the title (hover) and what row focus shows.
    const created = row.querySelector('time[datetime="2024-05-01T10:00:00Z"]')!;
    expect(created.textContent).toMatch(/ago/);
    expect(created.closest('[title]')?.getAttribute('title')).toMatch(/2024/);
    expect(created.closest('[data-full]')?.getAttribute('data-full')).toMatch(/2024/);
  });
});

describe('a requested key', () => {
  beforeEach(() => resetAll('en'));

  it('is scrolled into the window, highlighted and focused in a 5,000-key list', async () => {
    const onrevealed = vi.fn();
    const view = render(KeyTable, { keys: manyKeys(5000), onedit: noop, onrevoke: noop, onrevealed });
    expect(document.getElementById('key-row-k3210')).toBeNull();
    await view.rerender({ keys: manyKeys(5000), onedit: noop, onrevoke: noop, onrevealed, reveal: { keyId: 'k3210', seq: 7 } });
    await vi.waitFor(() => expect(onrevealed).toHaveBeenCalledWith(7));
    const row = document.getElementById('key-row-k3210')!;
    expect(document.activeElement).toBe(row);
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(row.getAttribute('aria-rowindex')).toBe('3211');
  });

  it('clears a filter that hides it', async () => {
    const onrevealed = vi.fn();
    const view = render(KeyTable, { keys, onedit: noop, onrevoke: noop, onrevealed });
    await fireEvent.input(filterBox(), { target: { value: 'alpha' } });
    await view.rerender({ keys, onedit: noop, onrevoke: noop, onrevealed, reveal: { keyId: 'k2', seq: 1 } });
    await vi.waitFor(() => expect(onrevealed).toHaveBeenCalledWith(1));
    expect((filterBox() as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(document.getElementById('key-row-k2'));
  });

  it('from Search all keys: opens its profile, and its row is focused and highlighted; the search says 200 of N shown', async () => {
    const big: ProfileSummary = { ...profile, id: 'p2', name: 'Big' };
    const hits = manyKeys(200).map((key) => ({ profileId: 'p2', profileName: 'Big', key }));
    installBridge(
      workingHandlers(
        {
          'keys:search': (input: never) => {
            const query = (input as { query: string }).query;
            return query === 'key'
              ? ok({ hits, total: 4812, unsearched: 0 })
              : ok({ hits: [{ profileId: 'p2', profileName: 'Big', key: manyKeys(5000)[4321]! }], total: 1, unsearched: 0 });
          },
          'keys:refresh': (input: never) =>
            (input as { profileId: string }).profileId === 'p2' ? refreshAnswer(big, manyKeys(5000)) : refreshAnswer(profile),
        },
        appState({ profiles: [profile, big] }),
      ),
    );
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    const box = screen.getByRole('searchbox', { name: 'Search all keys' });
    await fireEvent.input(box, { target: { value: 'key' } });
    expect(await screen.findByText('200 of 4,812 shown')).toBeTruthy();
    await fireEvent.input(box, { target: { value: 'Key 04322' } });
    const hit = await screen.findByRole('button', { name: /Key 04322/ });
    await fireEvent.click(hit);
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('key-row-k4322'));
    expect(document.activeElement?.getAttribute('aria-current')).toBe('true');
  });
});

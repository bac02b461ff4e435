// Scale: 5,000 keys and 300 profiles render only the rows in view, with honest spacers and ARIA row indexes.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import KeyTable from '../../../src-renderer/src/lib/components/Keys/KeyTable.svelte';
import { rowWindow, KEY_ROW_HEIGHT as ROW_HEIGHT } from '../../../src-renderer/src/lib/format';
import { appState, installBridge, manyKeys, manyProfiles, profile, refreshAnswer, resetAll, workingHandlers } from './helpers';

const noop = () => undefined;

function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('table')).getAllByRole('row').filter((r) => r.hasAttribute('aria-rowindex') && r.getAttribute('aria-rowindex') !== '1');
}

async function scrollTo(element: HTMLElement, top: number): Promise<void> {
  element.scrollTop = top;
  await fireEvent.scroll(element);
}

describe('windowed key table', () => {
  beforeEach(() => resetAll('en'));

  it('renders far fewer than 5,000 rows, with aria-rowcount and aria-rowindex', () => {
    render(KeyTable, { keys: manyKeys(5000), onedit: noop, onrevoke: noop });
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(within(rows[0]!).getByText('Key 00001')).toBeTruthy();
    const spacer = table.querySelector<HTMLElement>('tr.spacer');
    expect(spacer?.style.height).toBe(`${(5000 - rows.length) * ROW_HEIGHT}px`);
  });

  it('shows the right rows after a scroll, keeping the spacers honest', async () => {
    render(KeyTable, { keys: manyKeys(5000), onedit: noop, onrevoke: noop });
    const scroller = screen.getByRole('table').parentElement as HTMLElement;
    await scrollTo(scroller, 2500 * ROW_HEIGHT);
    const rows = bodyRows();
    expect(rows.length).toBeLessThan(60);
    const names = rows.map((r) => r.querySelector('td bdi')?.textContent);
    expect(names).toContain('Key 02501');
    expect(names).not.toContain('Key 00001');
    const first = Number(rows[0]!.getAttribute('aria-rowindex'));
    expect(names[0]).toBe(`Key ${String(first - 1).padStart(5, '0')}`);
    const spacers = screen.getByRole('table').querySelectorAll<HTMLElement>('tr.spacer');
    expect(spacers).toHaveLength(2);
    const total = parseFloat(spacers[0]!.style.height) + parseFloat(spacers[1]!.style.height) + rows.length * ROW_HEIGHT;
    expect(total).toBe(5000 * ROW_HEIGHT);
    await scrollTo(scroller, 4999 * ROW_HEIGHT);
    expect(bodyRows().at(-1)?.querySelector('td bdi')?.textContent).toBe('Key 05000');
  });

  it('keeps a short list plain (no windowing attributes)', () => {
    render(KeyTable, { keys: manyKeys(20), onedit: noop, onrevoke: noop });
    expect(screen.getByRole('table').hasAttribute('aria-rowcount')).toBe(false);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(21);
  });

  it('computes windows that never run past the ends', () => {
    expect(rowWindow(0, 56, 0, 600)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    const w = rowWindow(10, 56, 99999, 600);
    expect(w.end).toBe(10);
    expect(w.before + w.after + (w.end - w.start) * 56).toBe(560);
  });

  it('works through the App with 5,000 keys and Playwright-style row queries', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => refreshAnswer(profile, manyKeys(5000)) }));
    render(App);
    expect(await screen.findByRole('cell', { name: 'Key 00003' })).toBeTruthy();
    expect(bodyRows().length).toBeLessThan(60);
    expect(within(bodyRows()[0]!).getByRole('button', { name: 'Edit API key' })).toBeTruthy();
  });
});

describe('windowed sidebar', () => {
  beforeEach(() => resetAll('en'));

  it('renders only part of 300 profiles, and search still finds any of them', async () => {
    installBridge(workingHandlers({}, appState({ profiles: manyProfiles(300), lastProfileId: 'p1' })));
    render(App);
    const nav = await screen.findByRole('navigation', { name: 'Profiles' });
    const items = () => within(nav).getAllByRole('listitem');
    expect(items().length).toBeLessThan(40);
    expect(items()[0]!.getAttribute('aria-setsize')).toBe('300');
    expect(items()[0]!.getAttribute('aria-posinset')).toBe('1');
    await fireEvent.input(within(nav).getByRole('searchbox', { name: 'Search profiles' }), { target: { value: 'host287.' } });
    expect(items().map((li) => li.querySelector('.profile-name')?.textContent)).toEqual(['Profile 287']);
  });
});

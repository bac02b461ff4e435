// The key table: 5,000 keys render only the rows in view (honest spacers, ARIA row indexes); API text rendered as text; row actions disabled with the reason.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import KeyTable from '../../../../../../src-renderer/src/lib/components/Keys/KeyTable.svelte';
import { KEY_ROW_HEIGHT as ROW_HEIGHT } from '../../../../../../src-renderer/src/lib/format';
import { installBridge, manyKeys, profile, refreshAnswer, resetAll, workingHandlers } from '../../../helpers';

const noop = () => undefined;

function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('aria-rowindex') && r.getAttribute('aria-rowindex') !== '1');
}

async function scrollTo(element: HTMLElement, top: number): Promise<void> {
  element.scrollTop = top;
  await fireEvent.scroll(element);
}

const evil = '<img src=x onerror=alert(1)>';

const key = { id: 'k1', name: evil, creationDate: '2024-01-01T00:00:00Z', lastUsedDate: null, lastUsedIp: '<b>1.2.3.4</b>' };

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

  it('works through the App with 5,000 keys and Playwright-style row queries', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => refreshAnswer(profile, manyKeys(5000)) }));
    render(App);
    expect(await screen.findByRole('cell', { name: 'Key 00003' })).toBeTruthy();
    expect(bodyRows().length).toBeLessThan(60);
    expect(within(bodyRows()[0]!).getByRole('button', { name: /^Edit API key / })).toBeTruthy();
  });
});

describe('key names are text', () => {
  beforeEach(() => resetAll('en'));

  it('in the table', () => {
    const { container } = render(KeyTable, { keys: [key], onedit: vi.fn(), onrevoke: vi.fn() });
    expect(screen.getByRole('cell', { name: evil }).textContent?.trim()).toBe(evil);
    expect(screen.getByText('<b>1.2.3.4</b>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('td b')).toBeNull();
  });
});

describe('table', () => {
  beforeEach(() => resetAll('fr'));

  it('says "never used" and shows a dash for a missing IP, and disables row actions with the reason', () => {
    render(KeyTable, { keys: [{ ...key, name: 'k', lastUsedIp: null }], disabledReason: 'Hors ligne', onedit: vi.fn(), onrevoke: vi.fn() });
    expect(screen.getByText('Jamais utilisée')).toBeTruthy();
    expect(screen.getByRole('cell', { name: '—' })).toBeTruthy();
    const edit = screen.getAllByRole('button', { name: /^Modification de la clé d'API / })[0]! as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    expect(edit.title).toBe('Hors ligne');
    expect((screen.getAllByRole('button', { name: /^Révoquer la clé d'API / })[0]! as HTMLButtonElement).disabled).toBe(true);
  });
});

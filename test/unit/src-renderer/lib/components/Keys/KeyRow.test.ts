// Items 2, 3 and 7 on one row: a rotation as a linked pair (old keeps its name, "Retiring" with a countdown, "replaced by …"; the new
// says "replaces …"), the "used recently" question as a translated in-row prompt with two styled answers, the name alone on its line,
// and the Note action writing through main (its field error under the field) with the note shown on the row.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import KeyTable from '../../../../../../src-renderer/src/lib/components/Keys/KeyTable.svelte';
import { rotationView } from '../../../../rotation-fixtures';
import { fail, installBridge, ok, polyfillDialog, resetAll, sampleKeys, workingHandlers } from '../../../helpers';

const noop = () => undefined;
const bare = (text: string | null | undefined): string =>
  (text ?? '')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const pair = [{ ...sampleKeys[0]!, id: 'k-new', name: 'Update KB (rotated)' }, sampleKeys[0]!];
const inAnHour = new Date(Date.now() + 3_600_000).toISOString();

describe('a rotation in the table (item 2)', () => {
  beforeEach(() => resetAll('fr'));

  it('shows old → new: the old row keeps its name, "Retiring" with a countdown and "replaced by"; the new row "replaces"', () => {
    const r = rotationView({ status: 'retiring', newKeyName: 'Update KB (rotated)', retireAt: inAnHour });
    render(KeyTable, { keys: pair, onedit: noop, onrevoke: noop, retiring: { k1: r }, replacing: { 'k-new': r } });
    const oldRow = document.getElementById('key-row-k1')!;
    expect(within(oldRow).getByRole('cell', { name: /^Update KB/ })).toBeTruthy();
    expect(bare(oldRow.textContent)).toMatch(/Retrait prévu\s*· dans (\d+ minutes|1 heure)/);
    expect(bare(oldRow.textContent)).toContain('remplacée par Update KB (rotated)');
    expect(bare(document.getElementById('key-row-k-new')!.textContent)).toContain('remplace Update KB');
  });

  it('asks "used recently: revoke anyway?" in the row, translated, with two styled answers and the whole sentence as its description', () => {
    const r = rotationView({ status: 'needs-confirmation', retireAt: inAnHour, lastUse: { ip: '10.0.0.1', at: '2026-12-07T10:30:00.000Z' } });
    render(KeyTable, { keys: pair, onedit: noop, onrevoke: noop, retiring: { k1: r } });
    const prompt = screen.getByRole('group', { name: 'Utilisée récemment\u00a0: révoquer quand même\u202f?' });
    for (const answer of within(prompt).getAllByRole('button')) expect(answer.classList.contains('answer')).toBe(true);
    expect(
      within(prompt)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Révoquer quand même', "Garder l'ancienne clé"]);
    expect(bare(document.getElementById(prompt.getAttribute('aria-describedby')!)?.textContent)).toContain('10.0.0.1');
    // The question takes the data columns: no IP cell for the prompt to be drawn over.
    expect(document.getElementById('key-row-k1')!.querySelector('td.ip')).toBeNull();
  });
});

describe('names have the room (item 3)', () => {
  beforeEach(() => resetAll('en'));

  it('keeps the name alone on its line: badges go under it', () => {
    render(KeyTable, { keys: sampleKeys, onedit: noop, onrevoke: noop, storedIds: new Set(['k1']), ownKeyId: 'k1' });
    const line = document.getElementById('key-row-k1')!.querySelector('td.name .line')!;
    expect(line.querySelector('.badge')).toBeNull();
    expect(bare(line.textContent)).toBe('Update KB');
  });
});

describe('notes (item 7)', () => {
  beforeEach(() => {
    resetAll('en');
    polyfillDialog();
  });

  it('Note opens a dialog with a Note field; main stores it, its field error shows under the field, and the row shows the note', async () => {
    const long = 'x'.repeat(600);
    installBridge(
      workingHandlers({
        'health:notes': () => ok({}),
        'health:setNote': (input: never) => {
          const { note } = input as { note: string };
          return note.length > 500
            ? fail('invalid-input', { messageKey: 'notes.tooLong', details: { field: 'note', reason: 'too-long', max: 500 } })
            : ok({ note: note.trim() });
        },
      }),
    );
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    await fireEvent.click(screen.getByRole('button', { name: 'Note Update KB' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('textbox', { name: 'Note' });
    await fireEvent.input(field, { target: { value: long } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(bare(dialog.textContent)).toContain('A note can have at most 500 characters.');
    await fireEvent.input(field, { target: { value: 'rotated by the night shift' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await expect.poll(() => bare(document.getElementById('key-row-k1')?.textContent)).toContain('rotated by the night shift');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Note Update KB');
  });
});

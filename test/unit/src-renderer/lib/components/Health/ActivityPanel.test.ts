// The Activity panel says how many entries of CloudMC's answer main could not read (promise 42), in the user's language with plural forms.
import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import ActivityPanel from '../../../../../../src-renderer/src/lib/components/Health/ActivityPanel.svelte';
import { health } from '../../../../../../src-renderer/src/lib/state/health.svelte';
import type { ActivityView } from '../../../../../../src-preload/contract/health';
import { installBridge, ok, resetAll } from '../../../helpers';

const entry = {
  id: 'a1',
  created: '2025-05-01T10:00:00Z',
  eventCode: 'users.login',
  eventKey: 'activity.event.users.login',
  category: 'USER',
  status: 'SUCCESS',
  statusKey: 'activity.statusValue.SUCCESS',
  requesterIp: '192.0.2.10',
  ipStatus: 'new',
  keyName: null,
} as const;

/** The view main answers, live, with `skipped` unreadable and `older` not kept. */
const viewOf = (skipped: number, older = 0, entries: ActivityView['entries'] = [entry]): ActivityView => ({
  profileId: 'p1',
  entries,
  syncedAt: '2025-05-02T10:00:00Z',
  source: 'live',
  failure: null,
  skipped,
  older,
});

async function showPanel(view: ActivityView): Promise<void> {
  installBridge({ 'health:cachedActivity': () => ok(view), 'health:activity': () => ok(view) });
  render(ActivityPanel, { profileId: 'p1' });
  await screen.findByRole('table');
}

describe('the Activity panel: entries that could not be read', () => {
  beforeEach(() => health.reset());

  it.each([
    ['en', 2528, /^2,528 entries could not be read$/],
    ['en', 1, /^1 entry could not be read$/],
    ['fr', 2528, /^2\s528 entrées n'ont pas pu être lues$/],
    ['fr', 1, /^1 entrée n'a pas pu être lue$/],
    ['es', 2528, /^2528 entradas no se pudieron leer$/],
    ['es', 1, /^1 entrada no se pudo leer$/],
  ] as const)('%s, %i unreadable: says so beside the entries', async (language, skipped, text) => {
    resetAll(language);
    await showPanel(viewOf(skipped));
    expect(screen.getByText(text)).toBeTruthy();
  });

  it('says nothing of the kind when main could read every entry; says how many older entries are not kept', async () => {
    resetAll('en');
    await showPanel(viewOf(0, 250));
    expect(screen.queryByText(/could not be read/)).toBeNull();
    expect(screen.getByText('250 older entries are not shown')).toBeTruthy();
  });
});

describe("the Activity panel: every cell in the user's language, the key named", () => {
  beforeEach(() => health.reset());

  const generated = {
    ...entry,
    id: 'a2',
    eventCode: 'api_key.generated',
    eventKey: 'activity.event.api_key.generated',
    keyName: 'nightly-backup',
  } as const;

  it.each([
    ['en', ['When', 'Event', 'IP address', 'Status'], 'Succeeded'],
    ['fr', ['Date', 'Événement', 'Adresse IP', 'Statut'], 'Réussi'],
    ['es', ['Fecha', 'Evento', 'Dirección IP', 'Estado'], 'Correcto'],
  ] as const)('%s: column headers are words, and the status is translated', async (language, headers, success) => {
    resetAll(language);
    await showPanel(viewOf(0, 0, [entry]));
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(headers);
    expect(document.body.textContent).not.toContain('[object Object]');
    expect(document.body.textContent).not.toContain('SUCCESS');
    expect(screen.getByText(success)).toBeTruthy();
  });

  it('shows a status the app does not know as it came', async () => {
    resetAll('en');
    await showPanel(viewOf(0, 0, [{ ...entry, status: 'PARTIAL', statusKey: null }]));
    expect(screen.getByText('PARTIAL')).toBeTruthy();
  });

  it('names the key the event is about, as text', async () => {
    resetAll('en');
    await showPanel(viewOf(0, 0, [generated, { ...generated, id: 'a3', keyName: '<img src=x onerror=alert(1)>' }]));
    const [, first, second] = screen.getAllByRole('row');
    expect(within(first!).getByText('nightly-backup').closest('bdi')).not.toBeNull();
    expect(first!.textContent).toContain('API key generated');
    expect(within(second!).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('takes the focus when it opens (its heading), so it is brought into view', async () => {
    resetAll('en');
    await showPanel(viewOf(0));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Activity' }));
  });
});

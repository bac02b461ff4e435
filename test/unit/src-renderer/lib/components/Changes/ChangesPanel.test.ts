// "Changes since your last visit" on the key screen (issue 19, beyond the anchors): main's changes shown as a one-line bar above the
// key table (heading with counts), the items naming each key when shown, translated in en, fr and es; "Mark as seen" asks main and the
// bar goes; nothing shown when main reports no change; names are text, never markup.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ProfileChangesView } from '../../../../../../src-preload/contract/health';
import { appState, installBridge, keysView, ok, resetAll, settings, workingHandlers } from '../../../helpers';

const plain = (text: string | null): string => (text ?? '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

const changed = (over: Partial<ProfileChangesView> = {}): ProfileChangesView => ({
  profileId: 'p1',
  profileName: 'Production',
  visitedAt: '2024-03-10T09:00:00.000Z',
  syncedAt: '2024-03-12T09:00:00.000Z',
  counts: { newKeys: 1, revokedKeys: 1, newIps: 0, firstUsed: 1 },
  items: [
    { kind: 'newKeys', keyId: 'k1', keyName: 'Update KB', at: '2024-03-11T10:00:00.000Z', ip: null },
    { kind: 'revokedKeys', keyId: 'k7', keyName: '<img src=x onerror=alert(1)>old', at: null, ip: null },
    { kind: 'firstUsed', keyId: 'k1', keyName: 'nightly-backup', at: '2024-03-11T16:55:27.000Z', ip: '203.0.113.7' },
  ],
  ...over,
});
const none = changed({ counts: { newKeys: 0, revokedKeys: 0, newIps: 0, firstUsed: 0 }, items: [] });

const cases = [
  {
    language: 'en',
    title: 'Changes since your last visit',
    counts: '1 new key, 1 revoked key, 1 key used for the first time',
    show: 'Show changes',
    mark: 'Mark as seen',
    item: 'nightly-backup: first used from 203.0.113.7',
  },
  {
    language: 'fr',
    title: 'Changements depuis votre dernière visite',
    counts: '1 nouvelle clé, 1 clé révoquée, 1 clé utilisée pour la première fois',
    show: 'Afficher les changements',
    mark: 'Marquer comme vu',
    item: 'nightly-backup : utilisée pour la première fois depuis 203.0.113.7',
  },
  {
    language: 'es',
    title: 'Cambios desde su última visita',
    counts: '1 clave nueva, 1 clave revocada, 1 clave usada por primera vez',
    show: 'Mostrar cambios',
    mark: 'Marcar como visto',
    item: 'nightly-backup: usada por primera vez desde 203.0.113.7',
  },
] as const;

describe('changes since the last visit, on the key screen', () => {
  for (const c of cases)
    it(`shows main's changes above the key table, items on request (${c.language})`, async () => {
      resetAll(c.language);
      installBridge(
        workingHandlers(
          { 'keys:refresh': () => ok(keysView()), 'changes:forProfile': () => ok(changed()) },
          appState({ settings: settings({ language: c.language }) }),
        ),
      );
      render(App);
      const panel = await screen.findByRole('region', { name: c.title });
      expect(plain(within(panel).getByRole('heading', { level: 2 }).textContent)).toBe(c.title);
      expect(plain(panel.textContent)).toContain(c.counts);
      // Above the key table, in document order.
      const table = await screen.findByRole('table');
      expect(panel.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      const toggle = within(panel).getByRole('button', { name: c.show });
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(within(panel).queryByRole('list')).toBeNull(); // collapsed: the items are hidden
      await fireEvent.click(toggle);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      expect(
        within(panel)
          .getAllByRole('listitem')
          .map((li) => plain(li.textContent).trim()),
      ).toContain(c.item);
      expect(document.querySelector('img')).toBeNull();
      expect(within(panel).getByRole('button', { name: c.mark })).toBeTruthy();
    });

  beforeEach(() => resetAll('en'));

  it('"Mark as seen" asks main for this profile, and the bar goes', async () => {
    let answer = changed();
    const calls = installBridge(
      workingHandlers({
        'keys:refresh': () => ok(keysView()),
        'changes:forProfile': () => ok(answer),
        'changes:markSeen': () => {
          answer = none;
          return ok(none);
        },
      }),
    );
    render(App);
    const panel = await screen.findByRole('region', { name: 'Changes since your last visit' });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Mark as seen' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Changes since your last visit' })).toBeNull());
    expect(calls.filter((call) => call.channel === 'changes:markSeen').map((call) => call.input)).toEqual([{ profileId: 'p1' }]);
  });

  it('shows nothing when main reports no change (or a first visit)', async () => {
    const calls = installBridge(workingHandlers({ 'keys:refresh': () => ok(keysView()), 'changes:forProfile': () => ok(none) }));
    render(App);
    await screen.findByRole('table');
    await waitFor(() => expect(calls.some((call) => call.channel === 'changes:forProfile')).toBe(true));
    expect(screen.queryByRole('region', { name: 'Changes since your last visit' })).toBeNull();
  });

  it('asks again when main sends a new list (a refresh)', async () => {
    let answer = none;
    const calls = installBridge(workingHandlers({ 'keys:refresh': () => ok(keysView()), 'changes:forProfile': () => ok(answer) }));
    render(App);
    await screen.findByRole('table');
    answer = changed();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await screen.findByRole('region', { name: 'Changes since your last visit' });
    expect(calls.filter((call) => call.channel === 'changes:forProfile').length).toBeGreaterThan(1);
  });
});

// One-time keys still open in main after a reload: shown again without their value, copy/store/dismiss by secretId.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { PendingSecretView } from '../../../../../src-preload/contract/models';
import en from '../../../../../src-renderer/src/lib/i18n/locales/en.json';
import fr from '../../../../../src-renderer/src/lib/i18n/locales/fr.json';
import es from '../../../../../src-renderer/src/lib/i18n/locales/es.json';
import { secrets } from '../../../../../src-renderer/src/lib/state/secrets.svelte';
import { appState, fail, type Handlers, installBridge, ok, resetAll, settings, workingHandlers } from '../../helpers';

const PENDING_TEXT =
  'The API key Night job was generated but not saved yet. Its value is still held by the app until you dismiss this: copy it or store it in the keychain now.';

function view(overrides: Partial<PendingSecretView> = {}): PendingSecretView {
  return { secretId: 's7', profileId: 'p1', keyId: 'k7', keyName: 'Night job', copied: false, stored: false, ...overrides };
}

function start(pending: PendingSecretView[], overrides: Handlers = {}, language: 'en' | 'fr' = 'en') {
  const calls = installBridge(
    workingHandlers(
      {
        'secrets:listPending': () => ok(pending),
        'secrets:copy': () => ok({ clearAfterSeconds: 30 }),
        'secrets:store': () => ok(null),
        'secrets:dismiss': () => ok(null),
        'copies:list': () => ok([]),
        ...overrides,
      },
      appState({ settings: settings({ language }) }),
    ),
  );
  render(App);
  return calls;
}

describe('pending one-time keys after a reload', () => {
  beforeEach(() => resetAll('en'));

  it('asks main for them with the app state, and shows each without a value field or Show/Hide', async () => {
    const calls = start([view()]);
    const region = await screen.findByRole('region', { name: 'Key generated' });
    expect(calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['app:getState', 'secrets:listPending']));
    expect(region.textContent).toContain(PENDING_TEXT);
    expect(within(region).getByText('Night job').closest('strong > bdi')).not.toBeNull();
    expect(within(region).queryByLabelText('API key')).toBeNull();
    expect(region.querySelector('input')).toBeNull();
    expect(within(region).queryByRole('button', { name: 'Show API key' })).toBeNull();
    expect(within(region).queryByRole('button', { name: 'Hide API key' })).toBeNull();
    expect(within(region).getByRole('button', { name: 'Copy API key' })).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Store in keychain' })).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Dismiss' })).toBeTruthy();
    expect(secrets.items[0]).toMatchObject({ secretId: 's7', value: '', restored: true });
  });

  it('copies and stores through main by secretId', async () => {
    const calls = start([view()]);
    const region = await screen.findByRole('region', { name: 'Key generated' });
    await fireEvent.click(within(region).getByRole('button', { name: 'Copy API key' }));
    expect(await within(region).findByText('Copied. The clipboard will be cleared in 30 s.')).toBeTruthy();
    await fireEvent.click(within(region).getByRole('button', { name: 'Store in keychain' }));
    expect(await within(region).findByText('Stored in keychain')).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'secrets:copy').map((c) => c.input)).toEqual([{ secretId: 's7' }]);
    expect(calls.filter((c) => c.channel === 'secrets:store').map((c) => c.input)).toEqual([{ secretId: 's7' }]);
  });

  it('asks before dismissing one neither copied nor stored, then tells main to drop it', async () => {
    const calls = start([view()]);
    const region = await screen.findByRole('region', { name: 'Key generated' });
    await fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    const dialog = screen.getByRole('dialog', { name: 'Dismiss without saving?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Key generated' })).toBeNull());
    expect(calls.filter((c) => c.channel === 'secrets:dismiss').map((c) => c.input)).toEqual([{ secretId: 's7' }]);
  });

  it('keeps the copied/stored state main reports: stored shows no Store button, and Dismiss does not ask', async () => {
    start([view({ secretId: 'a', keyName: 'Copied one', copied: true }), view({ secretId: 'b', keyName: 'Stored one', stored: true })]);
    const region = await screen.findByRole('region', { name: 'Key generated' });
    const cards = within(region).getAllByRole('article');
    expect(cards).toHaveLength(2);
    expect(within(cards[1]!).queryByRole('button', { name: 'Store in keychain' })).toBeNull();
    expect(within(cards[1]!).getByText('Stored in keychain')).toBeTruthy();
    await fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await vi.waitFor(() => expect(within(region).getAllByRole('article')).toHaveLength(1));
  });

  it('shows a store failure (e.g. too large for the keychain) in the card', async () => {
    start([view()], { 'secrets:store': () => fail('keychain-failed', { messageKey: 'keychain.too-large' }) });
    const region = await screen.findByRole('region', { name: 'Key generated' });
    await fireEvent.click(within(region).getByRole('button', { name: 'Store in keychain' }));
    expect((await within(region).findByRole('alert')).textContent).toBe('This value is too large for the system keychain.');
  });

  it('renders a hostile key name as text', async () => {
    start([view({ keyName: '<img src=x onerror=alert(1)>' })]);
    const region = await screen.findByRole('region', { name: 'Key generated' });
    expect(within(region).getByText('<img src=x onerror=alert(1)>').closest('strong > bdi')).not.toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it.each([
    ['there are none', ok([])],
    ['main cannot list them', fail('internal')],
  ] as const)('shows nothing when %s', async (_case, answer) => {
    start([], { 'secrets:listPending': () => answer });
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(screen.queryByRole('region', { name: 'Key generated' })).toBeNull();
  });

  it('speaks French', async () => {
    await resetAll('fr');
    start([view()], {}, 'fr');
    const region = await screen.findByRole('region', { name: 'Clé générée' });
    expect(region.textContent).toContain("La clé d'API Night job a été générée mais pas encore enregistrée.");
    for (const name of ["Copier la clé d'API", 'Enregistrer dans le trousseau', 'Fermer'])
      expect(within(region).getByRole('button', { name })).toBeTruthy();
  });
});

describe('stored label', () => {
  it.each([
    ['en', en],
    ['fr', fr],
    ['es', es],
  ] as const)('%s: one check mark only (the icon), no ✓ character', (_lang, messages) => {
    expect(messages.secret.stored).not.toContain('✓');
  });
});

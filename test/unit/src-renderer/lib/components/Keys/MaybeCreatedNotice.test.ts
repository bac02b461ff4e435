// Issue 17 item 3 (security.md 39), the key screen's side: a Generate that did not finish is shown as main reports it. Keys found are
// named, with Revoke (through the usual confirmation); "none found" is said as such, with Dismiss; checking asks main again; every state
// is translated in en, fr and es; names are text.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { MaybeCreated } from '../../../../../../src-preload/contract/maybe-created';
import type { ApiKeyView } from '../../../../../../src-preload/contract/models';
import { installBridge, keysView, ok, resetAll, revokedAnswer, sampleKeys, settings, appState, workingHandlers } from '../../../helpers';

const made: ApiKeyView = {
  id: 'k9',
  name: '<img src=x onerror=alert(1)>deploy',
  creationDate: '2024-03-12T09:00:05.000Z',
  lastUsedDate: null,
  lastUsedIp: null,
};

/** Text without the bidi isolates names are wrapped in. */
const plain = (text: string | null): string => (text ?? '').replace(/[\u2066-\u2069]/g, '');
/** A matcher for an accessible name, isolates aside. */
const named = (wanted: string | RegExp) => (name: string) => (typeof wanted === 'string' ? plain(name) === wanted : wanted.test(plain(name)));

const item = (over: Partial<MaybeCreated> = {}): MaybeCreated => ({
  intentId: 'i1',
  profileId: 'p1',
  name: made.name,
  startedAt: '2024-03-12T09:00:00.000Z',
  state: 'found',
  keys: [made],
  checks: 1,
  plannedChecks: 5,
  nextCheckAt: null,
  failure: null,
  ...over,
});

describe('a Generate that did not finish, on the key screen', () => {
  beforeEach(() => resetAll('en'));

  it('names the key it may have created, as text; Revoke asks first, and once revoked the notice is gone', async () => {
    let answer: MaybeCreated[] = [item()];
    const calls = installBridge(
      workingHandlers({
        'keys:refresh': () => ok(keysView({ keys: [...sampleKeys, made] })),
        'keys:maybeCreated': () => ok(answer),
        'keys:revoke': () => {
          answer = []; // main settles it once its only candidate is revoked
          return revokedAnswer('k9', { before: [...sampleKeys, made] });
        },
      }),
    );
    render(App);
    const notice = await screen.findByRole('status', { name: 'A key may have been created' });
    expect(plain(notice.textContent)).toContain(`A Generate of the API key ${made.name} did not finish (`);
    expect(plain(notice.textContent)).toContain('may have created this key. Nobody may hold its value: revoke it unless you do.');
    expect(document.querySelector('img')).toBeNull();
    expect(within(notice).queryByRole('button', { name: /^Dismiss/ })).not.toBeNull();
    await fireEvent.click(within(notice).getByRole('button', { name: named(`Revoke API key ${made.name}`) }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(plain(dialog.textContent)).toContain(`Revoke the API key ${made.name}?`);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() => expect(screen.queryByRole('status', { name: 'A key may have been created' })).toBeNull());
    expect(calls.find((c) => c.channel === 'keys:revoke')?.input).toMatchObject({ profileId: 'p1', keyId: 'k9' });
  });

  it('says honestly when no such key was found, and Dismiss closes it through main', async () => {
    let dismissed = false; // as main does: a dismissed notice is never answered again
    const calls = installBridge(
      workingHandlers({
        'keys:maybeCreated': () => ok(dismissed ? [] : [item({ state: 'not-found', keys: [], checks: 5, name: 'nightly' })]),
        'keys:dismissMaybeCreated': () => {
          dismissed = true;
          return ok([]);
        },
      }),
    );
    render(App);
    const notice = await screen.findByRole('status', { name: 'A key may have been created' });
    expect(notice.textContent).toContain("CloudMC's list was read 5 times since and holds no such key: no key made by it exists.");
    expect(within(notice).queryByRole('button', { name: /^Revoke/ })).toBeNull();
    await fireEvent.click(within(notice).getByRole('button', { name: named('Dismiss the notice about nightly') }));
    await vi.waitFor(() => expect(screen.queryByRole('status', { name: 'A key may have been created' })).toBeNull());
    expect(calls.find((c) => c.channel === 'keys:dismissMaybeCreated')?.input).toEqual({ profileId: 'p1', intentId: 'i1' });
  });

  it('while main checks, it says so (no Dismiss yet) and asks main again after its next check', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let asked = 0;
      let checking = true;
      installBridge(
        workingHandlers({
          'keys:maybeCreated': () => {
            asked += 1;
            return ok([checking ? item({ state: 'checking', keys: [], nextCheckAt: new Date(Date.now() + 2_000).toISOString() }) : item()]);
          },
        }),
      );
      render(App);
      const notice = await vi.waitFor(() => screen.getByRole('status', { name: 'A key may have been created' }));
      expect(plain(notice.textContent)).toContain('(check 2 of 5)');
      expect(within(notice).queryByRole('button', { name: /^Dismiss/ })).toBeNull();
      const before = asked;
      checking = false; // main's next check finds the key
      await vi.advanceTimersByTimeAsync(2_400);
      expect(asked).toBeGreaterThan(before);
      await vi.waitFor(() =>
        expect(plain(screen.getByRole('status', { name: 'A key may have been created' }).textContent)).toContain('may have created this key'),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('could not check: says why, and that the app looks again', async () => {
    installBridge(
      workingHandlers({
        'keys:maybeCreated': () =>
          ok([
            item({
              state: 'unchecked',
              keys: [],
              checks: 5,
              failure: { code: 'unreachable', kind: 'offline', messageKey: 'errors.unreachable' },
            }),
          ]),
      }),
    );
    render(App);
    const notice = await screen.findByRole('status', { name: 'A key may have been created' });
    expect(notice.textContent).toContain("CloudMC's list could not be read: CloudMC could not be reached.");
    expect(notice.textContent).toContain('The app looks again when the list is refreshed.');
  });

  it.each([
    ['fr', 'Une clé a peut-être été créée', "Révoquer la clé d'API", 'Fermer'],
    ['es', 'Puede que se haya creado una clave API', 'Revocar clave de API', 'Cerrar'],
  ] as const)('every state is translated (%s)', async (language, title, revoke, dismiss) => {
    resetAll(language);
    for (const state of ['found', 'not-found', 'unchecked', 'checking'] as const) {
      installBridge(
        workingHandlers(
          { 'keys:maybeCreated': () => ok([item({ state, keys: state === 'found' ? [made] : [] })]) },
          appState({ settings: settings({ language }) }),
        ),
      );
      const { unmount } = render(App);
      const notice = await screen.findByRole('status', { name: title });
      expect(notice.textContent).not.toMatch(/generate\.interrupted|A Generate|\{/);
      if (state === 'found') expect(within(notice).getByRole('button', { name: named(`${revoke} ${made.name}`) })).toBeTruthy();
      if (state !== 'checking') expect(within(notice).getByRole('button', { name: named(new RegExp(`^${dismiss}`)) })).toBeTruthy();
      unmount();
      resetAll(language);
    }
  });
});

// Why a cached list is shown, by main's kind: "Offline" only when CloudMC cannot be reached, the saved time, and main's message when it adds something.
import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { ErrorCode } from '../../../../../../src-preload/contract/errors';
import { appState, cachedView, installBridge, refreshFailed, resetAll, sampleKeys, settings, workingHandlers } from '../../../helpers';

const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();

/** The profile's cache: one key, saved 3 hours ago. */
const cachedKeys = [sampleKeys[0]!];

const cached = () => cachedView(cachedKeys, savedAt);

/** A refresh that failed with `code`, the cached list shown beside it. */
const failedOverCache = (code: ErrorCode, extra: Parameters<typeof refreshFailed>[1] = {}) =>
  refreshFailed(code, extra, cachedKeys, { syncedAt: savedAt });

describe('cached-list banner wording', () => {
  beforeEach(() => resetAll('en'));

  const cases: Array<[ErrorCode, string, string, string | null]> = [
    ['unreachable', 'Offline', 'CloudMC could not be reached.', null],
    ['timeout', 'Offline', 'CloudMC could not be reached.', 'CloudMC took too long to answer. Try again in a moment.'],
    [
      'rate-limited',
      'Requests limited',
      'CloudMC answered but is limiting requests right now.',
      'CloudMC is receiving too many requests. Wait a moment and try again.',
    ],
    ['server-error', 'CloudMC error', 'CloudMC answered, but not normally.', 'CloudMC had a problem answering. Try again in a moment.'],
    ['bad-response', 'CloudMC error', 'CloudMC answered, but not normally.', 'CloudMC sent an answer the app does not understand.'],
    ['response-too-large', 'CloudMC error', 'CloudMC answered, but not normally.', "CloudMC's answer was larger than expected and was not read."],
  ];
  it.each(cases)(
    '%s: says what kind of trouble, when the list was saved, and the message only when it adds something',
    async (code, title, lead, reason) => {
      installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache(code) }));
      render(App);
      const banner = await screen.findByRole('status', { name: title });
      const text = banner.textContent!.replace(/\s+/g, ' ').trim();
      expect(text.startsWith(`${title} ${lead} This list was saved 3 hours ago (`)).toBe(true);
      expect(text).toContain(') and may be out of date.');
      if (reason) expect(text).toContain(reason);
      else expect(text).not.toContain('Check your network');
      expect(text.match(/could not be reached/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    },
  );

  it('speaks French and Spanish', async () => {
    await resetAll('fr');
    installBridge(
      workingHandlers(
        { 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('rate-limited') },
        appState({ settings: settings({ language: 'fr' }) }),
      ),
    );
    const { unmount } = render(App);
    const fr = await screen.findByRole('status', { name: 'Requêtes limitées' });
    expect(fr.textContent).toContain('CloudMC a répondu mais limite les requêtes en ce moment. Cette liste a été enregistrée il y a 3 heures (');
    unmount();

    await resetAll('es');
    installBridge(
      workingHandlers(
        { 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('server-error') },
        appState({ settings: settings({ language: 'es' }) }),
      ),
    );
    render(App);
    const es = await screen.findByRole('status', { name: 'Error de CloudMC' });
    expect(es.textContent).toContain('CloudMC respondió, pero no con normalidad. Esta lista se guardó hace 3 horas (');
  });
});

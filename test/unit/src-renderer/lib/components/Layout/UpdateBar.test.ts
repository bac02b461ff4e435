// The update bar shows main's update status: a verified download offers "Restart to update" (main's refusal shown with its reason),
// a deb/rpm install gets a link to the Releases page, nothing when up to date; a download that finishes later shows at the next ask.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../../src-renderer/src/App.svelte';
import type { UpdateStatus } from '../../../../../../src-preload/contract/updates';
import { updateStatusPollMs } from '../../../../../../src-renderer/src/lib/state/updates.svelte';
import { appState, fail, installBridge, ok, resetAll, settings, workingHandlers } from '../../../helpers';

describe('the update bar', () => {
  beforeEach(() => resetAll('en'));
  afterEach(() => vi.useRealTimers());

  it('offers Restart to update for a verified download; main refuses while a new key is open, and says so', async () => {
    let refuse = true;
    const calls = installBridge(
      workingHandlers({
        'updates:status': () => ok({ state: 'ready', version: '0.2.0' }),
        'updates:restart': () => (refuse ? fail('invalid-input', { messageKey: 'updates.busy.one-time-key' }) : ok(null)),
      }),
    );
    render(App);
    expect((await screen.findByText('Version 0.2.0 is downloaded and verified.')).closest('[role="status"]')).not.toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A new API key is still shown: copy or store it, dismiss it, then try again.');
    refuse = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Restarting…' })).toHaveProperty('disabled', true));
    expect(calls.filter((c) => c.channel === 'updates:restart')).toHaveLength(2);
  });

  it('tells a deb or rpm install that a version is available, with a link to the Releases page', async () => {
    installBridge(
      workingHandlers({
        'updates:status': () => ok({ state: 'available', version: '0.3.0', downloadUrl: 'https://github.com/cloudmc/credentials/releases/latest' }),
      }),
    );
    render(App);
    const link = await screen.findByRole('link', { name: 'Download it from the Releases page' });
    expect(link.getAttribute('href')).toBe('https://github.com/cloudmc/credentials/releases/latest');
    expect(link.getAttribute('target')).toBe('_blank'); // opened by main through the allow-listed openExternal (security.md 6)
    expect(screen.getByText(/Version 0\.3\.0 is available\./)).toBeTruthy();
  });

  it('shows nothing when up to date, and the bar once main reports a finished download (asked again every few minutes)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let status: UpdateStatus = { state: 'idle', checkedAt: '2026-12-10T09:00:00.000Z' };
    installBridge(workingHandlers({ 'updates:status': () => ok(status) }));
    render(App);
    await screen.findByRole('button', { name: 'Settings' });
    expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull();
    status = { state: 'ready', version: '0.2.0' };
    await vi.advanceTimersByTimeAsync(updateStatusPollMs);
    expect(await screen.findByRole('button', { name: 'Restart to update' })).toBeTruthy();
  });

  it.each([
    ['fr', 'Redémarrer pour mettre à jour'],
    ['es', 'Reiniciar para actualizar'],
  ] as const)('%s: the label as CloudMC says it', async (language, label) => {
    resetAll(language);
    installBridge(
      workingHandlers({ 'updates:status': () => ok({ state: 'ready', version: '0.2.0' }) }, appState({ settings: settings({ language }) })),
    );
    render(App);
    expect(await screen.findByRole('button', { name: label })).toBeTruthy();
  });
});

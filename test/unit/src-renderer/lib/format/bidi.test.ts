// Issue 8 item 10, display part: API text is isolated wherever it is shown, so a bidi override inside a name cannot reorder the text around it.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import { appState, generatedAnswer, installBridge, ok, profile, refreshAnswer, resetAll, sampleKeys, workingHandlers } from '../../helpers';

const spoof = 'prod\u202Egnp.exe';

const spoofKey = { ...sampleKeys[0]!, id: 'k7', name: spoof, lastUsedIp: `10.0.0.1\u202E` };

const spoofProfile = { ...profile, name: `Prof\u202Eelif`, identity: { userName: 'u', displayName: `Rose\u202E`, organizationName: `Acme\u202E` } };

/** True when `text` appears only inside a <bdi> (or an element isolated by unicode-bidi) wherever it is shown. */
function everyOccurrenceIsolated(text: string): boolean {
  const holders = Array.from(document.querySelectorAll('body *')).filter((e) =>
    Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').includes(text)),
  );
  return holders.length > 0 && holders.every((e) => e.closest('bdi') !== null);
}

describe('API text is isolated (<bdi>)', () => {
  beforeEach(() => resetAll('en'));

  it('key names and last IPs in the table, profile name and identity in the sidebar', async () => {
    installBridge(
      workingHandlers({ 'keys:refresh': () => refreshAnswer(spoofProfile, [spoofKey, sampleKeys[1]!]) }, appState({ profiles: [spoofProfile] })),
    );
    render(App);
    await screen.findByRole('cell', { name: spoof });
    for (const text of [spoof, '10.0.0.1\u202E', 'Prof\u202Eelif', 'Rose\u202E', 'Acme\u202E'])
      expect(everyOccurrenceIsolated(text), JSON.stringify(text)).toBe(true);
  });

  it('in the revoke and rename dialogs and the notification', async () => {
    installBridge(
      workingHandlers({
        'keys:refresh': () => refreshAnswer(profile, [spoofKey]),
        'keys:generate': () => generatedAnswer({ ...spoofKey, id: 'k8' }, { before: [spoofKey] }),
      }),
    );
    render(App);
    const row = (await screen.findByRole('cell', { name: spoof })).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: /^Revoke API key / }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key' });
    expect(within(dialog).getByText(spoof).tagName).toBe('BDI');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Generate API key' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Generate' }));
    const region = await screen.findByRole('region', { name: 'Key generated' });
    expect(within(region).getByText(spoof).tagName).toBe('BDI');
  });

  it('in search hits (key name, profile name, last IP)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      installBridge(
        workingHandlers({
          'keys:search': () => ok({ hits: [{ profileId: 'p1', profileName: 'Prof\u202Eelif', key: spoofKey }], total: 1, unsearched: 0 }),
        }),
      );
      render(App);
      await screen.findByRole('cell', { name: 'Update KB' });
      await fireEvent.input(screen.getByRole('searchbox', { name: 'Search all keys' }), { target: { value: 'prod' } });
      await vi.advanceTimersByTimeAsync(200);
      await screen.findByRole('region', { name: 'Keys found' });
      for (const text of [spoof, 'Prof\u202Eelif', '10.0.0.1\u202E']) expect(everyOccurrenceIsolated(text), JSON.stringify(text)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

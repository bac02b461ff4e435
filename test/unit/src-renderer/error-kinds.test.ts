// The renderer acts on the kind main gives an error (issue 8 item 11): "Offline" only when CloudMC cannot be reached,
// rate limits and server errors in their own words, and a change that may have happened refreshes the list it says it refreshed.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import type { ApiKeyView } from '../../../src-preload/contract/models';
import type { ErrorCode } from '../../../src-preload/contract/errors';
import { cachedView, fail, installBridge, profile, refreshAnswer, refreshFailed, resetAll, sampleKeys, workingHandlers } from './helpers';

const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
const cachedKeys = [sampleKeys[0]!];
const cached = () => cachedView(cachedKeys, savedAt);
/** A refresh that failed with `code`, the cached list shown beside it. */
const failedOverCache = (code: ErrorCode, extra: Parameters<typeof refreshFailed>[1] = {}) => refreshFailed(code, extra, cachedKeys, { syncedAt: savedAt });
const live = (keys: ApiKeyView[] = sampleKeys) => refreshAnswer(profile, keys);
const created: ApiKeyView = { id: 'k9', name: 'CI deploy', creationDate: new Date().toISOString(), lastUsedDate: null, lastUsedIp: null };

async function generate(name: string): Promise<HTMLElement> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
  const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
  await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: name } });
  await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
  return dialog;
}

describe('issue 8 item 11: the kind decided in main', () => {
  beforeEach(() => resetAll('en'));

  it('an oversized generate answer says the list has been refreshed, and the list is refreshed', async () => {
    let refreshes = 0;
    const calls = installBridge(workingHandlers({
      'keys:refresh': () => (++refreshes === 1 ? live() : live([...sampleKeys, created])),
      // What main answers when CloudMC's answer to the POST was too large to read: the key may exist.
      'keys:generate': () => fail('response-too-large', { kind: 'uncertain', messageKey: 'errors.generate-uncertain' }),
    }));
    render(App);
    const dialog = await generate('CI deploy');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('It may have been created anyway: the list has been refreshed');
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2));
    expect(await screen.findByRole('cell', { name: 'CI deploy' })).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'keys:generate')).toHaveLength(1);
  });

  it.each([
    ['a 429', 'rate-limited', 429, 'Requests limited', 'CloudMC answered but is limiting requests right now.'],
    ['a 503', 'server-error', 503, 'CloudMC error', 'CloudMC answered, but not normally.'],
  ] as const)('%s does not show "Offline" although CloudMC answered: the cached list stays, in its own words', async (_name, code, status, title, lead) => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache(code, { status }) }));
    render(App);
    // Once the refresh has answered, a banner is shown over the cached list: it must not say "Offline".
    await vi.waitFor(() => expect(document.querySelector('.banner')).not.toBeNull());
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    expect(document.body.textContent).not.toContain('Offline');
    const banner = screen.getByRole('status', { name: title });
    expect(banner.textContent).toContain(lead);
    expect(banner.textContent).toContain('This list was saved 3 hours ago');
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    // The sidebar says a cached list is shown, and changes say why they wait.
    expect(screen.getByRole('navigation', { name: 'Profiles' }).textContent).toContain('Showing cached list');
    expect((screen.getAllByRole('button', { name: 'Generate API key' })[0] as HTMLButtonElement).disabled).toBe(true);
  });

  it('"Offline" follows the kind, not the code: whatever main classifies as offline is shown Offline', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('tls-failed') }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    expect(banner.textContent).toContain('The secure connection to CloudMC failed');
  });

  it('CloudMC asking to wait longer than the app waits says how long, in the banner', async () => {
    installBridge(workingHandlers({
      'keys:listCached': cached,
      'keys:refresh': () => failedOverCache('rate-limited', { status: 429, messageKey: 'errors.asked-to-wait', details: { retryAfterSeconds: 600 } }),
    }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Requests limited' });
    expect(banner.textContent).toContain('CloudMC asked to wait 600 s before trying again');
  });

  it('a generate CloudMC refused (kind server, not uncertain) is not followed by a refresh', async () => {
    const calls = installBridge(workingHandlers({ 'keys:generate': () => fail('server-error', { status: 500 }) }));
    render(App);
    const dialog = await generate('CI deploy');
    // The alert shows once the store has handled the answer (and decided about a refresh).
    expect((await within(dialog).findByRole('alert')).textContent).toContain('CloudMC had a problem answering.');
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);
  });

  it.each(['rename', 'revoke'] as const)('an unconfirmed %s says the change may have happened and refreshes the list', async (action) => {
    const calls = installBridge(workingHandlers({
      'keys:rename': () => fail('timeout', { kind: 'uncertain', messageKey: 'errors.change-uncertain' }),
      'keys:revoke': () => fail('timeout', { kind: 'uncertain', messageKey: 'errors.change-uncertain' }),
    }));
    render(App);
    const row = (await screen.findByRole('cell', { name: 'Update KB' })).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: action === 'rename' ? 'Edit API key' : 'Revoke API key' }));
    const dialog = screen.getByRole('dialog', { name: action === 'rename' ? 'Edit API key' : 'Revoke API key' });
    await fireEvent.click(within(dialog).getByRole('button', { name: action === 'rename' ? 'Save' : 'Revoke' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('It may have been made anyway: the list has been refreshed');
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2));
  });
});

// Cached-list wording by main's kind (Offline only when CloudMC cannot be reached), disabled actions described by their reason, cancelling a refresh, the cached list with a
// missing access key, refresh after an uncertain generate, the list in main's order.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import type { ErrorCode, IpcResult } from '../../../src-preload/contract/errors';
import type { ApiKeyView, ProfileSummary } from '../../../src-preload/contract/models';
import type { ChannelOutput } from '../../../src-preload/contract/operations';
import {
  appState, cachedView, deferred, fail, generatedAnswer, installBridge, keysView, ok, profile, refreshAnswer, refreshFailed, resetAll, sampleKeys, settle, type Deferred,
  workingHandlers,
} from './helpers';

type RefreshAnswer = IpcResult<ChannelOutput<'keys:refresh'>>;
const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
/** The profile's cache: one key, saved 3 hours ago. */
const cachedKeys = [sampleKeys[0]!];
const cached = () => cachedView(cachedKeys, savedAt);
/** A refresh that failed with `code`, the cached list shown beside it. */
const failedOverCache = (code: ErrorCode, extra: Parameters<typeof refreshFailed>[1] = {}) => refreshFailed(code, extra, cachedKeys, { syncedAt: savedAt });
const live = (keys: ApiKeyView[] = sampleKeys) => refreshAnswer(profile, keys);

/** The text of the elements an element's aria-describedby points at (every id must exist). */
function describedText(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => {
    const target = document.getElementById(id);
    expect(target, `#${id}`).not.toBeNull();
    return target!.textContent ?? '';
  }).join(' ').replace(/\s+/g, ' ').trim();
}

function button(name: string): HTMLButtonElement {
  return screen.getAllByRole('button', { name })[0] as HTMLButtonElement;
}

describe('cached-list banner wording', () => {
  beforeEach(() => resetAll('en'));

  const cases: Array<[ErrorCode, string, string, string | null]> = [
    ['unreachable', 'Offline', 'CloudMC could not be reached.', null],
    ['timeout', 'Offline', 'CloudMC could not be reached.', 'CloudMC took too long to answer. Try again in a moment.'],
    ['rate-limited', 'Requests limited', 'CloudMC answered but is limiting requests right now.', 'CloudMC is receiving too many requests. Wait a moment and try again.'],
    ['server-error', 'CloudMC error', 'CloudMC answered, but not normally.', 'CloudMC had a problem answering. Try again in a moment.'],
    ['bad-response', 'CloudMC error', 'CloudMC answered, but not normally.', 'CloudMC sent an answer the app does not understand.'],
    ['response-too-large', 'CloudMC error', 'CloudMC answered, but not normally.', "CloudMC's answer was larger than expected and was not read."],
  ];
  it.each(cases)('%s: says what kind of trouble, when the list was saved, and the message only when it adds something', async (code, title, lead, reason) => {
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
  });

  it('speaks French and Spanish', async () => {
    resetAll('fr');
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('rate-limited') },
      appState({ settings: { language: 'fr', storeCopyByDefault: false, clipboardClearSeconds: 30 } })));
    const { unmount } = render(App);
    const fr = await screen.findByRole('status', { name: 'Requêtes limitées' });
    expect(fr.textContent).toContain('CloudMC a répondu mais limite les requêtes en ce moment. Cette liste a été enregistrée il y a 3 heures (');
    unmount();

    resetAll('es');
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('server-error') },
      appState({ settings: { language: 'es', storeCopyByDefault: false, clipboardClearSeconds: 30 } })));
    render(App);
    const es = await screen.findByRole('status', { name: 'Error de CloudMC' });
    expect(es.textContent).toContain('CloudMC respondió, pero no con normalidad. Esta lista se guardó hace 3 horas (');
  });
});

describe('disabled actions say why (aria-describedby)', () => {
  beforeEach(() => resetAll('en'));

  it('offline: Generate, Edit and Revoke point at the Offline banner text', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('unreachable') }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    const bannerText = banner.textContent!.replace(/\s+/g, ' ').trim();
    for (const name of ['Generate API key', 'Edit API key', 'Revoke API key']) {
      const b = button(name);
      expect(b.disabled).toBe(true);
      expect(describedText(b)).toContain(bannerText);
    }
    // The row buttons still name their key too.
    expect(describedText(button('Edit API key'))).toMatch(/^Update KB /);
  });

  it('offline with no list: Generate points at the load error text', async () => {
    installBridge(workingHandlers({ 'keys:refresh': () => refreshFailed('timeout', {}, null) }));
    render(App);
    await screen.findByRole('alert');
    expect(describedText(button('Generate API key'))).toBe('CloudMC took too long to answer. Try again in a moment.');
  });

  it('nothing is described as disabled once the list is live', async () => {
    installBridge(workingHandlers());
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    expect(button('Generate API key').hasAttribute('aria-describedby')).toBe(false);
    // The first row is main's first key (newest first): it names itself and nothing else.
    expect(describedText(button('Edit API key'))).toBe('Grab-instance-list');
  });

  it('read-only settings: the profile actions and Import point at the read-only notice', async () => {
    installBridge(workingHandlers({}, appState({ readOnly: true })));
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    for (const name of ['Edit profile', 'Duplicate profile', 'Remove profile', 'Import profiles']) {
      const b = button(name);
      expect(b.disabled).toBe(true);
      expect(describedText(b)).toMatch(/^Settings were saved by a newer version of this app/);
    }
  });

  it('access key missing, no cached list: Generate points at the form reason', async () => {
    installBridge(workingHandlers({}, appState({ profiles: [{ ...profile, accessKey: 'missing' }] })));
    render(App);
    await screen.findByLabelText('API key');
    expect(describedText(button('Generate API key'))).toBe('Enter the API key for this profile: it was kept for the last session only.');
  });

  it('access key rejected over a cached list: row actions point at the form reason', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('unauthorized') }));
    render(App);
    await screen.findByLabelText('API key');
    expect(describedText(button('Revoke API key'))).toMatch(/^Update KB CloudMC rejected this profile's API key/);
  });
});

describe('access key missing with a cached list', () => {
  beforeEach(() => resetAll('en'));

  it('shows the list with its saved time, an "API key needed" status and the form; actions disabled with that reason', async () => {
    const missing: ProfileSummary = { ...profile, accessKey: 'missing', syncState: 'cached', lastSyncedAt: savedAt };
    let provided = false;
    const calls = installBridge(workingHandlers({
      'keys:listCached': () => cachedView(cachedKeys, savedAt, { profile: missing }),
      // Main answers at once, without CloudMC, while it has no key for the profile; then CloudMC lists the keys.
      'keys:refresh': () => (provided ? refreshAnswer({ ...missing, accessKey: 'session' }) : refreshFailed('access-key-missing', {}, cachedKeys, { syncedAt: savedAt, profile: missing })),
      'profiles:provideAccessKey': () => {
        provided = true;
        return ok({ ...missing, accessKey: 'session' as const });
      },
    }, appState({ profiles: [missing] })));
    render(App);
    const status = await screen.findByRole('status', { name: 'API key needed' });
    const text = status.textContent!.replace(/\s+/g, ' ').trim();
    expect(text).toMatch(/^API key needed Enter it to update this list and to make changes\. This list was saved 3 hours ago \(/);
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.getByLabelText('API key')).toBeTruthy();
    // The status comes before the form, and the form before the list.
    const form = screen.getByLabelText('API key').closest('section')!;
    expect(status.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form.compareDocumentPosition(screen.getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    for (const name of ['Generate API key', 'Edit API key', 'Revoke API key']) {
      expect(button(name).disabled).toBe(true);
      expect(describedText(button(name))).toContain(text);
    }
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);

    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'the-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'API key needed' })).toBeNull();
    expect(button('Generate API key').disabled).toBe(false);
  });
});

describe('cancelling a single refresh', () => {
  beforeEach(() => resetAll('en'));

  /** The start-up refresh answers at once unless `holdStartup`; every later one waits for the test. */
  function setup(options: { cache?: boolean; holdStartup?: boolean } = {}) {
    const pending: Deferred<RefreshAnswer>[] = [];
    let count = 0;
    const calls = installBridge(workingHandlers({
      ...(options.cache ? { 'keys:listCached': cached } : {}),
      'keys:refresh': () => {
        if (count++ === 0 && !options.holdStartup) return live();
        const d = deferred<RefreshAnswer>();
        pending.push(d);
        return d.promise;
      },
      'app:cancelRequest': () => ok(null),
    }));
    const refreshInputs = () => calls.filter((c) => c.channel === 'keys:refresh').map((c) => c.input as { profileId: string; requestId?: string });
    return { calls, pending, refreshInputs };
  }

  it('passes a fresh request id each time, and Cancel cancels that request and keeps the list', async () => {
    const { calls, pending, refreshInputs } = setup();
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(screen.getByRole('progressbar', { name: 'Updating the list from CloudMC…' })).toBeTruthy();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const [first, second] = refreshInputs();
    expect(first?.requestId).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second?.requestId).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second?.requestId).not.toBe(first?.requestId);

    await fireEvent.click(cancel);
    expect(calls.filter((c) => c.channel === 'app:cancelRequest').map((c) => c.input)).toEqual([{ requestId: second!.requestId }]);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
    // Main answers a cancelled refresh with the cached list and the failure `cancelled`.
    pending[0]!.resolve(refreshFailed('cancelled'));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Grab-instance-list' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('a cancelled start-up refresh keeps the cached list, without an error or Offline banner', async () => {
    const { pending, calls } = setup({ cache: true, holdStartup: true });
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.channel === 'app:cancelRequest')).toBe(true);
    pending[0]!.resolve(failedOverCache('cancelled'));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status', { name: 'Offline' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Update KB' })).toBeTruthy();
  });

  it('main answering "cancelled" on its own is no error either; with no list it says so and offers Refresh', async () => {
    const { pending } = setup({ holdStartup: true });
    render(App);
    await screen.findByRole('progressbar', { name: 'Loading API keys…' });
    pending[0]!.resolve(refreshFailed('cancelled', {}, null));
    expect(await screen.findByText('The update was cancelled. Select Refresh to load the list.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    pending[1]!.resolve(live());
    expect(await screen.findByRole('cell', { name: 'Update KB' })).toBeTruthy();
    expect(screen.queryByText(/The update was cancelled/)).toBeNull();
  });

  it('an answer arriving after Cancel is ignored, even a success', async () => {
    const { pending } = setup({ cache: true, holdStartup: true });
    render(App);
    await screen.findByRole('cell', { name: 'Update KB' });
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    pending[0]!.resolve(live([...sampleKeys, { ...sampleKeys[0]!, id: 'k3', name: 'Late key' }]));
    await settle();
    expect(screen.queryByRole('cell', { name: 'Late key' })).toBeNull();
  });
});

describe('generate failures that may have created the key', () => {
  beforeEach(() => resetAll('en'));

  const created = { id: 'k9', name: 'CI deploy', creationDate: new Date().toISOString(), lastUsedDate: null, lastUsedIp: null };

  // Main decides that these are uncertain for a generate (kind `uncertain`); the renderer acts on the kind alone.
  it.each(['timeout', 'unreachable', 'server-error', 'bad-response', 'response-too-large'] as const)('%s marked uncertain by main: says so and refreshes the list', async (code) => {
    let refreshes = 0;
    const calls = installBridge(workingHandlers({
      'keys:refresh': () => (++refreshes === 1 ? live() : live([...sampleKeys, created])),
      'keys:generate': () => fail(code, { kind: 'uncertain', messageKey: 'errors.generate-uncertain' }),
    }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'CI deploy' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'CloudMC did not confirm the new key in time. It may have been created anyway: the list has been refreshed — check it before generating again, and revoke a key you cannot use.');
    expect(await screen.findByRole('cell', { name: 'CI deploy' })).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2);
    expect(calls.filter((c) => c.channel === 'keys:generate')).toHaveLength(1);
  });

  it.each(['rate-limited', 'forbidden', 'name-invalid'] as const)('%s: no refresh (CloudMC refused it)', async (code) => {
    const calls = installBridge(workingHandlers({ 'keys:generate': () => fail(code) }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
    const dialog = screen.getByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    // The failure is shown once the store has handled the answer (and decided about a refresh).
    await vi.waitFor(() => expect(dialog.querySelector('[role="alert"], [aria-invalid="true"]')).not.toBeNull());
    expect(calls.filter((c) => c.channel === 'keys:generate')).toHaveLength(1);
    expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(1);
  });
});

describe("the list in main's order", () => {
  beforeEach(() => resetAll('en'));

  const key = (id: string, name: string, creationDate: string): ApiKeyView => ({ id, name, creationDate, lastUsedDate: null, lastUsedIp: null });
  const names = () => Array.from(document.querySelectorAll('tbody tr td.name > bdi:first-child'), (e) => e.textContent);

  // Main orders the list (newest first, same date by name as it compares names); the renderer shows that order and never sorts again.
  // "alpha" before "Zulu" is main's order; a renderer sorting by UTF-16 units would put "Zulu" first.
  it('shows the table in the order main gave, and after a generate the order of main\'s new view', async () => {
    const listed = [key('k1', 'Oldest', '2023-01-01T00:00:00Z'), key('k2', 'Zulu', '2024-06-01T00:00:00Z'), key('k3', 'alpha', '2024-06-01T00:00:00Z')];
    const refreshed = keysView({ keys: listed });
    const generated = generatedAnswer(key('k9', 'Fresh', new Date().toISOString()), { before: refreshed.list!.keys });
    installBridge(workingHandlers({ 'keys:refresh': () => ok(refreshed), 'keys:generate': () => generated }));
    render(App);
    await screen.findByRole('cell', { name: 'Oldest' });
    expect(names()).toEqual(refreshed.list!.keys.map((k) => k.name));
    expect(names()).toEqual(['alpha', 'Zulu', 'Oldest']);
    await fireEvent.click(screen.getByRole('button', { name: 'Generate API key' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Generate' }));
    await screen.findByRole('cell', { name: 'Fresh' });
    expect(names()).toEqual(generated.value.view.list!.keys.map((k) => k.name));
    expect(names()).toEqual(['Fresh', 'alpha', 'Zulu', 'Oldest']);
  });
});

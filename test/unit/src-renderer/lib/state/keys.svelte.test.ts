// The key screen's store: it acts on the kind main gives an error (issue 8 item 11), cancels a refresh and ignores its late answer, refreshes after a change that may
// have happened, and shows main's view as main ordered it.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../../../src-renderer/src/App.svelte';
import type { ApiKeyView } from '../../../../../src-preload/contract/models';
import type { ErrorCode, IpcResult } from '../../../../../src-preload/contract/errors';
import type { ChannelOutput } from '../../../../../src-preload/contract/operations';
import {
  cachedView,
  deferred,
  type Deferred,
  fail,
  generatedAnswer,
  installBridge,
  keysView,
  ok,
  profile,
  refreshAnswer,
  refreshFailed,
  resetAll,
  sampleKeys,
  settle,
  workingHandlers,
} from '../../helpers';

const savedAt = new Date(Date.now() - 3 * 3600_000).toISOString();

const cachedKeys = [sampleKeys[0]!];

const cached = () => cachedView(cachedKeys, savedAt);

/** A refresh that failed with `code`, the cached list shown beside it. */
const failedOverCache = (code: ErrorCode, extra: Parameters<typeof refreshFailed>[1] = {}) =>
  refreshFailed(code, extra, cachedKeys, { syncedAt: savedAt });

const live = (keys: ApiKeyView[] = sampleKeys) => refreshAnswer(profile, keys);

const created: ApiKeyView = { id: 'k9', name: 'CI deploy', creationDate: new Date().toISOString(), lastUsedDate: null, lastUsedIp: null };

async function generate(name: string): Promise<HTMLElement> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
  const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
  await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: name } });
  await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
  return dialog;
}

type RefreshAnswer = IpcResult<ChannelOutput<'keys:refresh'>>;

describe('issue 8 item 11: the kind decided in main', () => {
  beforeEach(() => resetAll('en'));

  it('an oversized generate answer says the list has been refreshed, and the list is refreshed', async () => {
    let refreshes = 0;
    const calls = installBridge(
      workingHandlers({
        'keys:refresh': () => (++refreshes === 1 ? live() : live([...sampleKeys, created])),
        // What main answers when CloudMC's answer to the POST was too large to read: the key may exist.
        'keys:generate': () => fail('response-too-large', { kind: 'uncertain', messageKey: 'errors.generate-uncertain' }),
      }),
    );
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
  ] as const)(
    '%s does not show "Offline" although CloudMC answered: the cached list stays, in its own words',
    async (_name, code, status, title, lead) => {
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
    },
  );

  it('"Offline" follows the kind, not the code: whatever main classifies as offline is shown Offline', async () => {
    installBridge(workingHandlers({ 'keys:listCached': cached, 'keys:refresh': () => failedOverCache('tls-failed') }));
    render(App);
    const banner = await screen.findByRole('status', { name: 'Offline' });
    expect(banner.textContent).toContain('The secure connection to CloudMC failed');
  });

  it('CloudMC asking to wait longer than the app waits says how long, in the banner', async () => {
    installBridge(
      workingHandlers({
        'keys:listCached': cached,
        'keys:refresh': () =>
          failedOverCache('rate-limited', { status: 429, messageKey: 'errors.asked-to-wait', details: { retryAfterSeconds: 600 } }),
      }),
    );
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
    const calls = installBridge(
      workingHandlers({
        'keys:rename': () => fail('timeout', { kind: 'uncertain', messageKey: 'errors.change-uncertain' }),
        'keys:revoke': () => fail('timeout', { kind: 'uncertain', messageKey: 'errors.change-uncertain' }),
      }),
    );
    render(App);
    const row = (await screen.findByRole('cell', { name: 'Update KB' })).closest('tr')!;
    await fireEvent.click(within(row).getByRole('button', { name: `${action === 'rename' ? 'Edit API key' : 'Revoke API key'} Update KB` }));
    const dialog = screen.getByRole('dialog', { name: action === 'rename' ? 'Edit API key' : 'Revoke API key' });
    await fireEvent.click(within(dialog).getByRole('button', { name: action === 'rename' ? 'Save' : 'Revoke' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('It may have been made anyway: the list has been refreshed');
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2));
  });
});

describe('cancelling a single refresh', () => {
  beforeEach(() => resetAll('en'));

  /** The start-up refresh answers at once unless `holdStartup`; every later one waits for the test. */
  function setup(options: { cache?: boolean; holdStartup?: boolean } = {}) {
    const pending: Deferred<RefreshAnswer>[] = [];
    let count = 0;
    const calls = installBridge(
      workingHandlers({
        ...(options.cache ? { 'keys:listCached': cached } : {}),
        'keys:refresh': () => {
          if (count++ === 0 && !options.holdStartup) return live();
          const d = deferred<RefreshAnswer>();
          pending.push(d);
          return d.promise;
        },
        'app:cancelRequest': () => ok(null),
      }),
    );
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
  it.each(['timeout', 'unreachable', 'server-error', 'bad-response', 'response-too-large'] as const)(
    '%s marked uncertain by main: says so and refreshes the list',
    async (code) => {
      let refreshes = 0;
      const calls = installBridge(
        workingHandlers({
          'keys:refresh': () => (++refreshes === 1 ? live() : live([...sampleKeys, created])),
          'keys:generate': () => fail(code, { kind: 'uncertain', messageKey: 'errors.generate-uncertain' }),
        }),
      );
      render(App);
      await fireEvent.click(await screen.findByRole('button', { name: 'Generate API key' }));
      const dialog = screen.getByRole('dialog', { name: 'Generate API key' });
      await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'CI deploy' } });
      await fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
      expect((await within(dialog).findByRole('alert')).textContent).toBe(
        'CloudMC did not confirm the new key in time. It may have been created anyway: the list has been refreshed — check it before generating again, and revoke a key you cannot use.',
      );
      expect(await screen.findByRole('cell', { name: 'CI deploy' })).toBeTruthy();
      expect(calls.filter((c) => c.channel === 'keys:refresh')).toHaveLength(2);
      expect(calls.filter((c) => c.channel === 'keys:generate')).toHaveLength(1);
    },
  );

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
  /** The key names down the table: each body row's first cell, its first isolated text. */
  const names = () =>
    within(screen.getByRole('table'))
      .getAllByRole('row')
      .flatMap((row) => within(row).queryAllByRole('cell').slice(0, 1))
      .map((cell) => cell.querySelector('bdi')?.textContent);

  // Main orders the list (newest first, same date by name as it compares names); the renderer shows that order and never sorts again.
  // "alpha" before "Zulu" is main's order; a renderer sorting by UTF-16 units would put "Zulu" first.
  it("shows the table in the order main gave, and after a generate the order of main's new view", async () => {
    const listed = [
      key('k1', 'Oldest', '2023-01-01T00:00:00Z'),
      key('k2', 'Zulu', '2024-06-01T00:00:00Z'),
      key('k3', 'alpha', '2024-06-01T00:00:00Z'),
    ];
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

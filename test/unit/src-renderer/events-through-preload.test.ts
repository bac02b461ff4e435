// Each event from main's emitter to the rendered screen through the real preload bridge (issue 18): main is the real services over
// the CloudMC simulator, the preload is src-preload/index.ts with only Electron faked (preload-harness.ts), the renderer is the App.
// Nothing on the screen is clicked for a change made elsewhere: a timer, another window, the keychain, Refresh all started in main.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import type { KeychainStatus } from '../../../src-preload/contract/models';
import { createAppServices, type AppServices } from '../../../src-main/services/app-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, keychainWithStatus, makeTempDir, removeTempDir } from '../src-main/helpers';
import { ManualTimers } from '../src-main/services/rotation/rotation-helpers';
import { connectMain, rendererListeners, type FakeWebContents } from './preload-harness';
import { resetAll } from './helpers';

vi.mock('electron', async () => (await import('./preload-harness')).electronForPreload);
await import('../../../src-preload/index');

let sim: Simulator;
let dir: string;
let services: AppServices;
let win: FakeWebContents;
let timers: ManualTimers;
let aheadMs: number;
let profileId: string;
let userId: string;
let tellKeychain: (status: KeychainStatus) => void;
const logLines: string[] = [];

beforeEach(async () => {
  resetAll('en');
  const state = new SimState();
  const seeded = seedDemo(state);
  userId = seeded.user.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-events-ui-');
  timers = new ManualTimers();
  aheadMs = 0;
  const { keychain, tell } = keychainWithStatus();
  tellKeychain = tell;
  services = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain,
    clipboard: new MemoryClipboard(),
    version: 'test',
    clientOptions: { attempts: 1, timeoutMs: 5_000 },
    now: () => new Date(Date.now() + aheadMs),
    rotationTimers: timers,
  });
  profileId = (await services.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: seeded.apiKey })).id;
  await services.changes.idle();
  win = connectMain(services, logLines);
});
afterEach(async () => {
  resetAll('en');
  await services.refreshAll.finished();
  await services.changes.idle();
  services.rotation.stop();
  await services.clipboard.clearSecretNow();
  await sim.close();
  removeTempDir(dir);
  expect(logLines.filter((l) => l.startsWith('error'))).toEqual([]);
});

/** The App, once the profile's keys are shown (from CloudMC, through the preload). */
async function openKeyScreen(): Promise<HTMLElement> {
  render(App);
  await screen.findByRole('cell', { name: 'Update KB' }, { timeout: 10_000 });
  return screen.getByRole('table');
}

/** The id CloudMC gave the user's live key of that name. */
const idOf = (name: string): string => sim.state.listKeys(userId).find((k) => k.name === name)!.id;
/** The key table's row of a key, by its id (a badge changes the name cell's text), or null when it is not shown. */
const row = (keyId: string): HTMLElement | null => document.getElementById(`key-row-${keyId}`);
/** The one-time key notification's cards, as text. */
const cards = (): string[] => [...document.querySelectorAll('#secret-notification article')].map((card) => card.textContent ?? '');

describe('main speaks first: every event reaches the screen through the real preload', () => {
  it('keys:did-change — a key revoked in another window leaves this screen, with no click', async () => {
    await openKeyScreen();
    const [gone, kept] = [idOf('Update KB'), idOf('Grab-instance-list')];
    expect(row(gone)).not.toBeNull();
    await services.credentials.revoke(profileId, gone, false);
    await vi.waitFor(() => expect(row(gone)).toBeNull());
    expect(row(kept)).not.toBeNull();
  });

  it('keys:did-change — a rotation whose grace ends while the screen is open: the timer retires the old key and its row goes', async () => {
    await openKeyScreen();
    const old = idOf('Grab-instance-list');
    const started = await services.rotation.start({ profileId, keyId: old, grace: { until: new Date(Date.now() + 5_000).toISOString() } });
    const replacement = started.rotation.newKeyId!;
    await vi.waitFor(() => expect(row(replacement)).not.toBeNull());
    expect(row(old)).not.toBeNull();
    aheadMs = 6_000;
    timers.fire();
    await vi.waitFor(() => expect(row(old)).toBeNull());
    expect(row(replacement)).not.toBeNull();
  });

  it('rotation:did-change — a rotation started elsewhere shows "Retiring" on the old key’s row', async () => {
    await openKeyScreen();
    const old = idOf('Update KB');
    expect(within(row(old)!).queryByText('Retiring')).toBeNull();
    await services.rotation.start({ profileId, keyId: old, grace: '24h' });
    services.changes.rotationChanged(profileId); // main's emitter (the rotation service's onChange calls it after each journal write)
    await vi.waitFor(() => expect(within(row(old)!).getByText('Retiring')).toBeTruthy());
  });

  it('keychain:did-change — the keychain stops answering: the banner appears with Try again; it answers again: the banner goes', async () => {
    await openKeyScreen();
    const text = 'The system keychain is not answering: keys stored in it cannot be read or saved until it answers again.';
    expect(screen.queryByText(text)).toBeNull();
    tellKeychain({ available: false, reason: 'not-answering', messageKey: 'keychain.not-answering' });
    const notice = (await screen.findByText(text)).closest('.notice') as HTMLElement;
    expect(within(notice).getByRole('button', { name: 'Try again' })).toBeTruthy();
    tellKeychain({ available: true, backend: 'memory' });
    await vi.waitFor(() => expect(screen.queryByText(text)).toBeNull());
  });

  it('secrets:did-change — a key generated in another window shows here without its value; dismissed there, its card goes', async () => {
    await openKeyScreen();
    expect(cards()).toEqual([]);
    const generated = await services.credentials.generate(profileId, 'from-another-window', false);
    await vi.waitFor(() => expect(row(generated.key.id)).not.toBeNull());
    await vi.waitFor(() => expect(cards()).toEqual([expect.stringContaining('The API key from-another-window was generated but not saved yet')]));
    expect(document.body.innerHTML).not.toContain(generated.secret);
    services.secretActions.dismiss(generated.secretId);
    await vi.waitFor(() => expect(cards()).toEqual([]));
  });

  it('refreshAll:did-change — Refresh all runs in main: the panel follows its progress to the end; one started in main opens it here too', async () => {
    await services.profiles.add({ name: 'Second', endpoint: sim.endpoint, apiKey: sim.state.issueKey(userId, { name: 'second' }).secret });
    await openKeyScreen();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    const panel = await screen.findByRole('region', { name: 'Refresh all' });
    await vi.waitFor(() => expect(within(panel).getByText('2 of 2')).toBeTruthy());
    expect(within(panel).getAllByText('Up to date')).toHaveLength(2);
    await fireEvent.click(await within(panel).findByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Refresh all' })).toBeNull();

    await services.refreshAll.start(); // as another window would
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Refresh all' })).toBeTruthy());
    await services.refreshAll.finished();
  });

  it('profiles:did-change — a profile added elsewhere (the command line through the app) shows in the sidebar; removed, it goes', async () => {
    await openKeyScreen();
    const sidebarButton = (): HTMLElement | null => screen.queryByRole('button', { name: /^Added elsewhere\b/ });
    expect(sidebarButton()).toBeNull();
    const other = await services.profiles.add({
      name: 'Added elsewhere',
      endpoint: sim.endpoint,
      apiKey: sim.state.issueKey(userId, { name: 'cli' }).secret,
    });
    await vi.waitFor(() => expect(sidebarButton()).not.toBeNull());
    await services.profiles.remove(other.id);
    await vi.waitFor(() => expect(sidebarButton()).toBeNull());
    expect(row(idOf('Update KB'))).not.toBeNull(); // the open profile's screen is left as it was
  });

  it('profiles:did-change — the open profile removed elsewhere: the screen moves on to the profile left', async () => {
    await services.profiles.add({ name: 'Second', endpoint: sim.endpoint, apiKey: sim.state.issueKey(userId, { name: 'second' }).secret });
    await openKeyScreen();
    expect(document.querySelector('[aria-current]')?.textContent).toContain('Acme');
    await services.profiles.remove(profileId);
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: /^Acme\b/ })).toBeNull());
    await vi.waitFor(() => expect(document.querySelector('[aria-current]')?.textContent).toContain('Second'));
  });

  it('a window that closed gets nothing, and main goes on', async () => {
    await openKeyScreen();
    expect(rendererListeners('keys:did-change')).toBe(1);
    win.close();
    const before = win.received;
    const gone = idOf('Update KB');
    await services.credentials.revoke(profileId, gone, false);
    await services.changes.idle();
    expect(win.received).toBe(before);
    expect(row(gone)).not.toBeNull();
  });
});

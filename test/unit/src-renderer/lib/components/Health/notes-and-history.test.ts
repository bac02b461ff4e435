// Issue 17 item 11 on screen, with main's real services behind the bridge (the dispatcher main runs, the simulator over loopback,
// real files): a note holding markup shows as text in Key health and in search results; a note too long shows main's field error
// in words; a damaged key-use history file is told once, as a warning naming the copy.
import fs from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor } from '@testing-library/svelte';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import KeyHealthView from '../../../../../../src-renderer/src/lib/components/Health/KeyHealthView.svelte';
import KeySearch from '../../../../../../src-renderer/src/lib/components/Layout/KeySearch.svelte';
import ErrorAlert from '../../../../../../src-renderer/src/lib/components/Common/ErrorAlert.svelte';
import Notices from '../../../../../../src-renderer/src/lib/components/Layout/Notices.svelte';
import { health } from '../../../../../../src-renderer/src/lib/state/health.svelte';
import { keySearch } from '../../../../../../src-renderer/src/lib/state/search.svelte';
import { notices } from '../../../../../../src-renderer/src/lib/state/notices.svelte';
import { createBridge } from '../../../../../../src-preload/contract/bridge';
import type { ProfileSummary } from '../../../../../../src-preload/contract/models';
import { createDispatcher } from '../../../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../../src-main/services/keychain/memory-keychain';
import { SimState } from '../../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, makeTempDir, removeTempDir } from '../../../../src-main/helpers';
import { resetAll } from '../../../helpers';

const accessKey = 'notes-ui-access-key-1a2b3c4d5e6f7a8b9c0d';
const markup = '<img src=x onerror="window.__pwned=1"><b>bold</b><script>window.__pwned=2</script>';

let sim: Simulator;
let dir: string;
let app: AppServices;
let profile: ProfileSummary;
let keyId: string;
const keychain = createMemoryKeychain();
const open = (): Promise<AppServices> =>
  createAppServices({ dataDir: dir, storeBackend: confStoreBackend, keychain, clipboard: new MemoryClipboard(), version: '0.0.0-test' });
/** `window.cloudmc` over main's own dispatcher and handlers, each answer checked against the contract. */
const bridgeTo = (services: AppServices): void => {
  const dispatch = createDispatcher(
    createHandlers(services),
    createLogger(() => undefined),
    { checkOutputs: true },
  );
  window.cloudmc = createBridge((channel, input) => dispatch(channel, input));
};

beforeAll(async () => {
  const state = new SimState();
  const { user } = seedAccessUser(state, { apiKey: accessKey });
  keyId = state.issueKey(user.id, { name: 'deploy', creationDate: new Date(Date.now() - 200 * 86_400_000).toISOString() }).key.id;
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-notes-ui-');
  app = await open();
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  await app.credentials.refresh(profile.id);
  app.health.setNote(profile.id, keyId, markup);
});
afterAll(async () => {
  await sim?.close();
  removeTempDir(dir);
});
beforeEach(() => {
  resetAll('en');
  health.reset();
  bridgeTo(app);
});

/** True when no element came from the note's markup and nothing of it ran. */
const nothingInterpreted = (container: HTMLElement): boolean =>
  container.querySelector('img, script, b') === null && (window as { __pwned?: unknown }).__pwned === undefined;

describe('a note holding markup is text everywhere', () => {
  it('Key health shows the note as the text typed', async () => {
    const { container } = render(KeyHealthView, { profiles: [profile], onshowkey: () => undefined });
    await waitFor(() => expect(container.textContent).toContain(markup));
    expect(nothingInterpreted(container)).toBe(true);
  });

  it('a search that matches the note lists the key, and nothing of the note becomes an element', async () => {
    const { container } = render(KeySearch, { onselect: () => undefined });
    keySearch.setQuery('onerror');
    await screen.findByText('deploy');
    expect(nothingInterpreted(container)).toBe(true);
  });
});

describe("main's field error for a note too long, on screen", () => {
  it.each([
    ['en', 'A note can have at most 500 characters.'],
    ['fr', 'Une note peut contenir au plus 500 caractères.'],
    ['es', 'Una nota puede tener como máximo 500 caracteres.'],
  ] as const)('%s: a 1 MB note gets "%s"', async (language, text) => {
    resetAll(language);
    bridgeTo(app);
    const error = await health.setNote(profile.id, keyId, 'n'.repeat(1_000_000));
    render(ErrorAlert, { error });
    expect(screen.getByRole('alert').textContent).toBe(text);
    expect(app.health.noteOf(profile.id, keyId)).toBe(markup);
  });
});

describe('a damaged key-use history file', () => {
  it('is told once, as a warning naming the profile and the copy kept', async () => {
    const file = path.join(dir, 'key-history', `${profile.id}.json`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
    const restarted = await open();
    bridgeTo(restarted);
    await health.load();
    expect(notices.items).toHaveLength(1);
    const { container } = render(Notices, { items: notices.items, ondismiss: () => undefined });
    expect(container.textContent).toMatch(/key-use history of .*Acme.* was damaged/);
    expect(container.textContent).toContain(`${path.basename(file)}.corrupt-`);
    await health.load();
    expect(notices.items).toHaveLength(1);
  });
});

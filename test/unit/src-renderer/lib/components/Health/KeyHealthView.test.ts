// Issue 19 item 6 on screen, with main's real services behind the bridge: Key health is a triage queue. A 5,000-key profile with
// 1,500 findings renders a bounded number of rows; the queue follows main's order (severity, grouped by profile); "used by this
// app" is shown apart, never as a finding; selected findings are snoozed with a note (main keeps it) and come back when the snooze
// ends; revoking selected keys asks first; the wording reads right; headings go h1 > h2 > h3.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import KeyHealthView from '../../../../../../src-renderer/src/lib/components/Health/KeyHealthView.svelte';
import { health } from '../../../../../../src-renderer/src/lib/state/health.svelte';
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

const DAY = 86_400_000;
const accessKey = 'queue-ui-access-key-1a2b3c4d5e6f7a8b9c0d';

let sim: Simulator;
let state: SimState;
let userId: string;
let dir: string;
let app: AppServices;
let profile: ProfileSummary;

beforeAll(async () => {
  state = new SimState();
  const { user } = seedAccessUser(state, { apiKey: accessKey });
  userId = user.id;
  const now = Date.now();
  for (let i = 0; i < 5000; i++) {
    const neverUsed = i % 10 < 3; // 1,500 keys never used
    state.issueKey(user.id, {
      name: `svc-${String(i).padStart(4, '0')}`,
      creationDate: new Date(now - 120 * DAY).toISOString(),
      ...(neverUsed ? {} : { lastUsedDate: new Date(now - DAY).toISOString(), lastUsedIp: '203.0.113.9' }),
    });
  }
  state.issueKey(user.id, { name: 'key-abc123', creationDate: new Date(now - DAY).toISOString(), lastUsedDate: new Date(now).toISOString() });
  sim = await startSimulator({ state });
  dir = makeTempDir('cmc-queue-ui-');
  app = await createAppServices({
    dataDir: dir,
    storeBackend: confStoreBackend,
    keychain: createMemoryKeychain(),
    clipboard: new MemoryClipboard(),
    version: '0.0.0-test',
  });
  profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
  await app.credentials.refresh(profile.id);
}, 60_000);
afterAll(async () => {
  await sim?.close();
  removeTempDir(dir);
});
beforeEach(() => {
  resetAll('en');
  health.reset();
  const dispatch = createDispatcher(
    createHandlers(app),
    createLogger(() => undefined),
    { checkOutputs: true },
  );
  window.cloudmc = createBridge((channel, input) => dispatch(channel, input));
});

const queue = (): HTMLElement => screen.getByRole('list', { name: 'Findings' });
const findingRows = (): HTMLElement[] =>
  within(queue())
    .queryAllByRole('checkbox')
    .map((c) => c.closest('li')!);

describe('Key health as a triage queue', () => {
  it('1,500 findings: a bounded number of rows, in main\'s order, "used by this app" apart, headings in order, plain wording', async () => {
    const { container } = render(KeyHealthView, { profiles: [profile], onshowkey: () => undefined });
    await waitFor(() => expect(screen.getByRole('status')?.textContent).toContain('1,501 findings'));
    expect(findingRows().length).toBeGreaterThan(3);
    expect(container.querySelectorAll('li').length).toBeLessThan(120);
    // Main's order: never used (severity 3) before the default name (severity 5).
    expect(findingRows()[0]?.textContent).toContain('Never used');
    expect(findingRows()[0]?.textContent).toContain('generated 120 days ago');
    expect(container.textContent).not.toContain('more than');
    // The profile's own key is a fact, apart from the queue.
    expect(within(queue()).queryByText('Used by this app')).toBeNull();
    expect(screen.getByRole('region', { name: /For information/ })?.textContent).toContain('Used by this app');
    const levels = [...container.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });

  it('snoozes selected findings with a note (they leave the queue), shows them on request, and ends the snooze', async () => {
    render(KeyHealthView, { profiles: [profile], onshowkey: () => undefined });
    await waitFor(() => expect(screen.getByRole('status')?.textContent).toContain('1,501 findings'));
    const [first, second] = findingRows();
    const names = [first!, second!].map((row) => row.querySelector('.key')!.textContent!);
    await fireEvent.click(within(first!).getByRole('checkbox'));
    await fireEvent.click(within(second!).getByRole('checkbox'));
    await fireEvent.click(screen.getByRole('button', { name: 'Snooze' }));
    const dialog = screen.getByRole('dialog', { name: /Snooze 2 findings/ });
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'For' }), { target: { value: '30d' } });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Note' }), { target: { value: 'decommissioning next sprint' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Snooze' }));
    await waitFor(() => expect(screen.getByRole('status')?.textContent).toContain('1,499 findings'));
    for (const name of names) expect(within(queue()).queryByText(name)).toBeNull();
    // Main kept them, with the note.
    const report = await app.health.findings();
    expect(report.snoozed.map((f) => f.snooze.note)).toEqual(['decommissioning next sprint', 'decommissioning next sprint']);

    await fireEvent.click(screen.getByRole('button', { name: 'Show snoozed (2)' }));
    const snoozed = screen.getByRole('list', { name: /^Snoozed/ });
    expect(snoozed?.textContent).toContain('decommissioning next sprint');
    expect(snoozed?.textContent).toContain(names[0]!);
    await fireEvent.click(within(snoozed).getAllByRole('button', { name: /^End snooze/ })[0]!);
    await waitFor(() => expect(screen.getByRole('status')?.textContent).toContain('1,500 findings'));
    await app.health.unsnooze(report.snoozed.map((f) => ({ profileId: f.profileId, keyId: f.keyId, kind: f.kind as 'never-used' })));
  });

  it('revokes selected keys only after asking', async () => {
    render(KeyHealthView, { profiles: [profile], onshowkey: () => undefined });
    await waitFor(() => expect(screen.getByRole('status')?.textContent).toMatch(/findings/));
    const row = findingRows()[0]!;
    const name = row.querySelector('.key')!.textContent!;
    await fireEvent.click(within(row).getByRole('checkbox'));
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 API key?' });
    expect(dialog?.textContent).toContain(name);
    expect(state.listKeys(userId).some((k) => k.name === name)).toBe(true);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(state.listKeys(userId).some((k) => k.name === name)).toBe(false));
    await waitFor(() => expect(within(queue()).queryByText(name)).toBeNull());
  });
});

// Issue 17 item 11, notes: a note is bounded by the contract and by main, a note too long is refused with a precise field error
// (from the bridge's check and from the service alike) and nothing is written; a note holding markup is kept as the text it is.
// Real services over real files, the dispatcher main runs behind the bridge.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../../../src-main/ipc/handlers';
import { createLogger } from '../../../../../src-main/log';
import { createAppServices, type AppServices } from '../../../../../src-main/services/app-services';
import { createMemoryKeychain } from '../../../../../src-main/services/keychain/memory-keychain';
import { healthReportSchema, keyNoteMaxCodePoints } from '../../../../../src-preload/contract/health';
import { keySearchResultSchema, type ProfileSummary } from '../../../../../src-preload/contract/models';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedAccessUser } from '../../../../cloudmc-sim/seed';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { MemoryClipboard, confStoreBackend, failureOf, makeTempDir, removeTempDir, translation, uiLanguages } from '../../helpers';

const accessKey = 'notes-access-key-1a2b3c4d5e6f7a8b9c0d1e';
const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>{count} &amp; \u202Eevil';
/** The error main answers for a note over the limit, whichever check refused it. */
const tooLong = {
  code: 'invalid-input',
  kind: 'invalid',
  messageKey: 'notes.tooLong',
  details: { field: 'note', reason: 'too-long', max: keyNoteMaxCodePoints },
};

describe('key notes: bounded, refused precisely, kept as text', () => {
  let sim: Simulator;
  let dir: string;
  let app: AppServices;
  let dispatch: Dispatch;
  let profile: ProfileSummary;
  let keyId: string;
  const notesFile = (): string => path.join(dir, 'key-notes.json');

  beforeAll(async () => {
    const state = new SimState();
    const { user } = seedAccessUser(state, { apiKey: accessKey });
    keyId = state.issueKey(user.id, { name: 'deploy', creationDate: new Date(Date.now() - 200 * 86_400_000).toISOString() }).key.id;
    sim = await startSimulator({ state });
    dir = makeTempDir('cmc-notes-');
    app = await createAppServices({
      dataDir: dir,
      storeBackend: confStoreBackend,
      keychain: createMemoryKeychain(),
      clipboard: new MemoryClipboard(),
      version: '0.0.0-test',
    });
    dispatch = createDispatcher(
      createHandlers(app),
      createLogger(() => undefined),
      { checkOutputs: true },
    );
    profile = await app.profiles.add({ name: 'Acme', endpoint: sim.endpoint, apiKey: accessKey });
    await app.credentials.refresh(profile.id);
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDir(dir);
  });

  it.each([
    ['a 1 MB note', 'n'.repeat(1_000_000)],
    ['one character over the limit', 'é'.repeat(keyNoteMaxCodePoints + 1)],
    ['500 emoji and one more (counted as characters, not UTF-16 units)', '🔑'.repeat(keyNoteMaxCodePoints + 1)],
  ])('%s, through the bridge: a precise field error, nothing written', async (_what, note) => {
    app.health.setNote(profile.id, keyId, 'kept');
    const before = fs.readFileSync(notesFile(), 'utf8');
    expect(await dispatch('health:setNote', { profileId: profile.id, keyId, note })).toEqual({ ok: false, error: tooLong });
    expect(fs.readFileSync(notesFile(), 'utf8')).toBe(before);
    expect(app.health.noteOf(profile.id, keyId)).toBe('kept');
  });

  it('a note over the limit given to the service itself: the same error', async () => {
    expect(await failureOf(Promise.resolve().then(() => app.health.setNote(profile.id, keyId, 'x'.repeat(keyNoteMaxCodePoints + 1))))).toEqual(
      tooLong,
    );
  });

  it('exactly the limit is kept (emoji count once); the error says the limit in words in every language', async () => {
    const longest = '🔑'.repeat(keyNoteMaxCodePoints);
    expect(await dispatch('health:setNote', { profileId: profile.id, keyId, note: longest })).toEqual({ ok: true, value: { note: longest } });
    for (const language of uiLanguages) expect(translation(language, 'notes.tooLong')).toContain('{max}');
  });

  it('a note holding markup is stored, found and answered as the very text typed (never interpreted, never sent to CloudMC)', async () => {
    expect(await dispatch('health:setNote', { profileId: profile.id, keyId, note: markup })).toEqual({ ok: true, value: { note: markup } });
    const report = await dispatch('health:findings', {});
    expect(report.ok && healthReportSchema.parse(report.value).findings.find((f) => f.keyId === keyId)?.note).toBe(markup);
    const search = await dispatch('keys:search', { query: 'onerror' });
    expect(search.ok && keySearchResultSchema.parse(search.value).hits).toEqual([
      expect.objectContaining({ key: expect.objectContaining({ id: keyId }), matched: 'note', note: markup }),
    ]);
    expect(sim.requests.some((r) => r.path.includes('onerror'))).toBe(false);
  });
});

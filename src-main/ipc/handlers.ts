// One handler per operation, in the same shape as the operations table: each calls one service use-case with an already-parsed input.
import type { Domain, ParsedInput, ChannelOutput, VerbOf, Channel } from '../../src-preload/contract';
import { searchResultsDefault } from '../../src-preload/contract/limits';
import type { AppServices } from '../services/app-services';
import { storeNoticeFor } from './store-notice';
import { openProfileScreen } from '../services/profile-screen';

/** A handler for each operation, typed by the contract. */
export type Handlers = {
  [D in Domain]: { [V in VerbOf<D>]: (input: ParsedInput<`${D}:${V}` & Channel>) => Promise<ChannelOutput<`${D}:${V}` & Channel>> };
};

/** Builds the handler table over the app's services. */
export function createHandlers(app: AppServices): Handlers {
  const { settings, profiles, credentials, secretActions, clipboard, storedCopies, transfer, gate } = app;
  const done = async (work: Promise<unknown> | unknown): Promise<null> => {
    await work;
    return null;
  };
  return {
    app: {
      getState: async () => ({
        version: app.version,
        settings: settings.get(),
        keychain: await app.keychainStatus(),
        profiles: await profiles.list(),
        lastProfileId: app.stores.uiState.read().lastProfileId,
        shortcuts: profiles.shortcuts(),
        storeNotice: storeNoticeFor(app.stores),
        readOnly: app.stores.config.readOnly,
        dataProblem: app.stores.problem ?? null,
        defaultEndpoint: app.defaultEndpoint,
      }),
      cancelRequest: async ({ requestId }) => done(app.cancelRequest(requestId)),
      retryKeychain: () => app.retryKeychain(),
    },
    settings: {
      update: async (input) => {
        const saved = settings.update(input);
        if (input.updates !== undefined) app.updates.settingsChanged();
        return saved;
      },
    },
    profiles: {
      list: () => profiles.list(),
      add: ({ requestId, ...input }) => profiles.add(input, requestId),
      provideAccessKey: ({ profileId, apiKey, requestId }) => profiles.provideAccessKey(profileId, apiKey, requestId),
      open: ({ profileId }) => openProfileScreen(app, profileId),
      update: ({ profileId, requestId, ...change }) => profiles.update(profileId, change, requestId),
      duplicate: ({ profileId }) => profiles.duplicate(profileId),
      remove: ({ profileId }) => done(profiles.remove(profileId)),
      export: async ({ profileIds }) => transfer.exportProfiles(profileIds),
      import: ({ json, replace }) => transfer.importProfiles(json, replace),
      pin: async ({ profileId, pinned }) => profiles.pin(profileId, pinned),
    },
    keys: {
      listCached: ({ profileId }) => credentials.listCached(profileId),
      refresh: ({ profileId, requestId }) => credentials.refresh(profileId, requestId),
      search: async ({ query, limit }) => credentials.searchCached(query, limit ?? searchResultsDefault),
      // A restart (update, data removal) waits for a Generate in flight, and refuses a new one once decided (security.md 47).
      generate: ({ profileId, name, storeInKeychain }) => gate.run('generate', () => credentials.generate(profileId, name, storeInKeychain)),
      rename: ({ profileId, keyId, name, requestId }) => credentials.rename(profileId, keyId, name, requestId),
      revoke: ({ profileId, keyId, removeStoredCopy, requestId }) => credentials.revoke(profileId, keyId, removeStoredCopy ?? false, requestId),
      maybeCreated: async ({ profileId }) => {
        profiles.get(profileId); // profile-not-found for a profile that is gone
        return app.maybeCreated.list(profileId);
      },
      dismissMaybeCreated: async ({ profileId, intentId }) => app.maybeCreated.dismiss(profileId, intentId),
    },
    refreshAll: {
      start: () => app.refreshAll.start(),
      cancel: async () => done(app.refreshAll.cancel()),
      current: async () => app.refreshAll.current(),
    },
    secrets: {
      copy: ({ secretId }) => secretActions.copy(secretId),
      copyAsEnv: ({ secretId }) => secretActions.copyAsEnv(secretId),
      store: ({ secretId }) => done(secretActions.store(secretId)),
      dismiss: ({ secretId }) => done(secretActions.dismiss(secretId)),
      listPending: async () => app.oneTimeSecrets.list(),
    },
    copies: {
      list: ({ profileId }) => storedCopies.list(profileId),
      copy: ({ profileId, keyId }) => storedCopies.copy(profileId, keyId),
      remove: ({ profileId, keyId }) => done(storedCopies.remove(profileId, keyId)),
      checkOrphans: ({ profileId, requestId }) => storedCopies.checkOrphans(profileId, requestId),
      removeOrphans: ({ profileId, keyIds, requestId }) => storedCopies.removeOrphans(profileId, keyIds, requestId),
    },
    clipboard: {
      copyText: ({ text }) => clipboard.copyText(text),
    },
    policy: {
      get: async () => app.policy.view(),
    },
    rotation: {
      plan: ({ profileId, keyId }) => app.rotation.plan(profileId, keyId),
      start: (input) => gate.run('rotation', () => app.rotation.start(input)),
      list: async ({ profileId }) => app.rotation.list(profileId),
      confirmRetire: ({ rotationId }) => gate.run('rotation', () => app.rotation.confirmRetire(rotationId)),
      cancelRetire: ({ rotationId }) => gate.run('rotation', () => app.rotation.cancelRetire(rotationId)),
      revokeNow: ({ rotationId }) => gate.run('rotation', () => app.rotation.revokeNow(rotationId)),
      resume: ({ rotationId }) => gate.run('rotation', () => app.rotation.resume(rotationId)),
      revokeOrphans: ({ rotationId }) => gate.run('rotation', () => app.rotation.revokeOrphans(rotationId)),
      dismiss: async ({ rotationId }) => done(app.rotation.dismiss(rotationId)),
    },
    health: {
      findings: ({ profileId }) => app.health.findings(profileId),
      activity: ({ profileId, requestId }) => app.health.activity(profileId, requestId),
      cachedActivity: async ({ profileId }) => app.health.cachedActivity(profileId),
      notes: async ({ profileId }) => app.health.notes(profileId),
      setNote: async ({ profileId, keyId, note }) => app.health.setNote(profileId, keyId, note),
      export: ({ what, format, profileId }) => app.health.export(what, format, profileId),
      snooze: async ({ findings, period, note }) => app.health.snooze(findings, period, note),
      unsnooze: async ({ findings }) => app.health.unsnooze(findings),
    },
    changes: {
      forProfile: async ({ profileId }) => app.keyChanges.forProfile(profileId),
      all: async () => app.keyChanges.all(),
      markSeen: async ({ profileId }) => app.keyChanges.markSeen(profileId),
    },
    updates: {
      status: async () => app.updates.status(),
      restart: async () => done(app.updates.restart()),
    },
    data: {
      removalPlan: () => app.dataRemoval.plan(),
      removeAll: ({ confirmation }) => app.dataRemoval.removeAll(confirmation),
    },
  };
}

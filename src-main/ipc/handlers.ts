// One handler per channel: each calls one service use-case with an already-parsed input.
import type { Channel, ChannelInput, ChannelOutputs } from '../../src-preload/contract';
import type { AppServices } from '../services/app-services';
import { storeNoticeFor } from './store-notice';

/** A handler for each channel, typed by the contract. */
export type Handlers = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutputs[C]> };

/** Builds the handler table over the app's services. */
export function createHandlers(app: AppServices): Handlers {
  const { settings, profiles, credentials, secretActions, clipboard, storedCopies, transfer } = app;
  const done = async (work: Promise<unknown> | unknown): Promise<null> => {
    await work;
    return null;
  };
  return {
    'app:cancel-request': async ({ requestId }) => done(app.cancelRequest(requestId)),
    'app:retry-keychain': () => app.retryKeychain(),
    'app:get-state': async () => ({
      version: app.version,
      settings: settings.get(),
      keychain: await app.keychainStatus(),
      profiles: await profiles.list(),
      lastProfileId: app.stores.config.read().lastProfileId,
      storeNotice: storeNoticeFor(app.stores),
      readOnly: app.stores.config.readOnly,
      dataProblem: app.stores.problem ?? null,
      defaultEndpoint: app.defaultEndpoint,
    }),
    'settings:update-settings': async (input) => settings.update(input),
    'profiles:list-profiles': () => profiles.list(),
    'profiles:add-profile': ({ requestId, ...input }) => profiles.add(input, requestId),
    'profiles:provide-access-key': ({ profileId, apiKey, requestId }) => profiles.provideAccessKey(profileId, apiKey, requestId),
    'profiles:select-profile': ({ profileId }) => done(profiles.select(profileId)),
    'profiles:update-profile': ({ profileId, requestId, ...change }) => profiles.update(profileId, change, requestId),
    'profiles:duplicate-profile': ({ profileId }) => profiles.duplicate(profileId),
    'profiles:remove-profile': ({ profileId }) => done(profiles.remove(profileId)),
    'profiles:export-profiles': async ({ profileIds }) => transfer.exportProfiles(profileIds),
    'profiles:import-profiles': ({ json, replace }) => transfer.importProfiles(json, replace),
    'keys:list-cached': async ({ profileId }) => credentials.listCached(profileId),
    'keys:refresh-keys': ({ profileId, requestId }) => credentials.refresh(profileId, requestId),
    'keys:search-cached': async ({ query, limit }) => credentials.searchCached(query, limit ?? 200),
    'keys:generate-key': ({ profileId, name, storeInKeychain }) => credentials.generate(profileId, name, storeInKeychain),
    'keys:rename-key': ({ profileId, keyId, name, requestId }) => credentials.rename(profileId, keyId, name, requestId),
    'keys:revoke-key': ({ profileId, keyId, removeStoredCopy, requestId }) => credentials.revoke(profileId, keyId, removeStoredCopy ?? false, requestId),
    'secrets:copy-secret': ({ secretId }) => secretActions.copy(secretId),
    'secrets:store-secret': ({ secretId }) => done(secretActions.store(secretId)),
    'secrets:dismiss-secret': ({ secretId }) => done(secretActions.dismiss(secretId)),
    'secrets:list-pending': async () => app.oneTimeSecrets.list(),
    'copies:list-copies': ({ profileId }) => storedCopies.list(profileId),
    'copies:copy-stored': ({ profileId, keyId }) => storedCopies.copy(profileId, keyId),
    'copies:reveal-stored': ({ profileId, keyId }) => storedCopies.reveal(profileId, keyId),
    'copies:remove-copy': ({ profileId, keyId }) => done(storedCopies.remove(profileId, keyId)),
    'copies:remove-orphans': ({ profileId }) => storedCopies.removeOrphans(profileId),
    'clipboard:copy-text': ({ text }) => clipboard.copyText(text),
  };
}

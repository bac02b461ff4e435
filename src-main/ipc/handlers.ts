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
    'app:cancel-request': ({ requestId }) => done(credentials.cancelRefresh(requestId)),
    'app:retry-keychain': async () => app.keychainStatus(),
    'app:get-state': async () => ({
      version: app.version,
      settings: settings.get(),
      keychain: app.keychainStatus(),
      profiles: await profiles.list(),
      lastProfileId: app.stores.config.read().lastProfileId,
      storeNotice: storeNoticeFor(app.stores),
      readOnly: app.stores.config.readOnly,
      dataProblem: null,
      defaultEndpoint: app.defaultEndpoint,
    }),
    'settings:update-settings': async (input) => settings.update(input),
    'profiles:list-profiles': () => profiles.list(),
    'profiles:add-profile': (input) => profiles.add(input),
    'profiles:provide-access-key': ({ profileId, apiKey }) => profiles.provideAccessKey(profileId, apiKey),
    'profiles:select-profile': ({ profileId }) => done(profiles.select(profileId)),
    'profiles:update-profile': ({ profileId, ...change }) => profiles.update(profileId, change),
    'profiles:duplicate-profile': ({ profileId }) => profiles.duplicate(profileId),
    'profiles:remove-profile': ({ profileId }) => done(profiles.remove(profileId)),
    'profiles:export-profiles': async ({ profileIds }) => transfer.exportProfiles(profileIds),
    'profiles:import-profiles': async ({ json, replace }) => transfer.importProfiles(json, replace),
    'keys:list-cached': async ({ profileId }) => credentials.listCached(profileId),
    'keys:refresh-keys': ({ profileId, requestId }) => credentials.refresh(profileId, requestId),
    'keys:search-cached': async ({ query, limit }) => credentials.searchCached(query, limit ?? 200),
    'keys:generate-key': ({ profileId, name, storeInKeychain }) => credentials.generate(profileId, name, storeInKeychain),
    'keys:rename-key': async ({ profileId, keyId, name }) => ({ key: await credentials.rename(profileId, keyId, name), warning: null }),
    'keys:revoke-key': async ({ profileId, keyId, removeStoredCopy }) => {
      await credentials.revoke(profileId, keyId, removeStoredCopy ?? false);
      return { outcome: 'revoked', warning: null };
    },
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

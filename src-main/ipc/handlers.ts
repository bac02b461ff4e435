// One handler per channel: each calls one service use-case with an already-parsed input.
import type { Channel, ChannelInput, ChannelOutputs } from '../../src-preload/contract';
import type { AppServices } from '../services/app-services';
import { storeNoticeFor } from './store-notice';

/** A handler for each channel, typed by the contract. */
export type Handlers = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutputs[C]> };

/** Builds the handler table over the app's services. */
export function createHandlers(app: AppServices): Handlers {
  const { settings, profiles, credentials, secretActions, clipboard } = app;
  return {
    'app:get-state': async () => ({
      version: app.version,
      settings: settings.get(),
      keychain: app.keychainStatus(),
      profiles: await profiles.list(),
      lastProfileId: app.stores.config.read().lastProfileId,
      storeNotice: storeNoticeFor(app.stores),
      readOnly: app.stores.config.readOnly,
    }),
    'settings:update-settings': async (input) => settings.update(input),
    'profiles:list-profiles': () => profiles.list(),
    'profiles:add-profile': (input) => profiles.add(input),
    'profiles:provide-access-key': ({ profileId, apiKey }) => profiles.provideAccessKey(profileId, apiKey),
    'profiles:select-profile': async ({ profileId }) => {
      profiles.select(profileId);
      return null;
    },
    'profiles:remove-profile': async ({ profileId }) => {
      await profiles.remove(profileId);
      return null;
    },
    'keys:list-cached': async ({ profileId }) => credentials.listCached(profileId),
    'keys:refresh-keys': ({ profileId }) => credentials.refresh(profileId),
    'keys:generate-key': ({ profileId, name, storeInKeychain }) => credentials.generate(profileId, name, storeInKeychain),
    'keys:rename-key': ({ profileId, keyId, name }) => credentials.rename(profileId, keyId, name),
    'keys:revoke-key': async ({ profileId, keyId }) => {
      await credentials.revoke(profileId, keyId);
      return null;
    },
    'secrets:copy-secret': ({ secretId }) => secretActions.copy(secretId),
    'secrets:store-secret': async ({ secretId }) => {
      await secretActions.store(secretId);
      return null;
    },
    'secrets:dismiss-secret': async ({ secretId }) => {
      secretActions.dismiss(secretId);
      return null;
    },
    'clipboard:copy-text': ({ text }) => clipboard.copyText(text),
  };
}

// A command's services when the desktop app runs: each call goes over the app's channel to its own services (one writer of the data
// folder; the app's cache and open screen follow at once). Null when no app answers, and the CLI works as it does without one.
import type { KeychainStatus } from '../../src-preload/contract/models';
import type { MaybeCreated } from '../../src-preload/contract/maybe-created';
import { connectAppChannel } from '../services/app-channel/channel-client';
import type { CliContext } from './cli-context';
import { CliFailure, exitCodes } from './exit-codes';
import type { Translate } from './messages';

/** Connects to the app that holds the data dir's lock, for one command. */
export async function openRemoteContext(dataDir: string, command: { name: string; print: boolean }, t: Translate): Promise<CliContext | null> {
  const client = await connectAppChannel(dataDir, command.name, { lost: () => new CliFailure('app-gone', exitCodes.failed, t('data.app-gone')) });
  if (!client) return null;
  const { call } = client;
  return {
    throughApp: client.pid,
    services: {
      profiles: {
        list: () => call('profiles.list'),
        // The access key goes to the app: `profiles add` is the command that gives it.
        add: (input, requestId) => call('profiles.add', input, requestId ?? null),
        remove: (profileId) => call<null>('profiles.remove', profileId).then(() => undefined),
      },
      credentials: {
        listCached: (profileId) => call('credentials.listCached', profileId),
        refresh: (profileId, requestId) => call('credentials.refresh', profileId, requestId ?? null),
        // The value comes back only when the command prints it (or storing it failed: then it is the only copy).
        generate: (profileId, name, _store) => call('credentials.generate', profileId, name ?? null, command.print),
        rename: (profileId, keyId, name, requestId) => call('credentials.rename', profileId, keyId, name, requestId ?? null),
        revoke: (profileId, keyId, removeCopy, requestId) => call('credentials.revoke', profileId, keyId, removeCopy, requestId ?? null),
      },
      health: { findings: (profileId) => call('health.findings', profileId ?? null) },
      policy: { checkEndpoint: (endpoint) => call<null>('policy.checkEndpoint', endpoint).then(() => undefined) },
      maybeCreated: { list: (profileId) => call<MaybeCreated[]>('maybeCreated.list', profileId) },
      cancelRequest: (requestId) => void call('cancelRequest', requestId).catch(() => undefined),
    },
    vault: { get: (profileId) => call('accessKeys.get', profileId) },
    copies: { keyIds: (profileId) => call('copies.keyIds', profileId), read: (profileId, keyId) => call('copies.read', profileId, keyId) },
    keychainStatus: () => call<KeychainStatus>('keychainStatus'),
    settle: () => Promise.resolve(),
    releaseLock: () => Promise.resolve(client.close()),
    dispose: () => Promise.resolve(client.close()),
  };
}

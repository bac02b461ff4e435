// What the command line may ask the running app over its channel: the same service calls the CLI makes on its own, by name.
// `secret` marks the two that answer a value (an access key, a stored copy): only a `read`/`exec`/`run` session gets them.
import { fail } from '../../errors';
import type { AppServices } from '../app-services';

/** One operation the channel serves. */
interface ChannelOp {
  secret?: true;
  run(services: AppServices, args: unknown[]): unknown;
}

const str = (v: unknown): string => {
  if (typeof v !== 'string') throw fail('invalid-input');
  return v;
};
const optStr = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : str(v));
const bool = (v: unknown): boolean => v === true;

/** The operations, by the name the CLI's remote context calls them. */
export const channelOps: Record<string, ChannelOp> = {
  'profiles.list': { run: (s) => s.profiles.list() },
  'profiles.add': {
    run(s, [input, r]) {
      const i = (input ?? {}) as Record<string, unknown>;
      const caPem = optStr(i['caPem']);
      return s.profiles.add({ name: str(i['name']), endpoint: str(i['endpoint']), apiKey: str(i['apiKey']), ...(caPem ? { caPem } : {}) }, optStr(r));
    },
  },
  'profiles.remove': { run: (s, [p]) => s.profiles.remove(str(p)) },
  'credentials.listCached': { run: (s, [p]) => s.credentials.listCached(str(p)) },
  'credentials.refresh': { run: (s, [p, r]) => s.credentials.refresh(str(p), optStr(r)) },
  'credentials.generate': {
    // Stored in the keychain as the CLI always asks; the value comes back only for --print, or when storing failed (it is the only copy).
    async run(s, [p, name, reveal]) {
      const generated = await s.credentials.generate(str(p), optStr(name), true);
      if (!generated.storedInKeychain) return generated;
      s.secretActions.dismiss(generated.secretId); // kept in the keychain: no one-time notification to hold on the app's screen
      return bool(reveal) ? generated : { ...generated, secret: '' };
    },
  },
  'credentials.rename': { run: (s, [p, k, n, r]) => s.credentials.rename(str(p), str(k), str(n), optStr(r)) },
  'credentials.revoke': { run: (s, [p, k, remove, r]) => s.credentials.revoke(str(p), str(k), bool(remove), optStr(r)) },
  cancelRequest: { run: (s, [r]) => s.cancelRequest(str(r)) },
  'health.findings': { run: (s, [p]) => s.health.findings(optStr(p)) },
  'policy.checkEndpoint': { run: (s, [e]) => s.policy.checkEndpoint(str(e)) },
  'policy.problem': { run: (s) => s.policy.view().problem },
  'maybeCreated.list': { run: (s, [p]) => s.maybeCreated.list(str(p)) },
  keychainStatus: { run: (s) => s.keychainStatus() },
  'copies.keyIds': { run: (s, [p]) => s.copies.keyIds(str(p)) },
  'copies.read': { secret: true, run: (s, [p, k]) => s.copies.read(str(p), str(k)) },
  'accessKeys.get': { secret: true, run: (s, [p]) => s.accessKeys.get(str(p)) },
};

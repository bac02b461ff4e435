// What the open notification can do with its one-time value: copy it (alone or as environment variables), store it in the keychain, dismiss it.
import type { CopyOutcome } from '../../../src-preload/contract/models';
import type { ClipboardService } from '../clipboard/clipboard-service';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { OneTimeSecrets } from './one-time-secrets';

/** The notification's actions. */
export interface SecretActions {
  copy(secretId: string): Promise<CopyOutcome>;
  /** Copies `CLOUDMC_ENDPOINT=<the key's profile endpoint>` and `CLOUDMC_API_KEY=<value>` lines, under the same clipboard rules as copy. */
  copyAsEnv(secretId: string): Promise<CopyOutcome>;
  store(secretId: string): Promise<void>;
  dismiss(secretId: string): void;
}

/** Creates the notification's actions. */
export function createSecretActions(deps: {
  secrets: OneTimeSecrets;
  clipboard: ClipboardService;
  copies: KeychainCopies;
  /** The endpoint of a profile (profile-not-found when it is gone). */
  endpointOf: (profileId: string) => string;
}): SecretActions {
  const { secrets, clipboard, copies, endpointOf } = deps;
  return {
    async copy(secretId) {
      const pending = secrets.get(secretId);
      const outcome = await clipboard.copySecret(pending.value);
      pending.copied = true;
      return outcome;
    },
    async copyAsEnv(secretId) {
      const pending = secrets.get(secretId);
      const outcome = await clipboard.copySecret(envLines(endpointOf(pending.profileId), pending.value));
      pending.copied = true;
      return outcome;
    },
    async store(secretId) {
      const pending = secrets.get(secretId);
      await copies.store(pending.profileId, pending.keyId, pending.value);
      pending.stored = true;
    },
    dismiss(secretId) {
      secrets.dismiss(secretId);
    },
  };
}

/** The two environment variable lines (POSIX `.env` form, one per line). */
function envLines(endpoint: string, value: string): string {
  return `CLOUDMC_ENDPOINT=${endpoint}\nCLOUDMC_API_KEY=${value}\n`;
}

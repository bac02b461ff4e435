// Performs one step of a rotation (the machine's `Step`) against CloudMC, the keychain and the profile, and says what it came to as an
// `Outcome`. Never throws for an expected failure: a failure that may pass is `paused`, a removed profile `stopped`.
import type { AppError } from '../../../src-preload/contract/errors';
import type { KeysView } from '../../../src-preload/contract/models';
import { AppFailure, fail, toAppError } from '../../errors';
import type { CloudmcClient } from '../cloudmc/cloudmc-client';
import { uncertainAfterSend, type CredentialsService } from '../credentials/credentials-service';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { ProfileQueue } from '../profile-queue';
import type { ClientFactory, ProfileService } from '../profiles/profile-service';
import type { RotationRecord } from './rotation-journal';
import type { Outcome, Step } from './rotation-machine';
import { recentUseOf } from './rotation-plan';

/** A replacement's value while this process holds it, hidden from the logs until released or handed over. */
export class HeldValue {
  value: string | null = null;
  #release: (() => void) | null = null;
  readonly #hide: (value: string) => () => void;
  constructor(hide: (value: string) => () => void) {
    this.#hide = hide;
  }
  hold(value: string): void {
    if (this.value === value) return;
    this.drop();
    this.value = value;
    this.#release = this.#hide(value);
  }
  /** Gives the log hiding to whoever keeps the value now (the one-time notification). */
  handOver(): () => void {
    const release = this.#release ?? (() => undefined);
    this.#release = null;
    return release;
  }
  drop(): void {
    this.#release?.();
    this.#release = null;
    this.value = null;
  }
}

/** What performing a step came to, and the key screen when the step produced one (a revoke). */
export interface Performed {
  outcome: Outcome;
  view: KeysView | null;
}

/** What the steps are performed with. */
export interface StepDeps {
  profiles: ProfileService;
  credentials: CredentialsService;
  copies: KeychainCopies;
  queue: ProfileQueue;
  makeClient: ClientFactory;
  now: () => Date;
}

/** A failure that may pass (offline, CloudMC busy, keychain not answering, a local write): the rotation pauses. */
function isTransient(error: AppError): boolean {
  return (
    ['offline', 'rate-limited', 'server', 'uncertain', 'cancelled', 'local', 'internal'].includes(error.kind) || error.code === 'keychain-unavailable'
  );
}

/** The refusal the app gives when an action would revoke the key the profile signs in with. */
export const ownKeyInUse = (keyId: string): AppFailure =>
  fail('invalid-input', { messageKey: 'rotation.errors.own-key-in-use', details: { field: 'keyId', reason: 'signs-in', keyId } });

/** Creates the step performer. */
export function createRotationSteps(deps: StepDeps): (step: Step, record: RotationRecord, held: HeldValue) => Promise<Performed> {
  const { profiles, credentials, copies, now } = deps;
  const outcome = (o: Outcome): Performed => ({ outcome: o, view: null });
  const client = (record: RotationRecord): Promise<CloudmcClient> => profiles.client(record.profileId);

  /** Revokes a replacement that must not stay; false when it could not be (then it is listed as an orphan), or when the profile signs in with it. */
  const undo = async (record: RotationRecord, value: string | null): Promise<boolean> => {
    const keyId = record.newKeyId;
    if (keyId === null) return true;
    try {
      if (await profiles.signsInWith(record.profileId, keyId, value)) return false;
      await credentials.revoke(record.profileId, keyId, true);
      return true;
    } catch {
      return false;
    }
  };

  /** The replacement's value: held since generate, else read back from the keychain (a keychain that does not answer pauses: never "lost"). */
  const load = async (record: RotationRecord, held: HeldValue): Promise<string | null> => {
    if (held.value === null && record.newKeyId !== null) {
      const stored = await copies.read(record.profileId, record.newKeyId);
      if (stored !== null) held.hold(stored);
    }
    return held.value;
  };
  /** The value is nowhere: is the key still on CloudMC (an orphan) or gone? */
  const missing = async (record: RotationRecord): Promise<Performed> => {
    const keys = await (await client(record)).listKeys();
    return outcome({ kind: 'value-missing', live: keys.some((k) => k.id === record.newKeyId) });
  };

  const steps: { [K in Step['kind']]?: (record: RotationRecord, held: HeldValue) => Promise<Performed> } = {
    async generate(record, held) {
      let api: CloudmcClient;
      try {
        api = await client(record);
      } catch (e) {
        return outcome({ kind: 'refused', error: toAppError(e) }); // nothing was sent
      }
      try {
        const { key, secret } = await deps.queue.run(record.profileId, () => api.generateKey(record.newKeyName));
        held.hold(secret); // before anything could log it
        credentials.recordAdded(record.profileId, key); // in the cached list at once: no screen takes its keychain copy for an orphan
        return outcome({ kind: 'generated', keyId: key.id, keyName: key.name });
      } catch (e) {
        const error = toAppError(uncertainAfterSend(e, 'rotation.errors.may-exist'));
        // No answer, an unreadable one or a redirect: CloudMC may have made the key. A refusal from CloudMC itself: it did not.
        if (error.kind === 'uncertain' || error.code === 'redirect-refused') return outcome({ kind: 'no-answer', error });
        return outcome({ kind: 'refused', error });
      }
    },
    async 'find-replacement'(record, held) {
      const keys = await (await client(record)).listKeys();
      const known = new Set(record.knownKeyIds);
      const signsIn = profiles.get(record.profileId).accessKeyId;
      let adopted: string | null = null;
      const orphans: string[] = [];
      for (const key of keys.filter((k) => !known.has(k.id) && k.name === record.newKeyName)) {
        // Its value may have reached the keychain before the journal could say so: a key is lost only when the keychain lacks it.
        const value = await copies.read(record.profileId, key.id);
        if (value !== null && adopted === null) {
          adopted = key.id;
          held.hold(value);
        } else if (value === null && key.id !== signsIn) orphans.push(key.id);
      }
      return outcome({ kind: 'found', adopted, orphans });
    },
    async store(record, held) {
      if (held.value === null) {
        // After a restart: the value either reached the keychain before the app stopped, or it is lost.
        return (await load(record, held)) === null ? missing(record) : outcome({ kind: 'stored' });
      }
      try {
        await copies.store(record.profileId, record.newKeyId!, held.value);
        return outcome({ kind: 'stored' });
      } catch (e) {
        return outcome({ kind: 'store-failed', error: toAppError(e), revoked: await undo(record, held.value) });
      }
    },
    async verify(record, held) {
      const value = await load(record, held);
      if (value === null) return missing(record);
      try {
        const profile = profiles.get(record.profileId);
        const identity = await deps
          .makeClient({ endpoint: profile.endpoint, apiKey: value, ...(profile.caPem ? { ca: profile.caPem } : {}) })
          .currentUser();
        if (profile.identity && identity.userName !== profile.identity.userName)
          throw fail('forbidden', { messageKey: 'rotation.errors.other-user', details: { reason: 'other-user' } });
      } catch (e) {
        const error = toAppError(e);
        if (isTransient(error)) return outcome({ kind: 'paused', error });
        const revoked = await undo(record, value);
        const rejected = fail(error.code, {
          messageKey: revoked ? 'rotation.errors.new-key-rejected' : 'rotation.errors.new-key-rejected-kept',
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.details ? { details: error.details } : {}),
        }).appError;
        return outcome({ kind: 'rejected', error: rejected, revoked });
      }
      return outcome({ kind: 'verified' });
    },
    async switch(record, held) {
      const value = await load(record, held);
      if (value === null) return missing(record);
      await profiles.switchAccessKey(record.profileId, value, record.newKeyId!);
      return outcome({ kind: 'switched' });
    },
    async 'check-use'(record) {
      const old = (await (await client(record)).listKeys()).find((k) => k.id === record.oldKeyId);
      const lastUse = old ? recentUseOf(old, now(), record.ownKey ? record.switchedAt : null) : null;
      return outcome(lastUse ? { kind: 'used-recently', lastUse } : { kind: 'not-used-recently' });
    },
    async 'revoke-old'(record) {
      // Never the key the profile signs in with (a switch undone, or the profile edited to use the old key): it waits, with the reason.
      if (await profiles.signsInWith(record.profileId, record.oldKeyId, null))
        return outcome({ kind: 'paused', error: ownKeyInUse(record.oldKeyId).appError });
      const revoked = await credentials.revoke(record.profileId, record.oldKeyId, true);
      return { outcome: { kind: 'revoked' }, view: revoked.view };
    },
  };

  return async (step, record, held) => {
    const perform = steps[step.kind];
    if (!perform) return outcome({ kind: 'paused', error: fail('internal').appError }); // wait, ask-user, finished: the driver never asks
    try {
      return await perform(record, held);
    } catch (e) {
      const error = toAppError(e);
      return outcome(error.code === 'profile-not-found' ? { kind: 'stopped', error } : { kind: 'paused', error });
    }
  };
}

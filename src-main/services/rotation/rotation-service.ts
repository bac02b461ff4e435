// Rotates a key without downtime: replacement generated, stored in the keychain, verified with itself, the profile moved to it when it was
// the profile's own key, then the old key retired after a grace period. Each step is journaled first, so a crash resumes or rolls back.
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../src-preload/contract/errors';
import type { ApiKeyView, KeychainStatus, KeysView } from '../../../src-preload/contract/models';
import type { Grace, RotationChanged, RotationStarted, RotationView } from '../../../src-preload/contract/rotation';
import { AppFailure, fail, toAppError } from '../../errors';
import type { CancellableRequests } from '../cancellable-requests';
import type { CloudmcClient } from '../cloudmc/cloudmc-client';
import { checkKeyName, uncertainAfterSend, type CredentialsService } from '../credentials/credentials-service';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { ProfileQueue } from '../profile-queue';
import type { ClientFactory, ProfileService } from '../profiles/profile-service';
import type { OneTimeSecrets } from '../secrets/one-time-secrets';
import type { AppStores } from '../store/app-stores';
import { finishedStatuses, viewOf, type RotationJournal, type RotationRecord } from './rotation-journal';
import { checkGrace, defaultRotatedName, recentUseOf, retireAtOf } from './rotation-plan';
import { systemTimers, WakeUp, type RotationTimers } from './rotation-timer';

/** The rotation use-cases for the IPC layer, plus the start-up and timer entry points. */
export interface RotationService {
  start(input: {
    profileId: string;
    keyId: string;
    name?: string | undefined;
    grace: Grace;
    requestId?: string | undefined;
  }): Promise<RotationStarted>;
  /** Every rotation not dismissed, oldest first; one profile's when asked. */
  list(profileId?: string): RotationView[];
  /** Revokes the old key although CloudMC shows it used within the last hour (needs-confirmation). */
  confirmRetire(rotationId: string): Promise<RotationChanged>;
  /** Keeps the old key: the retirement is cancelled (both keys stay). */
  cancelRetire(rotationId: string): Promise<RotationChanged>;
  /** Revokes the old key now, without waiting for the grace period. */
  revokeNow(rotationId: string): Promise<RotationChanged>;
  /** "Try again" for a paused step. */
  resume(rotationId: string): Promise<RotationChanged>;
  /** Revokes the keys this rotation left that nobody can use. */
  revokeOrphans(rotationId: string): Promise<RotationChanged>;
  /** Forgets a finished rotation (refused while it lists orphans). */
  dismiss(rotationId: string): void;
  /** Takes every unfinished rotation as far as it can go now (at start-up); resolves when each has. */
  resumeAll(): Promise<void>;
  /** Runs what is due now (the timer's entry point). */
  runDue(): Promise<void>;
  /** When the timer will next wake, if it is armed. */
  nextWakeAt(): Date | null;
  /** Stops the timer (quit). */
  stop(): void;
  /** Drops a removed profile's rotations. */
  forget(profileId: string): void;
  /** True while a rotation step runs (from a click, the timer or the start-up resume): the app must not restart now. */
  busy(): boolean;
}

/** What the rotation service is built on. */
export interface RotationDeps {
  journal: RotationJournal;
  stores: AppStores;
  profiles: ProfileService;
  credentials: CredentialsService;
  copies: KeychainCopies;
  secrets: OneTimeSecrets;
  queue: ProfileQueue;
  requests: CancellableRequests;
  makeClient: ClientFactory;
  keychainStatus: () => Promise<KeychainStatus>;
  now: () => Date;
  /** Registers a key value with the log redactor; the result stops that. */
  hideFromLogs: (value: string) => () => void;
  timers?: RotationTimers;
  /** How long a paused step waits before it is tried again by itself. */
  retryDelayMs?: number;
}

/** A rotation step that cannot go on now but may later (offline, CloudMC busy, keychain not answering): the rotation pauses. */
function isTransient(error: AppError): boolean {
  return (
    ['offline', 'rate-limited', 'server', 'uncertain', 'cancelled', 'local', 'internal'].includes(error.kind) || error.code === 'keychain-unavailable'
  );
}

/** The failure of a replacement whose value was lost (the app stopped between CloudMC's answer and the keychain). */
const valueLost = (): AppError => fail('secret-gone', { messageKey: 'rotation.errors.value-lost', kind: 'uncertain' }).appError;

/** Creates the rotation service; call `resumeAll()` once the app's services exist. */
export function createRotationService(deps: RotationDeps): RotationService {
  const { journal, profiles, credentials, copies, secrets, queue, requests, now } = deps;
  const retryDelayMs = deps.retryDelayMs ?? 5 * 60 * 1000;
  const locks = new Map<string, Promise<unknown>>();
  const wake = new WakeUp(deps.timers ?? systemTimers, now, () => void runDue());

  /** Runs work on one rotation after any other work on it (the timer and a click never run the same step twice). */
  const exclusive = <T>(rotationId: string, work: () => Promise<T>): Promise<T> => {
    const previous = locks.get(rotationId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    locks.set(rotationId, tail);
    void tail.then(() => locks.get(rotationId) === tail && locks.delete(rotationId));
    return next;
  };

  const stamp = (): string => now().toISOString();

  /** Records a step (file first); returns the record as saved. */
  const save = (record: RotationRecord, change: Partial<RotationRecord>): RotationRecord => {
    const next: RotationRecord = { ...record, ...change, updatedAt: stamp() };
    journal.save(next); // a failed write after CloudMC acted: this session goes on from memory (a warning, never a lost value)
    return next;
  };
  const pause = (record: RotationRecord, error: AppError): RotationRecord =>
    save(record, { failure: error, retryAt: new Date(now().getTime() + retryDelayMs).toISOString() });
  const finish = (record: RotationRecord, status: 'done' | 'failed' | 'cancelled', change: Partial<RotationRecord> = {}): RotationRecord =>
    save(record, { status, retryAt: null, ...change });

  const require = (rotationId: string): RotationRecord => {
    const record = journal.get(rotationId);
    if (!record) throw fail('not-found', { messageKey: 'rotation.errors.not-found' });
    return record;
  };
  const connectionWith = (profileId: string, apiKey: string): CloudmcClient => {
    const profile = profiles.get(profileId);
    return deps.makeClient({ endpoint: profile.endpoint, apiKey, ...(profile.caPem ? { ca: profile.caPem } : {}) });
  };

  /** Puts the replacement in the cached list at once, so no screen (stored copies' orphan check included) takes its keychain copy for an orphan. */
  const cacheAdded = (profileId: string, key: ApiKeyView): void => {
    credentials.recordAdded(profileId, key); // ordered with refreshes in flight, like a generate
  };

  /** The replacement's value from the keychain (after a restart), or null when it never got there. */
  const storedValue = async (record: RotationRecord): Promise<string | null> =>
    record.newKeyId === null ? null : copies.read(record.profileId, record.newKeyId);

  /** Keys with the replacement's name that were not there before it was asked for: what a generate with no answer may have made. */
  const candidatesOf = async (record: RotationRecord): Promise<string[]> => {
    const keys = await (await profiles.client(record.profileId)).listKeys();
    const known = new Set(record.knownKeyIds);
    return keys.filter((k) => !known.has(k.id) && k.name === record.newKeyName).map((k) => k.id);
  };

  /** Undoes a replacement that must not stay (its keychain copy failed, or CloudMC refused it): revoked, else listed as an orphan. */
  const rollBack = async (record: RotationRecord, why: AppError): Promise<RotationRecord> => {
    const keyId = record.newKeyId;
    if (keyId === null) return finish(record, 'failed', { failure: why });
    try {
      await credentials.revoke(record.profileId, keyId, true);
      return finish(record, 'failed', { failure: why, storedInKeychain: false });
    } catch {
      return finish(record, 'failed', { failure: why, orphanKeyIds: [...new Set([...record.orphanKeyIds, keyId])] });
    }
  };

  /** Authenticated call made with the new key; its identity must be the profile's. */
  const verify = async (record: RotationRecord, value: string): Promise<void> => {
    const identity = await connectionWith(record.profileId, value).currentUser();
    const expected = profiles.get(record.profileId).identity;
    if (expected && identity.userName !== expected.userName)
      throw fail('forbidden', { messageKey: 'rotation.errors.other-user', details: { reason: 'other-user' } });
  };

  /** Retires the old key: asks first when CloudMC shows it used within the last hour, unless the user already decided (`force`). */
  const retire = async (record: RotationRecord, force: boolean): Promise<{ record: RotationRecord; view: KeysView | null }> => {
    let current = record;
    if (!force) {
      let keys: ApiKeyView[];
      try {
        keys = await (await profiles.client(current.profileId)).listKeys();
      } catch (e) {
        return { record: pause(current, toAppError(e)), view: null };
      }
      const old = keys.find((k) => k.id === current.oldKeyId);
      if (old) {
        const lastUse = recentUseOf(old, now(), current.ownKey ? current.switchedAt : null);
        if (lastUse) return { record: save(current, { status: 'needs-confirmation', lastUse, failure: null, retryAt: null }), view: null };
      }
    }
    current = save(current, { status: 'revoking', failure: null, retryAt: null });
    try {
      const outcome = await credentials.revoke(current.profileId, current.oldKeyId, true);
      return { record: finish(current, 'done', { failure: null }), view: outcome.view };
    } catch (e) {
      // Revoke is idempotent (a second DELETE finds it gone, confirmed by a fresh list): the retirement stays scheduled and is tried again.
      return { record: pause(save(current, { status: force ? current.status : 'retiring' }), toAppError(e)), view: null };
    }
  };

  /** Moves a verified replacement on: the profile's own key first switches the profile, then the old key's retirement is scheduled. */
  const schedule = async (record: RotationRecord, value: string | null): Promise<RotationRecord> => {
    let current = record;
    if (current.ownKey && current.switchedAt === null) {
      current = save(current, { status: 'switching', failure: null, retryAt: null });
      const key = value ?? (await storedValue(current));
      if (key === null) return finish(current, 'failed', { failure: valueLost(), orphanKeyIds: [current.newKeyId ?? ''].filter(Boolean) });
      await profiles.switchAccessKey(current.profileId, key, current.newKeyId ?? '');
      current = save(current, { switchedAt: stamp() });
    }
    return save(current, { status: 'retiring', retireAt: retireAtOf(current.grace, now()).toISOString(), failure: null, retryAt: null });
  };

  /** Takes a rotation as far as it can go now; a failure that may pass pauses it where it stands. */
  const drive = async (start: RotationRecord, held: string | null = null): Promise<{ record: RotationRecord; view: KeysView | null }> => {
    let record = start;
    let value = held;
    let release: (() => void) | null = null;
    /** The replacement's value: the one held since generate, else read back from the keychain (and hidden from logs while held). */
    const load = async (r: RotationRecord): Promise<string | null> => {
      if (value !== null) return value;
      value = await storedValue(r);
      if (value !== null) release = deps.hideFromLogs(value);
      return value;
    };
    try {
      for (;;) {
        switch (record.status) {
          case 'generating': {
            // The app stopped (or lost the answer) after asking CloudMC: a key made then has a value nobody has. List it as an orphan.
            const orphans = await candidatesOf(record);
            const failure =
              orphans.length > 0 ? valueLost() : (record.failure ?? fail('secret-gone', { messageKey: 'rotation.errors.not-created' }).appError);
            return { record: finish(record, 'failed', { failure, orphanKeyIds: orphans }), view: null };
          }
          case 'storing':
          case 'verifying': {
            const key = await load(record);
            if (key === null) {
              const orphanKeyIds = record.newKeyId ? [record.newKeyId] : [];
              return { record: finish(record, 'failed', { failure: valueLost(), orphanKeyIds }), view: null };
            }
            if (record.status === 'storing') {
              record = save(record, { status: 'verifying', storedInKeychain: true }); // written before the app stopped: read back just now
              break;
            }
            try {
              await verify(record, key);
            } catch (e) {
              const error = toAppError(e);
              if (isTransient(error)) throw e;
              const rejected = fail(error.code, {
                messageKey: 'rotation.errors.new-key-rejected',
                ...(error.status !== undefined ? { status: error.status } : {}),
                ...(error.details ? { details: error.details } : {}),
              }).appError;
              return { record: await rollBack(record, rejected), view: null };
            }
            record = await schedule(record, value);
            break;
          }
          case 'switching':
            record = await schedule(record, await load(record));
            break;
          case 'retiring':
            if (record.retireAt !== null && Date.parse(record.retireAt) > now().getTime()) return { record, view: null };
            return await retire(record, false);
          case 'revoking':
            return await retire(record, true);
          default:
            return { record, view: null }; // needs-confirmation waits for the user; finished rotations are done
        }
      }
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      const error = e.appError;
      if (error.code === 'profile-not-found') return { record: finish(record, 'failed', { failure: error }), view: null };
      return { record: pause(record, error), view: null };
    } finally {
      (release as (() => void) | null)?.(); // set inside load(), which TypeScript's narrowing does not see
    }
  };

  /** The key screen after a change: the one an action answered, else a fresh list (the cached one when CloudMC cannot be reached). */
  const screenOf = async (profileId: string, view: KeysView | null): Promise<KeysView> => (view?.list ? view : credentials.refresh(profileId));

  /** The next moment the timer must wake for. */
  const rearm = (): void => {
    const moments = journal
      .all()
      .filter((r) => !finishedStatuses.has(r.status))
      .map((r) => (r.failure && r.retryAt ? r.retryAt : r.status === 'retiring' ? r.retireAt : null))
      .filter((at): at is string => at !== null)
      .map((at) => Date.parse(at));
    wake.set(moments.length > 0 ? new Date(Math.min(...moments)) : null);
  };

  const act = async (rotationId: string, work: (record: RotationRecord) => Promise<{ record: RotationRecord; view: KeysView | null }>) => {
    const { record, view } = await exclusive(rotationId, () => work(require(rotationId)));
    rearm();
    return { rotation: viewOf(record), view: await screenOf(record.profileId, view) };
  };

  const refuseUnless = (record: RotationRecord, allowed: RotationRecord['status'][]): void => {
    if (!allowed.includes(record.status))
      throw fail('invalid-input', { messageKey: 'rotation.errors.not-now', details: { field: 'status', reason: record.status } });
  };

  async function runDue(): Promise<void> {
    const due = journal
      .all()
      .filter((r) => !finishedStatuses.has(r.status) && r.status !== 'needs-confirmation')
      .filter((r) => {
        const at = r.failure && r.retryAt ? r.retryAt : r.status === 'retiring' ? r.retireAt : null;
        return at !== null && Date.parse(at) <= now().getTime();
      });
    for (const r of due) await exclusive(r.id, async () => drive(require(r.id))).catch(() => undefined);
    rearm();
  }

  return {
    async start(input) {
      // Refused up front, before CloudMC is asked anything: a rotated value nobody can find again is what rotation exists to prevent.
      const keychain = await deps.keychainStatus();
      if (!keychain.available)
        throw fail('keychain-unavailable', {
          messageKey: 'rotation.errors.keychain-required',
          kind: 'keychain',
          details: { reason: keychain.reason },
        });
      journal.requireWritable();
      checkGrace(input.grace, now());
      const chosen = input.name === undefined || input.name.trim() === '' ? undefined : checkKeyName(input.name);
      const profile = profiles.get(input.profileId);
      if (journal.all().some((r) => r.profileId === input.profileId && r.oldKeyId === input.keyId && !finishedStatuses.has(r.status)))
        throw fail('invalid-input', { messageKey: 'rotation.errors.already-rotating', details: { field: 'keyId', reason: 'rotating' } });

      const { signal, done } = requests.start(input.requestId);
      let keys: ApiKeyView[];
      try {
        keys = await (await profiles.client(input.profileId)).listKeys(signal);
      } finally {
        done();
      }
      const old = keys.find((k) => k.id === input.keyId);
      if (!old) throw fail('not-found', { messageKey: 'rotation.errors.key-gone' });
      const name = chosen ?? defaultRotatedName(old.name, now());
      const at = stamp();
      let record: RotationRecord = {
        id: randomUUID(),
        profileId: input.profileId,
        oldKeyId: old.id,
        oldKeyName: old.name,
        newKeyId: null,
        newKeyName: name,
        ownKey: profile.accessKeyId === old.id,
        status: 'generating',
        grace: input.grace,
        retireAt: null,
        lastUse: null,
        failure: null,
        retryAt: null,
        orphanKeyIds: [],
        storedInKeychain: false,
        startedAt: at,
        updatedAt: at,
        knownKeyIds: keys.map((k) => k.id),
        switchedAt: null,
      };
      // The first step must be on disk before CloudMC is asked: otherwise a crash could leave a key nobody knows about.
      const unwritten = journal.save(record);
      if (unwritten) {
        journal.remove(record.id);
        throw fail('store-write-failed', { ...(unwritten.details ? { details: unwritten.details } : {}) });
      }

      return exclusive(record.id, async (): Promise<RotationStarted> => {
        let generated: Awaited<ReturnType<CloudmcClient['generateKey']>>;
        try {
          generated = await queue.run(input.profileId, async () => (await profiles.client(input.profileId)).generateKey(name));
        } catch (e) {
          const error = toAppError(uncertainAfterSend(e, 'errors.generate-uncertain'));
          record = save(record, { failure: error });
          // No answer: CloudMC may have made the key. A refusal: it did not. Either way the old key is untouched.
          const settled = error.kind === 'uncertain' ? (await drive(record)).record : finish(record, 'failed', { failure: error });
          rearm();
          return { rotation: viewOf(settled), secretId: null, view: await credentials.refresh(input.profileId) };
        }
        const { key, secret } = generated;
        const release = deps.hideFromLogs(secret); // before anything could log it
        record = save(record, { status: 'storing', newKeyId: key.id, newKeyName: key.name });
        cacheAdded(input.profileId, key);
        let secretId: string | null = null;
        try {
          await copies.store(input.profileId, key.id, secret);
        } catch (e) {
          record = await rollBack(record, toAppError(e));
          if (record.orphanKeyIds.includes(key.id)) {
            // The replacement could be neither stored nor revoked: its value goes to the one-time notification, never lost.
            secretId = secrets.add({ profileId: input.profileId, keyId: key.id, keyName: key.name, value: secret, release }).secretId;
          } else release();
          rearm();
          return { rotation: viewOf(record), secretId, view: await credentials.refresh(input.profileId) };
        }
        record = save(record, { status: 'verifying', storedInKeychain: true });
        const driven = await drive(record, secret);
        record = driven.record;
        if (record.storedInKeychain && record.status !== 'failed' && record.status !== 'verifying')
          secretId = secrets.add({ profileId: input.profileId, keyId: key.id, keyName: key.name, value: secret, release }, true).secretId;
        else release();
        rearm();
        return { rotation: viewOf(record), secretId, view: await screenOf(input.profileId, driven.view) };
      });
    },
    list(profileId) {
      return journal
        .all()
        .filter((r) => profileId === undefined || r.profileId === profileId)
        .map(viewOf);
    },
    confirmRetire: (rotationId) =>
      act(rotationId, async (record) => {
        refuseUnless(record, ['needs-confirmation']);
        return retire(record, true);
      }),
    cancelRetire: (rotationId) =>
      act(rotationId, async (record) => {
        refuseUnless(record, ['verifying', 'switching', 'retiring', 'needs-confirmation']);
        return { record: finish(record, 'cancelled', { failure: null }), view: null };
      }),
    revokeNow: (rotationId) =>
      act(rotationId, async (record) => {
        refuseUnless(record, ['retiring', 'needs-confirmation', 'revoking']);
        return retire(record, true);
      }),
    resume: (rotationId) =>
      act(rotationId, async (record) => {
        if (finishedStatuses.has(record.status)) return { record, view: null };
        return drive(record);
      }),
    revokeOrphans: (rotationId) =>
      act(rotationId, async (record) => {
        let left = record.orphanKeyIds;
        let failure: AppError | null = null;
        let view: KeysView | null = null;
        for (const keyId of record.orphanKeyIds) {
          try {
            view = (await credentials.revoke(record.profileId, keyId, true)).view;
            left = left.filter((k) => k !== keyId);
          } catch (e) {
            failure = toAppError(e);
          }
        }
        return { record: save(record, { orphanKeyIds: left, ...(failure ? { failure } : {}) }), view };
      }),
    dismiss(rotationId) {
      const record = require(rotationId);
      refuseUnless(record, ['done', 'failed', 'cancelled']);
      if (record.orphanKeyIds.length > 0)
        throw fail('invalid-input', { messageKey: 'rotation.errors.orphans-left', details: { field: 'orphanKeyIds', reason: 'left' } });
      const warning = journal.remove(rotationId);
      if (warning) throw fail('store-write-failed', { ...(warning.details ? { details: warning.details } : {}) });
    },
    async resumeAll() {
      const open = journal.all().filter((r) => !finishedStatuses.has(r.status));
      for (const r of open) await exclusive(r.id, () => drive(require(r.id))).catch(() => undefined);
      rearm();
    },
    runDue,
    nextWakeAt: () => wake.at,
    stop: () => wake.clear(),
    forget(profileId) {
      for (const r of journal.all()) if (r.profileId === profileId) journal.remove(r.id);
      rearm();
    },
    busy: () => locks.size > 0,
  };
}

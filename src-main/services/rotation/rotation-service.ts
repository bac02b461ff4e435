// Rotates a key without downtime: replacement generated, stored in the keychain, verified with itself, the profile moved to it when it was
// the profile's own key, then the old key retired after a grace period. The rules live in rotation-machine.ts, each step in rotation-steps.ts,
// the order of steps and writes in rotation-driver.ts; this service takes one rotation per key, answers the IPC layer and wakes the timer.
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../src-preload/contract/errors';
import type { KeychainStatus, KeysView } from '../../../src-preload/contract/models';
import type { Grace, RotationChanged, RotationPlan, RotationStarted, RotationView } from '../../../src-preload/contract/rotation';
import { fail, toAppError } from '../../errors';
import type { CancellableRequests } from '../cancellable-requests';
import { checkKeyName, type CredentialsService } from '../credentials/credentials-service';
import type { KeychainCopies } from '../keychain/keychain-copies';
import type { ProfileQueue } from '../profile-queue';
import type { ClientFactory, ProfileService } from '../profiles/profile-service';
import type { OneTimeSecrets } from '../secrets/one-time-secrets';
import { createRotationDriver, type Reached } from './rotation-driver';
import { viewOf, type RotationJournal, type RotationRecord } from './rotation-journal';
import { advance, checkCommand, defaultPolicy, finishedStatuses, wakeAtOf } from './rotation-machine';
import { checkGrace, defaultRotatedName } from './rotation-plan';
import type { UiLanguage } from '../../../src-preload/contract/rules';
import { createRotationSteps, HeldValue, ownKeyInUse } from './rotation-steps';
import { systemTimers, WakeUp, type RotationTimers } from './rotation-timer';

/** The rotation use-cases for the IPC layer, plus the start-up and timer entry points. */
export interface RotationService {
  /** What the Rotate form offers for a key: the replacement's default name (main's rule, shortened to fit). */
  plan(profileId: string, keyId: string): Promise<RotationPlan>;
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
  /** Revokes the keys this rotation left that nobody can use (never the key the profile signs in with). */
  revokeOrphans(rotationId: string): Promise<RotationChanged>;
  /** Forgets a finished rotation (refused while it lists orphans). */
  dismiss(rotationId: string): void;
  /** Settles key switches left half done, then takes every unfinished rotation as far as it can go now (at start-up). */
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
  /** Told after every save or removal of one of the profile's rotations (the timer's included), so windows can be told. */
  onChange?: (profileId: string) => void;
  /** The user's UI language now (the replacement's default name is in it); English when absent. */
  language?: () => UiLanguage;
}

/** Statuses after which the replacement is ready to be shown in the one-time notification (stored, verified). */
const shownStatuses = new Set(['switching', 'retiring', 'needs-confirmation', 'revoking', 'done', 'cancelled']);

/** The refusal of a second rotation of a key: "already rotating", with the rotation under way. */
const alreadyRotating = (rotationId: string): never => {
  throw fail('invalid-input', { messageKey: 'rotation.errors.already-rotating', details: { field: 'keyId', reason: 'rotating', rotationId } });
};

/** Creates the rotation service; call `resumeAll()` once the app's services exist. */
export function createRotationService(deps: RotationDeps): RotationService {
  const { journal, profiles, credentials, copies, secrets, now } = deps;
  const policy = { ...defaultPolicy, ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}) };
  /** Rotations being started, by profile and key: taken before any await, so a second start of the key is refused. */
  const claims = new Map<string, string>();
  const wake = new WakeUp(deps.timers ?? systemTimers, now, () => void runDue());
  const held = (): HeldValue => new HeldValue(deps.hideFromLogs);
  const { persist, run, command, exclusive, busy } = createRotationDriver({
    journal,
    perform: createRotationSteps(deps),
    policy,
    now,
    onChange: deps.onChange,
  });
  const require = (rotationId: string): RotationRecord => {
    const record = journal.get(rotationId);
    if (!record) throw fail('not-found', { messageKey: 'rotation.errors.not-found' });
    return record;
  };

  /** The key screen after a change: the one an action answered, else a fresh list (the cached one when CloudMC cannot be reached). */
  const screenOf = async (profileId: string, view: KeysView | null): Promise<KeysView> => (view?.list ? view : credentials.refresh(profileId));

  /** When a record next needs the timer: a record the file lacks at its next try, else the machine's moment. */
  const dueAt = (r: RotationRecord): string | null => (journal.isUnsaved(r.id) ? r.retryAt : wakeAtOf(r, now()));

  /** Arms the timer for the earliest moment any rotation needs. */
  const rearm = (): void => {
    const moments = journal
      .all()
      .map(dueAt)
      .filter((at): at is string => at !== null)
      .map((at) => Date.parse(at));
    wake.set(moments.length > 0 ? new Date(Math.min(...moments)) : null);
  };

  const act = async (rotationId: string, work: (record: RotationRecord) => Promise<Reached>) => {
    const { record, view } = await exclusive(rotationId, () => work(require(rotationId)));
    rearm();
    return { rotation: viewOf(record), view: await screenOf(record.profileId, view) };
  };

  /** Refuses a second rotation of a key: an unfinished one in `records` (this process's, or the file's, written by another process). */
  const refuseIfRotating = (profileId: string, keyId: string, records: RotationRecord[]): void => {
    const open = records.find((r) => r.profileId === profileId && r.oldKeyId === keyId && !finishedStatuses.has(r.status));
    if (open) alreadyRotating(open.id);
  };

  /** Shows the replacement's value in the one-time notification when it is ready, or when nothing else holds it; else lets it go. */
  const handOut = (record: RotationRecord, value: HeldValue): string | null => {
    const keyId = record.newKeyId;
    const stranded = !record.storedInKeychain && keyId !== null && record.orphanKeyIds.includes(keyId);
    if (value.value === null || keyId === null || !(stranded || (record.storedInKeychain && shownStatuses.has(record.status)))) {
      value.drop();
      return null;
    }
    const secret = { profileId: record.profileId, keyId, keyName: record.newKeyName, value: value.value, release: value.handOver() };
    return secrets.add(secret, record.storedInKeychain).secretId;
  };

  /** Creates and writes a new rotation's first record; refused when it cannot be written (nothing asked of CloudMC then). */
  const begin = async (input: Parameters<RotationService['start']>[0], rotationId: string): Promise<RotationRecord> => {
    // Refused up front, before CloudMC is asked anything: a rotated value nobody can find again is what rotation exists to prevent.
    const keychain = await deps.keychainStatus();
    if (!keychain.available)
      throw fail('keychain-unavailable', { messageKey: 'rotation.errors.keychain-required', kind: 'keychain', details: { reason: keychain.reason } });
    journal.requireWritable();
    checkGrace(input.grace, now());
    const chosen = input.name === undefined || input.name.trim() === '' ? undefined : checkKeyName(input.name);
    const profile = profiles.get(input.profileId);
    refuseIfRotating(input.profileId, input.keyId, journal.readFromDisk()); // another process's rotation of the key
    const { signal, done } = deps.requests.start(input.requestId);
    let keys;
    try {
      keys = await (await profiles.client(input.profileId)).listKeys(signal);
    } finally {
      done();
    }
    const old = keys.find((k) => k.id === input.keyId);
    if (!old) throw fail('not-found', { messageKey: 'rotation.errors.key-gone' });
    const at = now().toISOString();
    const record: RotationRecord = {
      id: rotationId,
      profileId: input.profileId,
      oldKeyId: old.id,
      oldKeyName: old.name,
      newKeyId: null,
      newKeyName: chosen ?? defaultRotatedName(old.name, now(), deps.language?.()),
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
      lookups: 0,
    };
    refuseIfRotating(input.profileId, input.keyId, journal.readFromDisk()); // looked at again just before writing: the window stays small
    // The first step must be on disk before CloudMC is asked: otherwise a crash could leave a key nobody knows about.
    const unwritten = journal.save(record);
    if (unwritten) throw fail('store-write-failed', { ...(unwritten.details ? { details: unwritten.details } : {}) });
    deps.onChange?.(record.profileId);
    return record;
  };

  async function runDue(): Promise<void> {
    const due = journal.all().filter((r) => {
      const at = dueAt(r);
      return at !== null && Date.parse(at) <= now().getTime();
    });
    for (const r of due) await exclusive(r.id, () => run(require(r.id), held())).catch(() => undefined);
    rearm();
  }

  return {
    async plan(profileId, keyId) {
      const key = (await credentials.listCached(profileId)).list?.keys.find((k) => k.id === keyId);
      if (!key) throw fail('not-found', { messageKey: 'rotation.errors.key-gone' });
      return { defaultName: defaultRotatedName(key.name, now(), deps.language?.()) };
    },
    async start(input) {
      // Taken before any await: a double click, a second window or a second start from the same process is refused here.
      const claim = `${input.profileId}\n${input.keyId}`;
      const starting = claims.get(claim);
      if (starting) alreadyRotating(starting);
      refuseIfRotating(input.profileId, input.keyId, journal.all());
      const rotationId = randomUUID();
      claims.set(claim, rotationId);
      try {
        const record = await begin(input, rotationId);
        return await exclusive(record.id, async (): Promise<RotationStarted> => {
          const value = held();
          const { record: reached, view } = await run(record, value, { kind: 'generate' });
          rearm();
          const secretId = handOut(reached, value);
          return { rotation: viewOf(reached), secretId, view: await screenOf(input.profileId, view) };
        });
      } finally {
        claims.delete(claim);
      }
    },
    list: (profileId) =>
      journal
        .all()
        .filter((r) => profileId === undefined || r.profileId === profileId)
        .map(viewOf),
    confirmRetire: (rotationId) =>
      act(rotationId, async (record) => {
        checkCommand(record, 'confirm');
        return command(record, { kind: 'confirm' }, held());
      }),
    cancelRetire: (rotationId) =>
      act(rotationId, async (record) => {
        checkCommand(record, 'cancel');
        return command(record, { kind: 'cancel' }, held());
      }),
    revokeNow: (rotationId) =>
      act(rotationId, async (record) => {
        checkCommand(record, 'revoke-now');
        return command(record, { kind: 'revoke-now' }, held());
      }),
    resume: (rotationId) =>
      act(rotationId, async (record) => {
        if (finishedStatuses.has(record.status) && !journal.isUnsaved(record.id)) return { record, view: null };
        return journal.isUnsaved(record.id) ? run(record, held()) : command(record, { kind: 'retry-now' }, held());
      }),
    revokeOrphans: (rotationId) =>
      act(rotationId, async (record) => {
        // Never the key the profile signs in with: checked against the config and the keychain (a keychain that does not answer refuses).
        for (const keyId of record.orphanKeyIds)
          if (await profiles.signsInWith(record.profileId, keyId, await copies.read(record.profileId, keyId))) throw ownKeyInUse(keyId);
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
        const next = advance(record, { kind: 'orphans-revoked', left, failure }, now(), policy);
        persist(next);
        return { record: journal.get(record.id)!, view };
      }),
    dismiss(rotationId) {
      const record = require(rotationId);
      if (!finishedStatuses.has(record.status))
        throw fail('invalid-input', { messageKey: 'rotation.errors.not-now', details: { field: 'status', reason: record.status } });
      if (record.orphanKeyIds.length > 0)
        throw fail('invalid-input', { messageKey: 'rotation.errors.orphans-left', details: { field: 'orphanKeyIds', reason: 'left' } });
      const warning = journal.remove(rotationId);
      deps.onChange?.(record.profileId);
      if (warning) throw fail('store-write-failed', { ...(warning.details ? { details: warning.details } : {}) });
    },
    async resumeAll() {
      await profiles.reconcileKeySwitches();
      const open = journal.all().filter((r) => !finishedStatuses.has(r.status) || journal.isUnsaved(r.id));
      // A start is a retry: a paused step runs now rather than at its retry moment.
      for (const r of open) await exclusive(r.id, () => run({ ...require(r.id), retryAt: null }, held())).catch(() => undefined);
      rearm();
    },
    runDue,
    nextWakeAt: () => wake.at,
    stop: () => wake.clear(),
    forget(profileId) {
      for (const r of journal.all()) if (r.profileId === profileId) journal.remove(r.id);
      deps.onChange?.(profileId);
      rearm();
    },
    busy,
  };
}

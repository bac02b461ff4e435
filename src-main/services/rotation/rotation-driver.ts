// Drives a rotation through the machine's steps: each step performed only once the record before it is on disk, one piece of work per
// rotation at a time. A record the file cannot take stops the rotation there (shown paused, the failure saying why, tried again later).
import type { AppError } from '../../../src-preload/contract/errors';
import type { KeysView } from '../../../src-preload/contract/models';
import { journalUnwritten, type RotationJournal, type RotationRecord } from './rotation-journal';
import { advance, nextStep, type MachinePolicy, type Outcome, type Step } from './rotation-machine';
import type { HeldValue, Performed } from './rotation-steps';

/** Where a rotation got to, and the key screen a step answered (a revoke), if any. */
export interface Reached {
  record: RotationRecord;
  view: KeysView | null;
}

/** What the driver is built on. */
export interface DriverDeps {
  journal: RotationJournal;
  perform: (step: Step, record: RotationRecord, held: HeldValue) => Promise<Performed>;
  policy: MachinePolicy;
  now: () => Date;
  /** Told after every save (or failed save) of one of the profile's rotations. */
  onChange?: ((profileId: string) => void) | undefined;
}

/** The driver's operations. */
export interface RotationDriver {
  /** Writes a record; when the file cannot take it the record is held as unsaved, paused with the reason. Null once written. */
  persist(record: RotationRecord): AppError | null;
  /** Takes a rotation as far as it can go now (from `first` when given, e.g. the generate that starts a rotation). */
  run(start: RotationRecord, held: HeldValue, first?: Step): Promise<Reached>;
  /** Applies a user's command, then takes the rotation on from there. */
  command(record: RotationRecord, outcome: Outcome, held: HeldValue): Promise<Reached>;
  /** Runs work on one rotation after any other work on it (the timer and a click never run the same step twice). */
  exclusive<T>(rotationId: string, work: () => Promise<T>): Promise<T>;
}

/** Creates the driver. */
export function createRotationDriver(deps: DriverDeps): RotationDriver {
  const { journal, perform, policy, now } = deps;
  const locks = new Map<string, Promise<unknown>>();

  const pausedUnsaved = (record: RotationRecord, error: AppError): RotationRecord => ({
    ...record,
    failure: record.status === 'failed' ? record.failure : journalUnwritten(error),
    retryAt: new Date(now().getTime() + policy.retryDelayMs).toISOString(),
    updatedAt: now().toISOString(),
  });
  const persist = (record: RotationRecord): AppError | null => {
    const error = journal.save(record);
    if (error) journal.holdUnsaved(pausedUnsaved(record, error));
    deps.onChange?.(record.profileId);
    return error;
  };
  const current = (record: RotationRecord): RotationRecord => journal.get(record.id) ?? record;

  const run = async (start: RotationRecord, held: HeldValue, first?: Step): Promise<Reached> => {
    let record = start;
    let view: KeysView | null = null;
    if (journal.isUnsaved(record.id)) {
      // The last step's record never reached the file: it is written before anything else happens.
      const retry = { ...record, failure: record.status === 'failed' ? record.failure : null, retryAt: null, updatedAt: now().toISOString() };
      if (persist(retry)) return { record: current(record), view };
      record = retry;
    }
    let step = first ?? nextStep(record, now());
    while (step.kind !== 'wait' && step.kind !== 'ask-user' && step.kind !== 'finished') {
      const performed = await perform(step, record, held);
      view = performed.view ?? view;
      const next = advance(record, performed.outcome, now(), policy);
      const unwritten = persist(next);
      if (unwritten) {
        // A value held only in memory goes to the keychain before stopping: recovery finds it there (never called lost unchecked).
        if (next.status === 'storing' && held.value !== null) {
          const secured = advance(next, (await perform({ kind: 'store' }, next, held)).outcome, now(), policy);
          journal.holdUnsaved(pausedUnsaved(secured, unwritten));
          deps.onChange?.(record.profileId);
        }
        return { record: current(record), view };
      }
      record = next;
      step = nextStep(record, now());
    }
    return { record, view };
  };

  return {
    persist,
    run,
    async command(record, outcome, held) {
      const next = advance(record, outcome, now(), policy);
      if (persist(next)) return { record: current(record), view: null };
      return run(next, held);
    },
    exclusive(rotationId, work) {
      const previous = locks.get(rotationId) ?? Promise.resolve();
      const next = previous.then(work, work);
      const tail = next.catch(() => undefined);
      locks.set(rotationId, tail);
      void tail.then(() => locks.get(rotationId) === tail && locks.delete(rotationId));
      return next;
    },
  };
}

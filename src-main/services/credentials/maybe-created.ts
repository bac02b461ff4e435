// Generates whose outcome is not known: recorded before sending (generate-intents.ts), and when one was cut short (a crash, no answer,
// an answer the app refused) CloudMC's list is read again, with backoff, to name the keys it may have created (security.md 39).
import type { ApiKeyView } from '../../../src-preload/contract/models';
import type { AppError } from '../../../src-preload/contract/errors';
import type { MaybeCreated } from '../../../src-preload/contract/maybe-created';
import type { RotationTimers } from '../rotation/rotation-timer';
import type { GenerateIntent, GenerateIntents } from './generate-intents';

/** When the list is read again after a Generate was cut short: at once, then with backoff (about a minute in all). */
const defaultCheckDelaysMs: readonly number[] = [0, 2_000, 5_000, 15_000, 40_000];
/** How much earlier than the intent a key's creation date may be (CloudMC's clock against this computer's) and still be a candidate. */
const clockSkewMs = 10 * 60 * 1000;

/** The Generates of this run and those left by an earlier one. */
export interface MaybeCreatedService {
  /** Records a Generate before it is sent; throws store-write-failed / store-read-only (then nothing may be sent). */
  begin(profileId: string, name: string | null): GenerateIntent;
  /** Its answer was handled (the value held, the key listed): nothing is uncertain. */
  handled(intentId: string): void;
  /** CloudMC refused it (nothing was created): forgotten. */
  refused(intentId: string): void;
  /** It may have created a key (no answer, or one the app could not use): the list is read again, with backoff. */
  uncertain(intentId: string): void;
  /** Every intent on record was left by a run that ended: each is checked like an uncertain one. */
  resumeLeftovers(): void;
  /** A list CloudMC answered for a profile (any refresh): matched against the uncertain Generates. */
  observe(profileId: string, keys: readonly ApiKeyView[]): void;
  /** A key whose value this run holds (a Generate or rotation handled): never a candidate. */
  added(profileId: string, keyId: string): void;
  /** A key revoked through the app: no longer a candidate (a Generate whose candidates are all gone is settled). */
  removed(profileId: string, keyId: string): void;
  /** The uncertain Generates of a profile, oldest first. */
  list(profileId: string): MaybeCreated[];
  /** The user closes one (nothing found, or a key kept on purpose): removed from the journal. */
  dismiss(profileId: string, intentId: string): MaybeCreated[];
  /** A removed profile: its intents go. */
  forget(profileId: string): void;
  /** Stops the timers (the app quits). */
  stop(): void;
}

/** What the service needs. */
interface MaybeCreatedDeps {
  intents: GenerateIntents;
  /** Reads the profile's list from CloudMC (the app's refresh, which calls observe on success); answers why it failed, or null. */
  refresh: (profileId: string) => Promise<AppError | null>;
  /** The key ids the app knows for a profile now (cached or this run's list). */
  knownKeyIds: (profileId: string) => string[];
  /** Whether a profile still exists. */
  profileExists: (profileId: string) => boolean;
  /** The clock for the checks; null: no check is made by itself (the command line), only lists fetched anyway are matched. */
  timers: RotationTimers | null;
  now: () => Date;
  delaysMs?: readonly number[];
}

/** One uncertain Generate being watched. */
interface Watch {
  intent: GenerateIntent;
  /** Candidates seen, by id (removed when revoked or no longer listed). */
  found: Map<string, ApiKeyView>;
  /** True once a list was read after it started being watched. */
  listed: boolean;
}

/** The checks of one profile (shared by its watches). */
interface Checker {
  done: number;
  next: { handle: unknown; at: Date } | null;
  running: boolean;
  failure: AppError | null;
}

/** True when `key` may be the one an intent's request created. */
function isCandidate(intent: GenerateIntent, key: ApiKeyView, held: ReadonlySet<string>): boolean {
  if (intent.knownKeyIds.includes(key.id) || held.has(key.id)) return false;
  if (intent.name !== null && key.name.trim() !== intent.name) return false;
  const created = Date.parse(key.creationDate);
  return Number.isNaN(created) || created >= Date.parse(intent.startedAt) - clockSkewMs;
}

/** Creates the service; call resumeLeftovers() once the app's services exist. */
export function createMaybeCreated(deps: MaybeCreatedDeps): MaybeCreatedService {
  const delays = deps.delaysMs ?? defaultCheckDelaysMs;
  const watches = new Map<string, Watch>();
  const checkers = new Map<string, Checker>();
  /** Key ids whose value this run held, by profile. */
  const held = new Map<string, Set<string>>();
  const heldOf = (profileId: string): Set<string> => held.get(profileId) ?? new Set();
  const watchesOf = (profileId: string): Watch[] => [...watches.values()].filter((w) => w.intent.profileId === profileId);

  const settle = (w: Watch): void => {
    watches.delete(w.intent.id);
    deps.intents.clear(w.intent.id);
    if (watchesOf(w.intent.profileId).length === 0) stopChecker(w.intent.profileId);
  };
  const stopChecker = (profileId: string): void => {
    const checker = checkers.get(profileId);
    if (checker?.next) deps.timers?.clearTimeout(checker.next.handle);
    checkers.delete(profileId);
  };

  /** Arms the profile's next check, if one is left and nothing was found. */
  const schedule = (profileId: string): void => {
    const checker = checkers.get(profileId);
    if (!checker || !deps.timers || checker.running || checker.next) return;
    const open = watchesOf(profileId).filter((w) => w.found.size === 0);
    if (open.length === 0 || checker.done >= delays.length) return;
    const delay = delays[checker.done]!;
    const handle = deps.timers.setTimeout(() => void check(profileId), delay);
    checker.next = { handle, at: new Date(deps.now().getTime() + delay) };
  };
  const check = async (profileId: string): Promise<void> => {
    const checker = checkers.get(profileId);
    if (!checker) return;
    checker.next = null;
    checker.running = true;
    let failure: AppError | null;
    try {
      failure = await deps.refresh(profileId);
    } catch {
      failure = { code: 'internal', kind: 'internal', messageKey: 'errors.internal' };
    }
    if (checkers.get(profileId) !== checker) return; // settled or forgotten meanwhile
    checker.running = false;
    checker.done += 1;
    checker.failure = failure;
    schedule(profileId);
  };
  /** Starts (or starts again) the checks of a profile; a check already running counts as the first. */
  const startChecks = (profileId: string): void => {
    const checker = checkers.get(profileId);
    if (!checker) checkers.set(profileId, { done: 0, next: null, running: false, failure: null });
    else {
      if (checker.next) deps.timers?.clearTimeout(checker.next.handle);
      checker.next = null;
      checker.done = 0;
    }
    schedule(profileId);
  };
  const watch = (intent: GenerateIntent): void => {
    watches.set(intent.id, { intent, found: new Map(), listed: false });
    startChecks(intent.profileId);
  };

  const stateOf = (w: Watch): MaybeCreated['state'] => {
    const checker = checkers.get(w.intent.profileId);
    if (w.found.size > 0) return 'found';
    if (checker && (checker.running || checker.next)) return 'checking';
    return w.listed ? 'not-found' : 'unchecked';
  };
  const viewOf = (w: Watch): MaybeCreated => {
    const checker = checkers.get(w.intent.profileId);
    return {
      intentId: w.intent.id,
      profileId: w.intent.profileId,
      name: w.intent.name,
      startedAt: w.intent.startedAt,
      state: stateOf(w),
      keys: [...w.found.values()],
      checks: checker?.done ?? 0,
      plannedChecks: delays.length,
      nextCheckAt: checker?.next ? checker.next.at.toISOString() : null,
      failure: w.listed ? null : (checker?.failure ?? null),
    };
  };
  const list = (profileId: string): MaybeCreated[] =>
    watchesOf(profileId)
      .sort((a, b) => a.intent.startedAt.localeCompare(b.intent.startedAt))
      .map(viewOf);

  return {
    begin(profileId, name) {
      const knownKeyIds = [...new Set([...deps.knownKeyIds(profileId), ...heldOf(profileId)])];
      return deps.intents.record({ profileId, name, knownKeyIds, startedAt: deps.now().toISOString() });
    },
    handled: (intentId) => deps.intents.clear(intentId),
    refused: (intentId) => deps.intents.clear(intentId),
    uncertain(intentId) {
      const intent = deps.intents.all().find((i) => i.id === intentId);
      if (intent) watch(intent);
    },
    resumeLeftovers() {
      for (const intent of deps.intents.all()) {
        if (watches.has(intent.id)) continue;
        if (deps.profileExists(intent.profileId)) watch(intent);
        else deps.intents.clear(intent.id);
      }
    },
    observe(profileId, keys) {
      const listed = new Map(keys.map((k) => [k.id, k]));
      for (const w of watchesOf(profileId)) {
        const hadFound = w.found.size > 0;
        w.listed = true;
        for (const id of [...w.found.keys()]) if (!listed.has(id)) w.found.delete(id); // revoked elsewhere since
        for (const key of keys) if (isCandidate(w.intent, key, heldOf(profileId))) w.found.set(key.id, key);
        if (hadFound && w.found.size === 0) settle(w); // what it may have created is gone: nothing left to say
      }
      const checker = checkers.get(profileId);
      if (checker && watchesOf(profileId).every((w) => w.found.size > 0) && checker.next) {
        deps.timers?.clearTimeout(checker.next.handle);
        checker.next = null;
      }
    },
    added(profileId, keyId) {
      held.set(profileId, heldOf(profileId).add(keyId));
      // Intents left unresolved learn of it too, so a later run does not take it for theirs.
      for (const w of watchesOf(profileId)) {
        w.found.delete(keyId);
        w.intent = { ...w.intent, knownKeyIds: [...w.intent.knownKeyIds, keyId] };
        deps.intents.setKnown(w.intent.id, w.intent.knownKeyIds);
      }
    },
    removed(profileId, keyId) {
      for (const w of watchesOf(profileId)) {
        if (!w.found.delete(keyId)) continue;
        if (w.found.size === 0) settle(w);
      }
    },
    list,
    dismiss(profileId, intentId) {
      const w = watches.get(intentId);
      if (w && w.intent.profileId === profileId) settle(w);
      return list(profileId);
    },
    forget(profileId) {
      for (const w of watchesOf(profileId)) settle(w);
      for (const intent of deps.intents.all()) if (intent.profileId === profileId) deps.intents.clear(intent.id);
      stopChecker(profileId);
    },
    stop() {
      for (const profileId of [...checkers.keys()]) stopChecker(profileId);
    },
  };
}

// "Refresh all": every profile whose access key can be used is refreshed, a few at a time, in main; each change of the run is an event
// (`refreshAll:did-change`) and each profile's new key screen too, so every window shows the same run. Cancel stops it.
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../src-preload/contract/errors';
import type { RefreshAllRun, RefreshItem } from '../../src-preload/contract/events';
import type { KeysView, ProfileSummary } from '../../src-preload/contract/models';
import { canRefresh, refreshAllConcurrency } from '../../src-preload/contract/rules';
import { toAppError } from '../errors';

/** Refresh all, for the IPC layer. */
export interface RefreshAllService {
  /** Starts a run over every profile whose access key can be used (or answers the run already going); resolves at once with its lines. */
  start(): Promise<RefreshAllRun>;
  /** Stops the run: lines not finished become cancelled, CloudMC calls in flight are cancelled. */
  cancel(): void;
  /** The run going or the last one, or null. */
  current(): RefreshAllRun | null;
  /** Settles when the run going (if any) has finished (tests). */
  finished(): Promise<void>;
}

/** What Refresh all is built on. */
export interface RefreshAllDeps {
  listProfiles(): Promise<ProfileSummary[]>;
  /** One profile's refresh, cancellable by request id; a failure comes back in the view (profile-not-found excepted). */
  refresh(profileId: string, requestId: string): Promise<KeysView>;
  cancelRequest(requestId: string): void;
  /** Tells every window about a change of the run (the lines that changed). */
  progress(change: RefreshAllRun): void;
  /** Tells every window a profile's key screen after its refresh. */
  viewChanged(view: KeysView): void;
  concurrency?: number;
}

interface Run {
  runId: string;
  seq: number;
  running: boolean;
  items: RefreshItem[];
  /** The request id of each profile's call in flight. */
  inFlight: Map<string, string>;
  done: Promise<void>;
}

/** Creates the Refresh all service. */
export function createRefreshAll(deps: RefreshAllDeps): RefreshAllService {
  const concurrency = deps.concurrency ?? refreshAllConcurrency;
  let run: Run | null = null;

  const linesOf = (items: readonly RefreshItem[]): RefreshItem[] => items.map((item) => ({ ...item }));
  const snapshot = (r: Run): RefreshAllRun => ({ runId: r.runId, seq: r.seq, running: r.running, items: linesOf(r.items) });
  /** Counts a change and tells the windows which lines it touched. */
  const changed = (r: Run, lines: readonly RefreshItem[]): void => {
    r.seq += 1;
    deps.progress({ runId: r.runId, seq: r.seq, running: r.running, items: linesOf(lines) });
  };

  const refreshOne = async (r: Run, item: RefreshItem): Promise<void> => {
    const requestId = randomUUID();
    item.status = 'running';
    r.inFlight.set(item.profileId, requestId);
    changed(r, [item]);
    let view: KeysView | null = null;
    let error: AppError | null;
    try {
      view = await deps.refresh(item.profileId, requestId);
      error = view.failure;
    } catch (e) {
      error = toAppError(e); // e.g. the profile was removed meanwhile
    }
    r.inFlight.delete(item.profileId);
    if (item.status !== 'running') return; // cancelled meanwhile: the run has said so already
    item.status = error === null ? 'ok' : error.kind === 'cancelled' ? 'cancelled' : 'failed';
    item.error = error;
    if (view && error?.kind !== 'cancelled') deps.viewChanged(view);
    changed(r, [item]);
  };

  const drive = async (r: Run): Promise<void> => {
    let next = 0;
    // A pool, not a sequence: each worker takes the next waiting profile, so one slow profile holds only one slot.
    const worker = async (): Promise<void> => {
      while (r.running && next < r.items.length) await refreshOne(r, r.items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, r.items.length) }, worker));
    if (!r.running) return;
    r.running = false;
    changed(r, []);
  };

  return {
    async start() {
      if (run?.running) return snapshot(run);
      const profiles = (await deps.listProfiles()).filter(canRefresh);
      if (run?.running) return snapshot(run); // another start won the race while the list was read
      const items: RefreshItem[] = profiles.map((p) => ({ profileId: p.id, name: p.name, status: 'waiting', error: null }));
      const started: Run = { runId: randomUUID(), seq: 0, running: true, items, inFlight: new Map(), done: Promise.resolve() };
      run = started;
      changed(started, items);
      const answer = snapshot(started);
      started.done = drive(started);
      return answer;
    },
    cancel() {
      const r = run;
      if (!r?.running) return;
      r.running = false;
      const stopped = r.items.filter((item) => item.status === 'waiting' || item.status === 'running');
      for (const item of stopped) item.status = 'cancelled';
      for (const requestId of r.inFlight.values()) deps.cancelRequest(requestId);
      changed(r, stopped);
    },
    current: () => (run ? snapshot(run) : null),
    finished: async () => run?.done,
  };
}

// Updates through electron-updater: checked a few seconds after the window shows and every few hours, downloaded in the background and
// verified (electron-updater's sha512; the OS checks the code signature on macOS and Windows), then installed only when the user clicks
// "Restart to update" and main finds nothing would be cut short (security.md 47). deb/rpm installs are told where to get the new version.
import type { UpdateCheckResult } from 'electron-updater';
import type { AppError } from '../../../src-preload/contract/errors';
import type { UpdateStatus } from '../../../src-preload/contract/updates';
import { AppFailure, fail } from '../../errors';
import type { Logger } from '../../log';
import type { RestartGate } from '../restart-gate';
import { systemTimers, WakeUp, type RotationTimers } from '../rotation/rotation-timer';

/** The part of electron-updater's updater the service uses (its AppUpdater methods, configured by the Electron edge). */
export interface AutoUpdater {
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
}

/** How this install updates, from the Electron edge (null: it does not, e.g. run from a checkout). */
export interface UpdateSource {
  /**
   * `self`: electron-updater installs the update (AppImage, signed Windows, macOS); `manual`: the user gets it (deb and rpm, which the OS
   * package manager updates, and a Windows build whose feed names no publisher, so no signature could be checked).
   */
  install: 'self' | 'manual';
  /** Where to get a new version by hand (the Releases page), when the feed names one. */
  releasesUrl: string | null;
  /** Loads electron-updater and builds this install's updater; called at the first check, never during start-up. */
  load(): Promise<AutoUpdater>;
}

/** What the update service is built on. */
export interface UpdateDeps {
  source: UpdateSource | null;
  /** Whether automatic checks are on now: the user's setting; the organization's policy (a later issue) joins here. */
  enabled: () => boolean;
  gate: RestartGate;
  now: () => Date;
  timers?: RotationTimers;
  /** The first check comes this long after start() (the window is shown first). */
  firstCheckDelayMs?: number;
  /** Then one check every this long. */
  intervalMs?: number;
  log?: Logger;
}

/** The update use-cases for the IPC layer and the lifecycle. */
export interface UpdateService {
  /** Where updates stand (main's view; the renderer shows it). */
  status(): UpdateStatus;
  /** Arms the first check (a few seconds later) and the periodic ones. */
  start(): void;
  /** Checks now and downloads a newer version (the timer's entry point; one at a time). */
  check(): Promise<UpdateStatus>;
  /** "Restart to update": installs the verified download and quits; refused unless one is ready and nothing would be cut short. */
  restart(): void;
  /** The setting changed: a check soon when it was turned on. */
  settingsChanged(): void;
  /** Stops the timer (quit, data removal). */
  stop(): void;
  /** Arms the timer again after stop(), if start() had armed it (a data removal that failed). */
  resume(): void;
  /** Tells `listener` each time the status changes (for an `updates` event to the window); returns the unsubscribe. */
  onChange(listener: (status: UpdateStatus) => void): () => void;
}

/** Default timing: the first check 10 s after the window shows, then every 4 hours. */
const updateTiming = { firstCheckDelayMs: 10_000, intervalMs: 4 * 60 * 60 * 1000 };

type Known = Exclude<UpdateStatus, { state: 'off' | 'unsupported' }>;

/** Why a check, a download or an install failed, as the user is told it (never a path or a URL). */
function updateFailureOf(e: unknown): AppError {
  if (e instanceof AppFailure) return e.appError;
  const message = e instanceof Error ? e.message : String(e);
  const code = typeof (e as { code?: unknown } | null)?.code === 'string' ? (e as { code: string }).code : '';
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message))
    return fail('bad-response', { messageKey: 'updates.errors.checksum', details: { reason: 'checksum' } }).appError;
  if (/not signed|signature/i.test(message))
    return fail('bad-response', { messageKey: 'updates.errors.signature', details: { reason: 'signature' } }).appError;
  if (/net::ERR_|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|timed out/i.test(message))
    return fail('unreachable', { messageKey: 'updates.errors.offline' }).appError;
  if (typeof status === 'number') return fail('server-error', { messageKey: 'updates.errors.feed', status }).appError;
  return fail('bad-response', { messageKey: 'updates.errors.feed', details: { reason: code.slice(0, 60) || 'unknown' } }).appError;
}

/** Creates the update service; `start()` once the window shows. */
export function createUpdateService(deps: UpdateDeps): UpdateService {
  const { source, gate, now } = deps;
  const firstCheckDelayMs = deps.firstCheckDelayMs ?? updateTiming.firstCheckDelayMs;
  const intervalMs = deps.intervalMs ?? updateTiming.intervalMs;
  let state: Known = { state: 'idle', checkedAt: null };
  let inactive = false; // electron-updater found this install cannot update itself (e.g. an AppImage run without $APPIMAGE)
  let updater: Promise<AutoUpdater> | null = null;
  let running: Promise<UpdateStatus> | null = null;
  let installing = false;
  let started = false;
  let stopped = false;

  const listeners = new Set<(status: UpdateStatus) => void>();
  /** Records where updates stand and tells the listeners (main's event to the window, once there is one). */
  const set = (next: Known): void => {
    state = next;
    const current = status();
    for (const listener of listeners) listener(current);
  };

  const status = (): UpdateStatus => {
    if (!source || inactive) return { state: 'unsupported' };
    if (!deps.enabled()) return { state: 'off' };
    return state;
  };
  const wake = new WakeUp(deps.timers ?? systemTimers, now, () => void check().finally(() => armIn(intervalMs)));
  const armIn = (ms: number): void => {
    if (started) wake.set(new Date(now().getTime() + ms));
  };

  const loaded = (): Promise<AutoUpdater> => {
    updater ??= source!.load().then((u) => {
      // An install that fails after "Restart to update" is reported here (electron-updater does not throw it): work may go on.
      u.on('error', (error) => {
        if (!installing) return;
        installing = false;
        gate.reopen();
        set({ state: 'failed', failure: updateFailureOf(error), checkedAt: now().toISOString() });
      });
      return u;
    });
    updater.catch(() => (updater = null)); // a failed load is tried again at the next check
    return updater;
  };

  const checkOnce = async (): Promise<UpdateStatus> => {
    if (!source || inactive || !deps.enabled() || state.state === 'ready' || installing) return status();
    set({ state: 'checking' });
    try {
      const u = await loaded();
      const result = await u.checkForUpdates();
      if (result === null) {
        inactive = true;
        set(state);
        return status();
      }
      const version = result.updateInfo.version.slice(0, 64);
      if (!result.isUpdateAvailable) set({ state: 'idle', checkedAt: now().toISOString() });
      else if (source.install === 'manual')
        set({ state: 'available', version, downloadUrl: source.releasesUrl }); // deb/rpm, unsigned Windows: never installed by the app
      else {
        set({ state: 'downloading', version });
        await u.downloadUpdate(); // rejects when the file does not match the feed's sha512 (nothing is kept then)
        set({ state: 'ready', version });
        deps.log?.info(`updates: version ${version} downloaded and verified`);
      }
    } catch (e) {
      const failure = updateFailureOf(e);
      set({ state: 'failed', failure, checkedAt: now().toISOString() });
      deps.log?.warn(`updates: check failed (${failure.messageKey})`);
    }
    return status();
  };

  function check(): Promise<UpdateStatus> {
    running ??= checkOnce().finally(() => (running = null));
    return running;
  }

  return {
    status,
    start() {
      started = true;
      armIn(firstCheckDelayMs);
    },
    check,
    restart() {
      const current = status();
      if (current.state !== 'ready' || !updater)
        throw fail('invalid-input', { messageKey: 'updates.errors.not-ready', details: { field: 'restart', reason: current.state } });
      gate.close('update'); // throws the reason while a Generate, a rotation step or a one-time key would be cut short
      installing = true;
      void updater.then((u) => {
        try {
          u.quitAndInstall(true, true); // silent install, then the new version starts
        } catch (e) {
          installing = false;
          gate.reopen();
          set({ state: 'failed', failure: updateFailureOf(e), checkedAt: now().toISOString() });
        }
      });
    },
    settingsChanged() {
      set(state);
      if (deps.enabled() && state.state !== 'ready') armIn(firstCheckDelayMs);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = started;
      started = false;
      wake.clear();
    },
    resume() {
      if (!stopped) return;
      stopped = false;
      started = true;
      armIn(firstCheckDelayMs);
    },
  };
}

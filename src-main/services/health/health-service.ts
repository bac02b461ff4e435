// Key health use-cases: findings across every profile, a profile's activity (live or cached), local notes, exports; and the hooks other services call.
import { activityWindowDays, type ActivityView, type FindingRef, type HealthExport, type HealthReport } from '../../../src-preload/contract/health';
import type { snoozePeriods } from '../../../src-preload/contract/rules';
import type { ApiKeyView } from '../../../src-preload/contract/models';
import { AppFailure } from '../../errors';
import type { CancellableRequests } from '../cancellable-requests';
import type { StoredCopiesService } from '../keychain/stored-copies-service';
import { bestEffort } from '../local-writes';
import type { ProfileService } from '../profiles/profile-service';
import type { SettingsService } from '../settings/settings-service';
import type { AppStores } from '../store/app-stores';
import type { StoreBackendFactory } from '../store/json-store';
import { keepNewestActivity, openActivityCache, toActivityEntries, type ActivityDoc } from './activity-log';
import { computeHealth, type ProfileHealthInput } from './health-findings';
import { exportActivity, exportFindings, type ExportFormat, type ExportWhat, type ProfileActivity } from './health-export';
import { openKeyHistory, type KeyHistoryStore } from './key-history';
import { openKeyNotes, type KeyNotes } from './key-notes';
import { openKeySnoozes, type KeySnoozes } from './key-snoozes';
import type { ProfileFiles } from '../store/profile-files';

const dayMs = 86_400_000;

/** The health data files of one data dir: key-use history, notes, snoozes, activity cache. */
export interface HealthStores {
  history: KeyHistoryStore;
  notes: KeyNotes;
  snoozes: KeySnoozes;
  activity: ProfileFiles<ActivityDoc>;
}

/** Opens the health stores beside the app's other stores (read-only when the app's config is). */
export function openHealthStores(dataDir: string, backend: StoreBackendFactory, readOnly: boolean): HealthStores {
  return {
    history: openKeyHistory(dataDir, backend, readOnly),
    notes: openKeyNotes(dataDir, backend),
    snoozes: openKeySnoozes(dataDir, backend),
    activity: openActivityCache(dataDir, backend, readOnly),
  };
}

/** The key-health use-cases for the IPC layer (and the CLI). */
export interface HealthService {
  /** Findings over every profile's last synced list (or one profile's), counts per kind and per profile. Never calls CloudMC. */
  findings(profileId?: string): Promise<HealthReport>;
  /** Asks CloudMC for the profile user's own activity of the last 30 days; a failure comes back in the view beside the cached entries. */
  activity(profileId: string, requestId?: string): Promise<ActivityView>;
  /** The cached activity at once (no CloudMC call). */
  cachedActivity(profileId: string): ActivityView;
  /** A profile's notes by key id. */
  notes(profileId: string): Record<string, string>;
  /** Sets or (empty) removes a key's note; answers the note kept. */
  setNote(profileId: string, keyId: string, note: string): { note: string | null };
  /** Snoozes findings for a period with a note (each profile must exist); answers how many and until when. */
  snooze(findings: readonly FindingRef[], period: (typeof snoozePeriods)[number], note: string): { snoozed: number; until: string };
  /** Ends these findings' snoozes; answers how many there were. */
  unsnooze(findings: readonly FindingRef[]): { removed: number };
  /** Findings or activity as CSV or JSON, ready to save. */
  export(what: ExportWhat, format: ExportFormat, profileId?: string): Promise<HealthExport>;
  /** Hook for the credentials service: records a list CloudMC answered into the history (throws store-write-failed; callers make it best effort). */
  observe(profileId: string, keys: readonly ApiKeyView[]): void;
  /** Hook for the key search: a key's note. */
  noteOf(profileId: string, keyId: string): string | undefined;
  /** Forgets a removed profile's history, notes and activity (best effort). */
  forget(profileId: string): void;
}

/** Creates the health service. */
export function createHealthService(deps: {
  stores: AppStores;
  health: HealthStores;
  profiles: ProfileService;
  storedCopies: StoredCopiesService;
  settings: SettingsService;
  requests: CancellableRequests;
  now: () => Date;
}): HealthService {
  const { stores, health, profiles, storedCopies, requests } = deps;

  /** Orphaned stored copies per profile (never from a list older than the copy); stops at the first keychain failure (the report then says copies were not checked). */
  const orphanedCopies = async (profileIds: readonly string[]): Promise<{ byProfile: Map<string, string[]>; checked: boolean }> => {
    const byProfile = new Map<string, string[]>();
    for (const id of profileIds) {
      try {
        byProfile.set(
          id,
          (await storedCopies.list(id)).filter((c) => c.orphaned).map((c) => c.keyId),
        );
      } catch {
        return { byProfile, checked: false };
      }
    }
    return { byProfile, checked: true };
  };

  const viewOf = (profileId: string, doc: ActivityDoc | undefined, source: 'live' | 'cache', failure: ActivityView['failure']): ActivityView => ({
    profileId,
    entries: doc ? toActivityEntries(doc.entries, health.history.get(profileId)) : [],
    syncedAt: doc?.syncedAt ?? null,
    source: doc ? source : null,
    failure,
    skipped: doc?.skipped ?? 0,
    older: doc?.older ?? 0,
  });

  const findings = async (profileId?: string): Promise<HealthReport> => {
    if (profileId !== undefined) profiles.get(profileId);
    const all = stores.config.read().profiles;
    const copies = await orphanedCopies(all.map((p) => p.id));
    const inputs: ProfileHealthInput[] = all.map((p) => ({
      id: p.id,
      name: p.name,
      accessKeyId: p.accessKeyId ?? null,
      keys: stores.cache.get(p.id)?.keys ?? null,
      history: health.history.get(p.id),
      orphanedCopies: copies.byProfile.get(p.id) ?? [],
      notes: health.notes.of(p.id),
      snoozes: health.snoozes.of(p.id),
    }));
    const report = computeHealth({
      now: deps.now(),
      idleDays: deps.settings.get().idleDays,
      profiles: inputs,
      copiesChecked: copies.checked,
      ...(profileId !== undefined ? { onlyProfileId: profileId } : {}),
    });
    // Read just above (or at a sync before): a damaged history file was backed up; said once, naming its profile and the copy.
    const names = new Map(all.map((p) => [p.id, p.name]));
    const notices = health.history
      .takeDamaged()
      .map((d) => ({ messageKey: 'keyHistory.damaged', values: { profile: names.get(d.profileId) ?? d.profileId, path: d.backupPath } }));
    return { ...report, notices };
  };

  const cachedActivity = (profileId: string): ActivityView => {
    profiles.get(profileId);
    return viewOf(profileId, health.activity.get(profileId), 'cache', null);
  };

  return {
    findings,
    cachedActivity,
    async activity(profileId, requestId) {
      const { signal, done } = requests.start(requestId); // before any await: a cancel sent right after the call is never lost
      try {
        const client = await profiles.client(profileId);
        const since = new Date(deps.now().getTime() - activityWindowDays * dayMs);
        const answer = await client.listActivity(since, signal);
        const { entries, older } = keepNewestActivity(answer.records);
        profiles.get(profileId); // removed meanwhile: profile-not-found, and no file written for it
        const doc: ActivityDoc = { schemaVersion: 1, syncedAt: deps.now().toISOString(), entries, skipped: answer.skipped, older };
        bestEffort(() => health.activity.put(profileId, doc)); // CloudMC answered: shown even if it cannot be cached
        return viewOf(profileId, doc, 'live', null);
      } catch (e) {
        if (!(e instanceof AppFailure) || e.appError.code === 'profile-not-found') throw e;
        return viewOf(profileId, health.activity.get(profileId), 'cache', e.appError);
      } finally {
        done();
      }
    },
    notes(profileId) {
      profiles.get(profileId);
      return health.notes.of(profileId);
    },
    setNote(profileId, keyId, note) {
      profiles.get(profileId);
      return { note: health.notes.set(profileId, keyId, note) };
    },
    snooze(refs, period, note) {
      for (const id of new Set(refs.map((r) => r.profileId))) profiles.get(id);
      return { snoozed: refs.length, until: health.snoozes.snooze(refs, period, note, deps.now()) };
    },
    unsnooze(refs) {
      return { removed: health.snoozes.unsnooze(refs) };
    },
    async export(what, format, profileId) {
      const at = deps.now();
      if (what === 'findings') return exportFindings(await findings(profileId), format, at);
      const chosen = stores.config.read().profiles.filter((p) => profileId === undefined || p.id === profileId);
      if (profileId !== undefined) profiles.get(profileId);
      const activity: ProfileActivity[] = chosen.map((p) => {
        const view = viewOf(p.id, health.activity.get(p.id), 'cache', null);
        return { profileId: p.id, profileName: p.name, syncedAt: view.syncedAt, entries: view.entries };
      });
      return exportActivity(activity, format, at);
    },
    observe(profileId, keys) {
      health.history.record(profileId, keys, deps.now().toISOString());
    },
    noteOf: (profileId, keyId) => health.notes.get(profileId, keyId),
    forget(profileId) {
      bestEffort(() => health.history.remove(profileId));
      bestEffort(() => health.notes.forget(profileId));
      bestEffort(() => health.snoozes.forget(profileId));
      bestEffort(() => health.activity.remove(profileId));
    },
  };
}

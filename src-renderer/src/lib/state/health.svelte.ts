// Key health and activity for the renderer: asks main (findings, a profile's activity, notes, exports) and keeps what main answered.
import { bridge } from '../bridge/bridge';
import { downloadText } from '../download';
import { newRequestId } from '../request-id';
import { isolate } from '../format/bidi';
import { notices } from './notices.svelte';
import type { AppError } from './contract-types';
import { keys } from './keys.svelte';
import type { ActivityView, FindingRef, HealthReport } from '../../../../src-preload/contract/health';
import type { snoozePeriods } from '../../../../src-preload/contract/rules';

/** Activity rows shown per page (the panel pages through thousands of rows). */
export const activityPageSize = 100;

/** The key-health view's and the activity panel's state. */
export class HealthStore {
  /** Main's last report (of the profile filter, or of all profiles). */
  report = $state.raw<HealthReport | null>(null);
  /** The profile the view is filtered on; null: every profile. */
  profileFilter = $state<string | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);

  /** The activity panel's profile and main's view of it (cached first, then live). */
  activityProfileId = $state<string | null>(null);
  activity = $state.raw<ActivityView | null>(null);
  activityLoading = $state(false);
  activityError = $state<AppError | null>(null);
  activityPage = $state(0);
  #activityRequest: string | null = null;
  #generation = 0;
  #activityGeneration = 0;

  /** Findings per profile id over every profile, for the sidebar badge (kept from the last report). */
  readonly badges: Readonly<Record<string, number>> = $derived(this.report?.byProfile ?? {});

  /** The activity rows of the current page. */
  readonly activityRows = $derived(
    (this.activity?.entries ?? []).slice(this.activityPage * activityPageSize, (this.activityPage + 1) * activityPageSize),
  );
  readonly activityPages = $derived(Math.max(1, Math.ceil((this.activity?.entries.length ?? 0) / activityPageSize)));

  /** Asks main for the findings (of the filter's profile, or all). */
  async load(profileId: string | null = this.profileFilter): Promise<void> {
    const generation = ++this.#generation;
    this.profileFilter = profileId;
    this.loading = true;
    this.error = null;
    const result = await bridge.health.findings(profileId === null ? {} : { profileId });
    if (generation !== this.#generation) return;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.report = result.value;
    // Main says each of these once (a damaged history file backed up): a warning under the top bar until dismissed.
    for (const n of result.value.notices) notices.add(n.messageKey, isolateTexts(n.values), 'warning');
  }

  /** Opens a profile's activity: the cached entries at once, then CloudMC's (a failure keeps the cache, with its time). */
  async loadActivity(profileId: string): Promise<void> {
    const generation = ++this.#activityGeneration;
    if (this.activityProfileId !== profileId) {
      this.activity = null;
      this.activityPage = 0;
    }
    this.activityProfileId = profileId;
    this.activityError = null;
    const cached = await bridge.health.cachedActivity({ profileId });
    if (generation !== this.#activityGeneration) return;
    if (cached.ok) this.activity = cached.value;
    await this.refreshActivity();
  }

  /** Asks CloudMC again for the open profile's activity. */
  async refreshActivity(): Promise<void> {
    const profileId = this.activityProfileId;
    if (!profileId) return;
    const generation = this.#activityGeneration;
    if (this.#activityRequest) void bridge.app.cancelRequest({ requestId: this.#activityRequest });
    const requestId = newRequestId();
    this.#activityRequest = requestId;
    this.activityLoading = true;
    const result = await bridge.health.activity({ profileId, requestId });
    if (this.#activityRequest === requestId) this.#activityRequest = null;
    if (generation !== this.#activityGeneration) return;
    this.activityLoading = false;
    if (result.ok) {
      this.activity = result.value;
      this.activityPage = Math.min(this.activityPage, Math.max(0, Math.ceil(result.value.entries.length / activityPageSize) - 1));
    } else this.activityError = result.error;
  }

  /** Moves to another page of activity rows. */
  showActivityPage(page: number): void {
    this.activityPage = Math.min(Math.max(0, page), this.activityPages - 1);
  }

  /** Stops the activity panel's request in flight, if any. */
  cancelActivity(): void {
    this.#activityGeneration++;
    if (this.#activityRequest) void bridge.app.cancelRequest({ requestId: this.#activityRequest });
    this.#activityRequest = null;
    this.activityLoading = false;
  }

  /** Exports findings or activity through main and saves the file (Electron asks where through its save dialog). */
  async exportFile(what: 'findings' | 'activity', format: 'csv' | 'json', profileId: string | null): Promise<AppError | null> {
    const result = await bridge.health.export({ what, format, ...(profileId ? { profileId } : {}) });
    if (!result.ok) return result.error;
    downloadText(result.value.content, result.value.fileName, result.value.mimeType);
    return null;
  }

  /** Sets or clears a key's local note; reloads the findings so the note shows with them. */
  async setNote(profileId: string, keyId: string, note: string): Promise<AppError | null> {
    const result = await bridge.health.setNote({ profileId, keyId, note });
    if (!result.ok) return result.error;
    if (this.report) void this.load();
    return null;
  }

  /** Snoozes findings for a period with a note (main keeps them and their expiry), then reloads the queue; answers main's error, if any. */
  async snooze(findings: FindingRef[], period: (typeof snoozePeriods)[number], note: string): Promise<AppError | null> {
    const result = await bridge.health.snooze({ findings, period, note });
    if (!result.ok) return result.error;
    await this.load();
    return null;
  }

  /** Ends snoozes now, then reloads the queue. */
  async unsnooze(findings: FindingRef[]): Promise<AppError | null> {
    const result = await bridge.health.unsnooze({ findings });
    if (!result.ok) return result.error;
    await this.load();
    return null;
  }

  /** Revokes keys one after the other (the key screen shows each new list); stops at the first failure; reloads the queue. */
  async revokeKeys(refs: readonly { profileId: string; keyId: string }[], onprogress?: (done: number) => void): Promise<AppError | null> {
    let failure: AppError | null = null;
    for (const [i, ref] of refs.entries()) {
      const result = await bridge.keys.revoke({ profileId: ref.profileId, keyId: ref.keyId });
      if (!result.ok) {
        failure = result.error;
        break;
      }
      keys.applyView(result.value.view, true);
      onprogress?.(i + 1);
    }
    await this.load();
    return failure;
  }

  /** Renames keys one after the other; stops at the first failure; reloads the queue. */
  async renameKeys(items: readonly { profileId: string; keyId: string; name: string }[]): Promise<AppError | null> {
    let failure: AppError | null = null;
    for (const item of items) {
      const result = await bridge.keys.rename(item);
      if (!result.ok) {
        failure = result.error;
        break;
      }
      keys.applyView(result.value.view, true);
    }
    await this.load();
    return failure;
  }

  /** Back to the initial state (tests). */
  reset(): void {
    this.#generation++;
    this.#activityGeneration++;
    this.report = null;
    this.profileFilter = null;
    this.loading = false;
    this.error = null;
    this.activityProfileId = null;
    this.activity = null;
    this.activityLoading = false;
    this.activityError = null;
    this.activityPage = 0;
    this.#activityRequest = null;
  }
}

/** The key-health singleton. */
export const health = new HealthStore();

/** A notice's values with each text isolated (names and paths may be right-to-left). */
function isolateTexts(values: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? isolate(v) : v]));
}

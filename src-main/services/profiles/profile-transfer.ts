// Exports profiles as JSON (name, endpoint, options; never a secret) and imports them back, checking every entry; an import changes
// each profile through the same ordered, per-profile path as every other change (never writing back a copy taken before it waited).
import { randomUUID } from 'node:crypto';
import type { ImportReport, ProfileExport } from '../../../src-preload/contract/models';
import { AppFailure } from '../../errors';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import type { AppStores, StoredProfile } from '../store/app-stores';
import { writable } from '../store/writable';
import { checkCaBundle } from './ca-certificate';
import { checkProfileName, type ProfileService } from './profile-service';
import type { ProfilesPolicy } from './managed-profile-rules';

/** The export file's format tag. */
export const exportFormat = 'cloudmc-credentials/profiles';

interface ExportedProfile {
  name: string;
  endpoint: string;
  caPem?: string;
}

/** Import and export of profiles. */
export interface ProfileTransfer {
  exportProfiles(profileIds?: string[]): ProfileExport;
  importProfiles(json: string, replace: boolean): Promise<ImportReport>;
}

/** Creates the transfer use-cases. */
export function createProfileTransfer(deps: {
  stores: AppStores;
  now: () => Date;
  /** Replaces an existing profile's CA in its queue (the profile service). */
  profiles: Pick<ProfileService, 'importCa'>;
  /** The organization's policy: an import is refused when users may not add profiles; an entry whose endpoint it does not allow is invalid. */
  policy?: Pick<ProfilesPolicy, 'isEndpointAllowed' | 'checkUserProfiles'>;
}): ProfileTransfer {
  const { stores } = deps;
  const allowed = (endpoint: string): boolean => deps.policy?.isEndpointAllowed(endpoint) ?? true;
  return {
    exportProfiles(profileIds) {
      const wanted = profileIds ? new Set(profileIds) : null;
      const profiles: ExportedProfile[] = stores.config
        .read()
        .profiles.filter((p) => wanted === null || wanted.has(p.id))
        .map((p) => ({ name: p.name, endpoint: p.endpoint, ...(p.caPem ? { caPem: p.caPem } : {}) }));
      const json = JSON.stringify({ format: exportFormat, version: 1, exportedAt: deps.now().toISOString(), profiles }, null, 2);
      return { json, count: profiles.length };
    },
    async importProfiles(json, replace) {
      deps.policy?.checkUserProfiles();
      const report: ImportReport = { added: 0, replaced: 0, skipped: [], invalid: [], accessKeyDropped: [] };
      let document: unknown;
      try {
        document = JSON.parse(json);
      } catch {
        report.invalid.push({ index: 0, field: '', messageKey: 'import.invalid.json' });
        return report;
      }
      const entries = entriesOf(document);
      if (entries === null) {
        report.invalid.push({ index: 0, field: 'profiles', messageKey: 'import.invalid.shape' });
        return report;
      }
      writable(stores.config);
      // One map lookup per entry (10,000 entries import in linear time).
      const byIdentity = new Map(stores.config.read().profiles.map((p) => [sameAs(p), p]));
      const seen = new Set<string>();
      const additions: { index: number; identity: string; profile: StoredProfile }[] = [];
      const replacements: { index: number; entry: ExportedProfile; profileId: string }[] = [];
      entries.forEach((raw, i) => {
        const index = i + 1;
        const entry = readEntry(raw);
        if ('field' in entry) {
          report.invalid.push({ index, field: entry.field, messageKey: `import.invalid.${entry.field}` });
          return;
        }
        if (!allowed(entry.endpoint)) {
          report.invalid.push({ index, field: 'endpoint', messageKey: 'errors.endpoint-not-allowed' });
          return;
        }
        const identity = sameAs(entry);
        if (seen.has(identity)) {
          report.invalid.push({ index, field: 'name', messageKey: 'import.invalid.duplicate-in-file' });
          return;
        }
        seen.add(identity);
        const match = byIdentity.get(identity);
        if (match !== undefined && !replace) report.skipped.push({ index, name: entry.name });
        else if (match === undefined) additions.push({ index, identity, profile: newProfile(entry, deps.now()) });
        // Only the CA can differ (name and endpoint are what matched): the same CA changes nothing, so nothing can be undone.
        else if (match.caPem === entry.caPem) report.replaced += 1;
        else replacements.push({ index, entry, profileId: match.id });
      });
      // Each CA change is a change of its own profile, ordered after those asked before it. The first that fails (a key that cannot be
      // removed) stops the import: nothing after it is written.
      for (const { index, entry, profileId } of replacements) {
        const outcome = await deps.profiles.importCa(profileId, entry, entry.caPem);
        if (outcome === 'gone') report.skipped.push({ index, name: entry.name });
        else report.replaced += 1;
        if (outcome === 'key-dropped') report.accessKeyDropped.push({ index, name: entry.name });
      }
      if (additions.length > 0) {
        // One read-modify-write of the current list: a profile with the same name and endpoint added meanwhile is not duplicated.
        let added: typeof additions = [];
        writable(stores.config).update((doc) => {
          const taken = new Set(doc.profiles.map(sameAs));
          added = additions.filter((a) => !taken.has(a.identity));
          return { ...doc, profiles: [...doc.profiles, ...added.map((a) => a.profile)] };
        });
        report.added = added.length;
        const addedIndexes = new Set(added.map((a) => a.index));
        for (const a of additions) if (!addedIndexes.has(a.index)) report.skipped.push({ index: a.index, name: a.profile.name });
      }
      report.skipped.sort((a, b) => a.index - b.index);
      return report;
    },
  };
}

/** A profile made from an import entry: no identity, no key yet (asked for when first used). */
function newProfile(entry: ExportedProfile, now: Date): StoredProfile {
  return {
    id: randomUUID(),
    name: entry.name,
    endpoint: entry.endpoint,
    createdAt: now.toISOString(),
    identity: null,
    accessKeyStorage: 'session',
    ...(entry.caPem ? { caPem: entry.caPem } : {}),
  };
}

/** Two profiles are the same when endpoint and name match. */
function sameAs(p: { name: string; endpoint: string }): string {
  return `${p.endpoint}\n${p.name}`;
}

function entriesOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document;
  if (document !== null && typeof document === 'object' && Array.isArray((document as { profiles?: unknown }).profiles))
    return (document as { profiles: unknown[] }).profiles;
  return null;
}

function readEntry(raw: unknown): ExportedProfile | { field: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { field: 'entry' };
  const { name, endpoint, caPem } = raw as Record<string, unknown>;
  if (typeof name !== 'string') return { field: 'name' };
  if (typeof endpoint !== 'string') return { field: 'endpoint' };
  if (caPem !== undefined && typeof caPem !== 'string') return { field: 'caPem' };
  try {
    return {
      name: checkProfileName(name),
      endpoint: guard('endpoint', () => normalizeEndpoint(endpoint)),
      ...(caPem ? { caPem: guard('caPem', () => checkCaBundle(caPem)) } : {}),
    };
  } catch (e) {
    if (e instanceof FieldError) return { field: e.field };
    if (e instanceof AppFailure) return { field: String(e.appError.details?.['field'] ?? 'name') };
    throw e;
  }
}

class FieldError extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

function guard<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof AppFailure) throw new FieldError(field);
    throw e;
  }
}

// Exports profiles as JSON (name, endpoint, options; never a secret) and imports them back, checking every entry.
import { randomUUID } from 'node:crypto';
import type { ImportReport, ProfileExport } from '../../../src-preload/contract/models';
import { AppFailure } from '../../errors';
import { normalizeEndpoint } from '../cloudmc/endpoint-url';
import type { AppStores, StoredProfile } from '../store/app-stores';
import { writable } from '../store/writable';
import { checkCaBundle } from './ca-certificate';
import { checkProfileName } from './profile-service';

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
  /** Forgets a profile's stored access key (a replaced CA was never verified with it). */
  dropAccessKey: (profileId: string) => Promise<void>;
}): ProfileTransfer {
  const { stores } = deps;
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
      const existing = [...stores.config.read().profiles];
      // One map lookup per entry (10,000 entries import in linear time).
      const byIdentity = new Map(existing.map((p, i) => [sameAs(p), i]));
      const seen = new Set<string>();
      const keysToDrop: string[] = [];
      entries.forEach((raw, i) => {
        const index = i + 1;
        const entry = readEntry(raw);
        if ('field' in entry) {
          report.invalid.push({ index, field: entry.field, messageKey: `import.invalid.${entry.field === 'entry' ? 'shape' : entry.field}` });
          return;
        }
        const identity = sameAs(entry);
        if (seen.has(identity)) {
          report.invalid.push({ index, field: 'name', messageKey: 'import.invalid.duplicate-in-file' });
          return;
        }
        seen.add(identity);
        const match = byIdentity.get(identity);
        if (match !== undefined && !replace) {
          report.skipped.push({ index, name: entry.name });
          return;
        }
        if (match !== undefined) {
          const previous = existing[match] as StoredProfile;
          if (previous.caPem !== entry.caPem) {
            // A CA never verified with the stored key must not receive it: the key is dropped and asked for again.
            const { caPem: _oldCa, accessKeyId: _ownKey, ...kept } = previous;
            existing[match] = { ...kept, ...(entry.caPem ? { caPem: entry.caPem } : {}) };
            keysToDrop.push(previous.id);
            report.accessKeyDropped.push({ index, name: entry.name });
          }
          report.replaced += 1;
          return;
        }
        existing.push({
          id: randomUUID(),
          name: entry.name,
          endpoint: entry.endpoint,
          createdAt: deps.now().toISOString(),
          identity: null,
          accessKeyStorage: 'session',
          ...(entry.caPem ? { caPem: entry.caPem } : {}),
        });
        byIdentity.set(identity, existing.length - 1);
        report.added += 1;
      });
      // Keys first: if one cannot be dropped, nothing is written and the import fails as a whole.
      for (const id of keysToDrop) await deps.dropAccessKey(id);
      if (report.added + report.replaced > 0) stores.config.update((doc) => ({ ...doc, profiles: existing }));
      return report;
    },
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

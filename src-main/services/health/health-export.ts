// Findings and activity as CSV or JSON (never a secret): what the app's export saves and what the CLI prints. Plain functions, no I/O.
import type { ActivityEntry, HealthExport, HealthFinding, HealthReport } from '../../../src-preload/contract/health';

/** What to export. */
export type ExportWhat = 'findings' | 'activity';
/** In which format. */
export type ExportFormat = 'csv' | 'json';

/** One profile's activity, as exported. */
export interface ProfileActivity {
  profileId: string;
  profileName: string;
  syncedAt: string | null;
  entries: readonly ActivityEntry[];
}

/** Why a finding was made, in plain English (the UI says it in the user's language from `messageKey`; files and the CLI use this). */
export function describeFinding(f: HealthFinding): string {
  const v = f.values;
  switch (f.kind) {
    case 'never-used':
      return `Never used, generated ${v['days']} days ago.`;
    case 'idle':
      return `Not used for ${v['days']} days; last used ${v['lastUsed']}.`;
    case 'new-ip':
      return `Used from ${v['ip']}, an address never seen before for this key (first seen ${v['firstSeen']}).`;
    case 'default-name':
      return `Its name ${v['name']} looks like CloudMC's random default: nobody named it.`;
    case 'orphaned-copy':
      return 'A copy is stored in the keychain, but the key no longer exists on CloudMC.';
    case 'profile-access-key':
      return `This app's profile ${v['profiles']} signs in with this key: revoking it locks that profile out.`;
  }
}

/** A CSV cell: quoted when needed, and a cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with a quote. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text (CRLF line ends, as RFC 4180 says). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const findingColumns = ['profileId', 'profileName', 'keyId', 'keyName', 'kind', 'why', 'messageKey', 'details', 'note'] as const;
const activityColumns = ['profileId', 'profileName', 'created', 'eventCode', 'category', 'status', 'requesterIp', 'ipStatus', 'id'] as const;

/** The details of a finding as `name=value` pairs. */
function detailsOf(f: HealthFinding): string {
  return Object.entries(f.values)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** The findings export (the informational facts after the findings, each with its kind; snoozed findings left out). */
export function exportFindings(report: HealthReport, format: ExportFormat, exportedAt: Date): HealthExport {
  const stamp = exportedAt.toISOString().slice(0, 10);
  if (format === 'json') {
    const doc = {
      exportedAt: exportedAt.toISOString(),
      idleDays: report.idleDays,
      copiesChecked: report.copiesChecked,
      counts: report.counts,
      findings: [...report.findings, ...report.facts].map((f) => ({ ...f, why: describeFinding(f) })),
    };
    return { fileName: `key-health-${stamp}.json`, content: `${JSON.stringify(doc, null, 2)}\n`, mimeType: 'application/json' };
  }
  const rows = [...report.findings, ...report.facts].map((f) => [
    f.profileId,
    f.profileName,
    f.keyId,
    f.keyName,
    f.kind,
    describeFinding(f),
    f.messageKey,
    detailsOf(f),
    f.note,
  ]);
  return { fileName: `key-health-${stamp}.csv`, content: toCsv(findingColumns, rows), mimeType: 'text/csv' };
}

/** The activity export (one profile or several). */
export function exportActivity(profiles: readonly ProfileActivity[], format: ExportFormat, exportedAt: Date): HealthExport {
  const stamp = exportedAt.toISOString().slice(0, 10);
  if (format === 'json') {
    const doc = { exportedAt: exportedAt.toISOString(), profiles };
    return { fileName: `activity-${stamp}.json`, content: `${JSON.stringify(doc, null, 2)}\n`, mimeType: 'application/json' };
  }
  const rows = profiles.flatMap((p) =>
    p.entries.map((e) => [p.profileId, p.profileName, e.created, e.eventCode, e.category, e.status, e.requesterIp, e.ipStatus, e.id]),
  );
  return { fileName: `activity-${stamp}.csv`, content: toCsv(activityColumns, rows), mimeType: 'text/csv' };
}

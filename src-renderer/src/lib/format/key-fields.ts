// How a key's last activity and last IP read in the table.
import { formatDateTime } from './date';

/** Text of the "Last activity" cell: a date, or the translated "Never used". */
export function lastActivityText(lastUsedDate: string | null, locale: string, neverUsed: string, timeZone?: string): string {
  return lastUsedDate === null ? neverUsed : formatDateTime(lastUsedDate, locale, timeZone);
}

/** Text of the "Last IP" cell: the address, or an em dash. */
export function lastIpText(lastUsedIp: string | null): string {
  return lastUsedIp === null || lastUsedIp === '' ? '—' : lastUsedIp;
}

/** The host of an endpoint URL for the sidebar, or the URL itself if it cannot be parsed. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

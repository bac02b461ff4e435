// Dates for people: absolute (medium date + time, the user's time zone) and relative ("3 minutes ago"); the Intl formatters are
// made once per locale (making one costs far more than using it, and a table update formats dozens of dates).

const absolute = new Map<string, Intl.DateTimeFormat>();
const relative = new Map<string, Intl.RelativeTimeFormat>();

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Formats an ISO date as medium date and time in the user's time zone (or `timeZone` when given); the text itself when it is not a date. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const cacheKey = `${locale}\n${timeZone ?? ''}`;
  let format = absolute.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    absolute.set(cacheKey, format);
  }
  return format.format(date);
}

/** Formats an ISO date relative to `now`, e.g. "5 minutes ago" / "il y a 5 minutes"; the text itself when it is not a date. */
export function formatRelative(iso: string, locale: string, now: Date = new Date()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, format);
  }
  // A date a few seconds ahead (CloudMC's clock, or a clock read just before the answer) is "now", never "in 1 second".
  const ahead = Math.round((time - now.getTime()) / 1000);
  const seconds = ahead > 0 && ahead < 60 ? 0 : ahead;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

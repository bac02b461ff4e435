// Dates in the key table, with the Intl formatters made once per locale (making one costs far more than using it; a table
// update formats dozens of dates). Same output as format/date.ts.

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

/** Medium date and time in the user's time zone ("Jan 5, 2024, 10:00:00 AM"); the text itself when it is not a date. */
export function tableDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = absolute.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    absolute.set(locale, format);
  }
  return format.format(date);
}

/** The time from `now` in words ("3 days ago", "il y a 3 jours"); the text itself when it is not a date. */
export function tableRelative(iso: string, locale: string, now: Date): string {
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

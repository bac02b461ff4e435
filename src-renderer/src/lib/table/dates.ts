// Dates in the key table: the app's one date formatting (format/date.ts), under the names the table uses.
export { formatDateTime as tableDateTime, formatRelative as tableRelative } from '../format/date';

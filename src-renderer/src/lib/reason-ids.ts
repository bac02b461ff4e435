// Fixed ids of the visible texts that say why actions are disabled, for their `aria-describedby`.
// Each text is shown at most once at a time (one credentials screen, one read-only notice), so fixed ids stay unique.

export const reasonIds = {
  /** The Offline banner's text (or the load-error text when no list is shown). */
  offline: 'reason-offline',
  /** The "API key needed" banner's text, or the access-key form's reason. */
  accessKey: 'reason-access-key',
  /** The read-only notice under the top bar. */
  readOnly: 'reason-read-only',
  /** The note saying the organization does not allow the profile's endpoint. */
  policy: 'reason-policy',
} as const;

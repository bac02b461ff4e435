// The allow-list for links opened in the user's browser (docs/security.md 6), compared by whole origin.
const allowedOrigins = new Set(['https://docs.cloudmc.io', 'https://github.com']);

/** True only for https URLs whose origin is on the allow-list. */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && allowedOrigins.has(url.origin) && !url.username && !url.password;
  } catch {
    return false;
  }
}

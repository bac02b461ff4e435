// A fresh id per cancellable request (a single refresh, each refresh of a Refresh all run).

/** A random id: `crypto.randomUUID()`, or 16 random bytes in hex where randomUUID is missing (outside a secure context). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

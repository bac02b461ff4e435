// Which certificate authorities CloudMC calls trust: Node's own roots, the OS certificate store where the runtime can read it,
// and the profile's CA bundle (docs/security.md 21). Verification itself is never turned off; this only says whom to believe.
import tls from 'node:tls';

/** Node >= 22.15 (Electron 45's runtime) reads the OS store; older runtimes (Node 20 here) do not have this function. */
type CaCertificatesReader = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

/** The OS store's certificates, read once per process; [] when the runtime cannot read it. */
let systemCache: string[] | null = null;

/** The OS certificate store as PEM strings (Windows store, macOS keychain, the distribution's bundle on Linux), or [] when this runtime cannot read it. */
export function systemCertificates(): string[] {
  if (systemCache) return systemCache;
  const reader = caCertificatesReader();
  let found: string[] = [];
  if (reader) {
    try {
      found = reader('system');
    } catch {
      found = []; // a runtime that has the function but no OS store support (or an unreadable store): Node's roots still apply
    }
  }
  systemCache = found;
  return found;
}

/**
 * The `ca` list for one TLS connection: Node's default roots + the OS store + the profile's CA when set; undefined when there is
 * nothing to add to Node's default trust (then Node's default applies, NODE_EXTRA_CA_CERTS included).
 */
export function trustedCertificates(profileCa?: string): string[] | undefined {
  const system = systemCertificates();
  if (system.length === 0 && !profileCa) return undefined;
  // Passing `ca` replaces Node's default list, so that list is put back first: adding a CA never drops a root.
  const all = new Set([...defaultCertificates(), ...system, ...(profileCa ? [profileCa] : [])]);
  return [...all];
}

/** Secure contexts already built, by profile CA ('' for none): building one parses every root (tens of ms on the main thread). */
const contexts = new Map<string, tls.SecureContext>();
/** Distinct profile CAs kept; past this the oldest context is dropped (profiles with their own CA are few). */
const maxContexts = 16;

/** A TLS context trusting `trustedCertificates(profileCa)`, built once and reused; undefined when Node's default trust applies. */
export function trustContext(profileCa?: string): tls.SecureContext | undefined {
  const key = profileCa ?? '';
  const cached = contexts.get(key);
  if (cached) return cached;
  const ca = trustedCertificates(profileCa);
  if (!ca) return undefined;
  const context = tls.createSecureContext({ ca });
  if (contexts.size >= maxContexts) contexts.delete(contexts.keys().next().value as string);
  contexts.set(key, context);
  return context;
}

/** Node's default roots: bundled + NODE_EXTRA_CA_CERTS where the runtime can list them, else the bundled roots. */
function defaultCertificates(): readonly string[] {
  const reader = caCertificatesReader();
  if (reader) {
    try {
      return reader('default');
    } catch {
      /* fall through to the bundled roots */
    }
  }
  return tls.rootCertificates;
}

/** `tls.getCACertificates` where this runtime has it (feature-detected, never assumed). */
function caCertificatesReader(): CaCertificatesReader | null {
  const candidate = (tls as unknown as { getCACertificates?: unknown }).getCACertificates;
  return typeof candidate === 'function' ? (candidate.bind(tls) as CaCertificatesReader) : null;
}

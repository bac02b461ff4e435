// Issue 10, item 6: CloudMC calls trust Node's roots, the OS certificate store where the runtime can read it (Node >= 22.15, as in
// Electron 45: tls.getCACertificates('system')), and the profile's CA. The runtime is feature-detected, never faked: on Node 20 the
// OS-store case is skipped with its reason, on Node >= 22.15 the fallback case is; each runs for real where its runtime is.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { systemCertificates, trustContext, trustedCertificates } from '../../../../../src-main/services/cloudmc/system-trust';

/** The runtime's own OS-store reader, when it has one. */
const readCa = (tls as unknown as { getCACertificates?: (type: string) => string[] }).getCACertificates;
const hasOsStore = typeof readCa === 'function';
const profileCa = '-----BEGIN CERTIFICATE-----\nMIIB-profile-ca-placeholder\n-----END CERTIFICATE-----\n';

describe(`trust on this runtime (Node ${process.versions.node}, OS store reader: ${hasOsStore ? 'yes' : 'no'})`, () => {
  it("adding a profile CA never drops one of Node's roots, and the CA is trusted", () => {
    const trust = trustedCertificates(profileCa) ?? [];
    expect(tls.rootCertificates.every((root) => trust.includes(root))).toBe(true);
    expect(trust).toContain(profileCa);
  });

  it.runIf(!hasOsStore)("without an OS store reader (Node < 22.15): Node's default trust, plus the profile CA when set", () => {
    expect(systemCertificates()).toEqual([]);
    expect(trustedCertificates()).toBeUndefined(); // Node's default applies, NODE_EXTRA_CA_CERTS included
    expect(trustedCertificates(profileCa)).toEqual([...tls.rootCertificates, profileCa]);
    expect(trustContext()).toBeUndefined();
  });

  it.runIf(hasOsStore)("with an OS store reader (Node >= 22.15, Electron 45): every OS certificate is trusted beside Node's roots", () => {
    const system = readCa!.call(tls, 'system');
    expect(systemCertificates()).toEqual(system);
    const trust = trustedCertificates(profileCa) ?? [];
    expect(readCa!.call(tls, 'default').every((c) => trust.includes(c))).toBe(true);
    expect(system.every((c) => trust.includes(c))).toBe(true);
    expect(trust).toContain(profileCa);
    if (system.length > 0) expect(trustedCertificates()).toEqual(expect.arrayContaining(system));
  });

  it('a trust context is built once per profile CA and reused (building one parses every root)', () => {
    const first = trustContext(profileCa);
    expect(first).toBeDefined();
    expect(trustContext(profileCa)).toBe(first);
    expect(trustContext(profileCa + '\n')).not.toBe(first);
  });
});

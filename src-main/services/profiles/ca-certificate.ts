// Checks a CA bundle a profile trusts for an on-prem CloudMC: PEM certificates only, each one parseable.
import { X509Certificate } from 'node:crypto';
import { fail } from '../../errors';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Returns the trimmed PEM bundle, or throws invalid-input naming the caPem field. */
export function checkCaBundle(pem: string): string {
  const blocks = pem.match(pemBlock) ?? [];
  if (blocks.length === 0) throw fail('invalid-input', { details: { field: 'caPem', reason: 'no-certificate' } });
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw fail('invalid-input', { details: { field: 'caPem', reason: 'unreadable' } });
    }
  }
  return blocks.join('\n');
}

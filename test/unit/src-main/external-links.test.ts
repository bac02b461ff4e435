// isAllowedExternalUrl (docs/security.md 6): https only, allow-listed origins compared whole, no credentials.
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.cloudmc.io/',
    'https://docs.cloudmc.io/api/keys?x=1#y',
    'https://github.com/cloudops/cloudmc',
    'https://DOCS.cloudmc.io/upper',
    'https://docs.cloudmc.io:443/default-port',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'https://docs.cloudmc.io.evil.com/',
    'https://evil.com/?https://docs.cloudmc.io/',
    'https://evil.com/docs.cloudmc.io',
    'https://evildocs.cloudmc.io/',
    'https://x.docs.cloudmc.io/',
    'https://cloudmc.io/',
    'https://docs.cloudmc.io:8443/',
    'https://gist.github.com/',
    'https://github.com.evil.com/',
    'http://docs.cloudmc.io/',
    'http://github.com/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'app://ui/index.html',
    'ftp://docs.cloudmc.io/',
    'https://user:pass@docs.cloudmc.io/',
    'https://user@docs.cloudmc.io/',
    'https://:pass@github.com/',
    'https://docs.cloudmc.io@evil.com/',
    '//docs.cloudmc.io/',
    'docs.cloudmc.io',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

// The command line's proxy settings from the environment, as PAC answers the CloudMC client follows (the end-to-end run through a
// forward proxy on loopback: test/unit/keychain-system/cli-proxy.test.ts).
import { describe, expect, it } from 'vitest';
import { bypassesProxy, envProxyResolver, pacEntryFor } from '../../../../src-main/cli/env-proxy';

describe('proxies from the environment', () => {
  it('HTTPS_PROXY for https (HTTP_PROXY when unset), lower-case first, empty as unset; no variable is DIRECT', async () => {
    const at = 'https://cloudmc.example.com/';
    expect(await envProxyResolver({})(at)).toBe('DIRECT');
    expect(await envProxyResolver({ HTTPS_PROXY: 'http://proxy.corp:3128' })(at)).toBe('PROXY proxy.corp:3128');
    expect(await envProxyResolver({ https_proxy: 'proxy.corp:8080', HTTPS_PROXY: 'http://other:1' })(at)).toBe('PROXY proxy.corp:8080');
    expect(await envProxyResolver({ HTTP_PROXY: 'http://proxy.corp' })(at)).toBe('PROXY proxy.corp:80');
    expect(await envProxyResolver({ https_proxy: ' ', HTTP_PROXY: 'https://secure.corp' })(at)).toBe('HTTPS secure.corp:443');
    expect(await envProxyResolver({ HTTPS_PROXY: 'http://proxy.corp:3128' })('http://cloudmc.example.com/')).toBe('DIRECT');
    expect(() => pacEntryFor('socks5://proxy.corp:1080')).toThrow(/unsupported/);
  });

  it('NO_PROXY: *, names and parent domains (leading dot or not), IPs, ports', async () => {
    expect(bypassesProxy('*', 'cloudmc.example.com', '443')).toBe(true);
    expect(bypassesProxy('example.com', 'cloudmc.example.com', '443')).toBe(true);
    expect(bypassesProxy('.example.com', 'example.com', '443')).toBe(true);
    expect(bypassesProxy('localhost, .example.com', 'cloudmc.example.com', '443')).toBe(true);
    expect(bypassesProxy('ample.com', 'cloudmc.example.com', '443')).toBe(false);
    expect(bypassesProxy('example.com:8443', 'cloudmc.example.com', '443')).toBe(false);
    expect(bypassesProxy('example.com:443', 'cloudmc.example.com', '443')).toBe(true);
    expect(bypassesProxy('10.0.0.5', '10.0.0.5', '443')).toBe(true);
    expect(bypassesProxy('0.0.5', '10.0.0.5', '443')).toBe(false);
    expect(bypassesProxy('[::1]:443,::2', '[::2]', '443')).toBe(true);
    const resolve = envProxyResolver({ HTTPS_PROXY: 'http://proxy.corp:3128', no_proxy: 'example.com' });
    expect(await resolve('https://cloudmc.example.com/')).toBe('DIRECT');
    expect(await resolve('https://cloudmc.other.org/')).toBe('PROXY proxy.corp:3128');
  });
});

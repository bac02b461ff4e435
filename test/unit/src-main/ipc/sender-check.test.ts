// isTrustedSender (docs/security.md 7): only the app's own top frame at app://ui may call main.
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../src-main/ipc/sender-check';
import { appOrigin } from '../../../../src-main/app-protocol';

describe('isTrustedSender', () => {
  it.each(['app://ui/index.html', 'app://ui/', 'app://ui/index.html?x=1#/keys', 'app://ui/nested/page.html'])(
    'trusts the main frame at %s',
    (frameUrl) => {
      expect(isTrustedSender({ frameUrl, isMainFrame: true }, appOrigin)).toBe(true);
    },
  );

  it('refuses a subframe even at the app origin', () => {
    expect(isTrustedSender({ frameUrl: 'app://ui/index.html', isMainFrame: false }, appOrigin)).toBe(false);
  });

  it.each([
    'app://evil/index.html',
    'app://ui.evil/index.html',
    'app://uii/index.html',
    'app://UI/index.html',
    'app://ui:1234/index.html',
    'https://ui/index.html',
    'http://ui/index.html',
    'https://cloudmc.example.com/',
    'file:///index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    'chrome-error://chromewebdata/',
    '',
    'app:ui',
    'not a url',
  ])('refuses the main frame at %j', (frameUrl) => {
    expect(isTrustedSender({ frameUrl, isMainFrame: true }, appOrigin)).toBe(false);
  });

  it('refuses an undefined frame URL', () => {
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, appOrigin)).toBe(false);
  });

  it('refuses a subframe from another origin', () => {
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: false }, appOrigin)).toBe(false);
  });

  it('compares against the origin it is given', () => {
    expect(isTrustedSender({ frameUrl: 'app://other/index.html', isMainFrame: true }, 'app://other')).toBe(true);
    expect(isTrustedSender({ frameUrl: 'app://ui/index.html', isMainFrame: true }, 'app://other')).toBe(false);
  });
});

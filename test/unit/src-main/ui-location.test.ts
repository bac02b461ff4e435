// Where the window loads its UI: the packaged app:// files always, a loopback dev server only when not packaged.
import { describe, expect, it } from 'vitest';
import { uiLocation } from '../../../src-main/ui-location';

describe('uiLocation', () => {
  it('a packaged app always loads app://ui, whatever the environment says', () => {
    expect(uiLocation(true, 'http://localhost:5173/')).toEqual({ url: 'app://ui/index.html', origin: 'app://ui', devServer: false });
  });

  it('an unpacked app loads the dev server electron-vite names, and trusts its origin', () => {
    expect(uiLocation(false, 'http://localhost:5173/')).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173', devServer: true });
    expect(uiLocation(false, 'http://127.0.0.1:5174')).toMatchObject({ origin: 'http://127.0.0.1:5174', devServer: true });
  });

  it.each(['https://evil.example/', 'http://10.0.0.5:5173/', 'file:///tmp/index.html', 'javascript:alert(1)', 'not a url', ''])(
    'never points the window at %j (only a loopback http dev server is accepted)',
    (url) => {
      expect(uiLocation(false, url)).toMatchObject({ url: 'app://ui/index.html', devServer: false });
    },
  );

  it('without a dev server, an unpacked app loads the built files', () => {
    expect(uiLocation(false, undefined)).toMatchObject({ url: 'app://ui/index.html', devServer: false });
  });
});

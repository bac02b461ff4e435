// The renderer build (docs/security.md 3, 28): exact CSP meta, nothing inline, no network API in our code or the bundle, no {@html}.
// Reads the BUILT renderer in out/renderer (test/unit/build-once.ts builds it first when it is missing or stale).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/app-protocol';

const repo = path.resolve(import.meta.dirname, '../../..');
const outDir = path.join(repo, 'out/renderer');
const strictMetaCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";
const strictCsp = `${strictMetaCsp}; frame-ancestors 'none'`;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function builtIndex(): string {
  const file = path.join(outDir, 'index.html');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx electron-vite build\` first`);
  return fs.readFileSync(file, 'utf8');
}

/** Network APIs the renderer must never call (code, not comments: svelte's bundled JSDoc mentions WebSocket). */
const networkCalls = [
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bnew\s+WebSocket\b/,
  /\bnew\s+EventSource\b/,
  /\bsendBeacon\s*\(/,
  /\bnew\s+WebTransport\b/,
  /\bRTCPeerConnection\b/,
  /\bimportScripts\s*\(/,
];

/** Drops /* *\/ and // comments well enough for a grep (strings containing them only make the check stricter). */
function withoutComments(js: string): string {
  return js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

describe('built index.html', () => {
  it('has exactly one CSP meta, with exactly the strict policy, before any script or stylesheet', () => {
    const html = builtIndex();
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
    expect(metas.map((m) => m[1])).toEqual([strictMetaCsp]);
    expect(contentSecurityPolicy).toBe(strictCsp);
    const metaAt = html.search(/http-equiv="Content-Security-Policy"/i);
    expect(metaAt).toBeLessThan(html.search(/<script/i));
    expect(metaAt).toBeLessThan(html.search(/<link/i));
  });

  it('has no inline script body, no inline handler, no style attribute or <style> block', () => {
    const html = builtIndex();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body?.trim()).toBe('');
      expect(attrs).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/);
    }
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('every asset is local; the bundle calls no network API', () => {
    const assets = filesUnder(outDir);
    const js = assets.filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const file of js) {
      const code = withoutComments(fs.readFileSync(file, 'utf8'));
      for (const pattern of networkCalls)
        expect({ file: path.relative(repo, file), found: pattern.test(code) }).toEqual({ file: path.relative(repo, file), found: false });
    }
  });
});

describe('renderer sources', () => {
  const sources = filesUnder(path.join(repo, 'src-renderer')).filter((f) => /\.(ts|svelte|html|js)$/.test(f));

  it('the source index.html carries the same CSP', () => {
    const html = fs.readFileSync(path.join(repo, 'src-renderer/index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${strictMetaCsp}" />`);
  });

  it('no source calls a network API', () => {
    expect(sources.length).toBeGreaterThan(5);
    const hits = sources.flatMap((f) => networkCalls.filter((p) => p.test(fs.readFileSync(f, 'utf8'))).map((p) => `${path.relative(repo, f)}: ${p}`));
    expect(hits).toEqual([]);
  });

  it('no component renders raw HTML ({@html}) or sets innerHTML (security.md 28)', () => {
    const hits = sources
      .filter((f) => /\{@html\b|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(repo, f));
    expect(hits).toEqual([]);
  });

  it('no component uses a style= attribute (style-src has no unsafe-inline)', () => {
    const hits = sources
      .filter((f) => f.endsWith('.svelte') && /\sstyle\s*=\s*["{]/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(repo, f));
    expect(hits).toEqual([]);
  });
});

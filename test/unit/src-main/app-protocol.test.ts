// resolveAppFile (docs/security.md 2): `app://ui/` maps to files inside the renderer folder only.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOrigin, resolveAppFile } from '../../../src-main/app-protocol';
import { makeTempDir, removeTempDir } from './helpers';

let parent: string;
let root: string;
beforeAll(() => {
  // root sits beside a sibling whose name starts like root's: a prefix check without the separator would let it through.
  parent = makeTempDir('cmc-proto-');
  root = path.join(parent, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(parent, 'renderer-secrets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(parent, 'renderer-secrets', 'key.txt'), 'nope');
  fs.writeFileSync(path.join(parent, 'outside.txt'), 'nope');
});
afterAll(() => removeTempDir(parent));

const inside = (file: string): boolean => file.startsWith(root + path.sep);

describe('serves files under the root', () => {
  it('uses app://ui as its origin', () => {
    expect(appOrigin).toBe('app://ui');
  });

  it('maps / to index.html', () => {
    expect(resolveAppFile('app://ui/', root)).toEqual({ file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  });

  it.each([
    ['app://ui/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://ui/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://ui/assets/app.css?v=3#x', 'assets/app.css', 'text/css; charset=utf-8'],
    ['app://ui/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['app://ui/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
    ['app://ui/assets/my%20file.bin', 'assets/my file.bin', 'application/octet-stream'],
    ['app://ui/./assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
  ])('%s → %s (%s)', (url, rel, type) => {
    expect(resolveAppFile(url, root)).toEqual({ file: path.join(root, rel), contentType: type });
  });

  it('accepts a relative root and answers an absolute path', () => {
    const rel = path.relative(process.cwd(), root);
    expect(resolveAppFile('app://ui/index.html', rel)?.file).toBe(path.join(root, 'index.html'));
  });
});

describe('refuses traversal and odd encodings', () => {
  it.each([
    'app://ui/a%2F..%2F..%2Foutside.txt',
    'app://ui/%2F..%2F..%2Foutside.txt',
    'app://ui/assets/..%2f..%2f..%2foutside.txt',
    'app://ui/..%2F..%2Foutside.txt',
    'app://ui/%2e%2e%2F%2e%2e%2Foutside.txt',
    'app://ui/..%5C..%5Coutside.txt',
    'app://ui/assets%5Capp.js',
    'app://ui/..\\..\\outside.txt',
    'app://ui/index.html%00.png',
    'app://ui/%00',
    'app://ui/%E0%A4%A', // malformed percent-encoding
    'app://ui/%',
  ])('%s → null', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it.each([
    'app://ui/../outside.txt',
    'app://ui/../../../../etc/passwd',
    'app://ui/%2e%2e/outside.txt',
    'app://ui/%2E%2E/%2e%2E/etc/passwd',
    'app://ui/.%2e/outside.txt',
    'app://ui/assets/../../renderer-secrets/key.txt',
  ])('%s never resolves outside the root', (url) => {
    // The URL parser collapses plain and %2e-encoded dot segments before the handler sees the path; whatever comes out must stay under root.
    const resolved = resolveAppFile(url, root);
    if (resolved !== null) expect(inside(resolved.file)).toBe(true);
    expect(resolved?.file).not.toBe(path.join(parent, 'outside.txt'));
    expect(resolved?.file).not.toBe('/etc/passwd');
    expect(resolved?.file).not.toBe(path.join(parent, 'renderer-secrets', 'key.txt'));
  });

  it.each(['app://ui', 'app://ui//', 'app://ui///'])('%s does not resolve to the root folder itself', (url) => {
    // Handing the folder to net.fetch(file://) would list its contents; it should be index.html or nothing.
    const resolved = resolveAppFile(url, root);
    expect(resolved === null || resolved.file === path.join(root, 'index.html')).toBe(true);
  });
});

describe('refuses other origins', () => {
  it.each([
    'app://evil/index.html',
    'app://ui.evil/index.html',
    'app://UI/index.html',
    'app://ui:8080/index.html',
    'https://ui/index.html',
    'http://ui/index.html',
    'file:///index.html',
    'file://ui/index.html',
    'ui/index.html',
    '/index.html',
    '',
    'not a url',
  ])('%s → null', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });
});

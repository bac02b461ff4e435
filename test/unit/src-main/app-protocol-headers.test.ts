// serveAppRequest (docs/security.md 2, 3): every app:// answer carries the strict CSP and nosniff as HTTP headers, and only files under the root are read.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponseHeaders, contentSecurityPolicy, serveAppRequest } from '../../../src-main/app-protocol';
import { makeTempDir, removeTempDir } from './helpers';

const strictMetaCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";
const strictCsp = `${strictMetaCsp}; frame-ancestors 'none'`;

let parent: string;
let root: string;
const reads: string[] = [];
const readFile = async (file: string): Promise<Uint8Array<ArrayBuffer>> => {
  reads.push(file);
  return fs.promises.readFile(file);
};

beforeAll(() => {
  parent = makeTempDir('cmc-proto-headers-');
  root = path.join(parent, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(parent, 'outside.txt'), 'secret-outside');
});
afterAll(() => removeTempDir(parent));

describe('the CSP header', () => {
  it('is exactly the policy of security.md 3', () => {
    expect(contentSecurityPolicy).toBe(strictCsp);
  });

  it.each([['text/html; charset=utf-8'], ['text/javascript; charset=utf-8'], ['application/octet-stream']])(
    'every header set for %s carries the CSP, nosniff and no-store',
    (type) => {
      expect(appResponseHeaders(type)).toEqual({
        'content-type': type,
        'content-security-policy': strictCsp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    },
  );
});

describe('serveAppRequest', () => {
  it('serves index.html with its bytes, type and the security headers', async () => {
    const answer = await serveAppRequest('app://ui/index.html', root, readFile);
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.body).toString('utf8')).toBe('<!doctype html><title>x</title>');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(strictCsp);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a script with the security headers too', async () => {
    const answer = await serveAppRequest('app://ui/assets/app.js', root, readFile);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(strictCsp);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    'app://ui/assets/missing.js',
    'app://ui/assets',
    'app://ui/..%2Foutside.txt',
    'app://ui/%2e%2e/outside.txt',
    'app://evil/index.html',
    'https://ui/index.html',
  ])('%s is a 404 that still carries the CSP, and nothing outside the root is read', async (url) => {
    reads.length = 0;
    const answer = await serveAppRequest(url, root, readFile);
    expect(answer.status).toBe(404);
    expect(answer.body).toBe('Not found');
    expect(answer.headers['content-security-policy']).toBe(strictCsp);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    for (const file of reads) expect(file.startsWith(root + path.sep)).toBe(true);
  });
});

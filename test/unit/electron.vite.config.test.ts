// `npm run dev`: the renderer dev server serves the page with the dev-only policy; the built page keeps the strict one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { devContentSecurityPolicy, devCsp } from '../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../..');
let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: path.join(root, 'src-renderer'),
    logLevel: 'silent',
    plugins: [svelte({ configFile: false, emitCss: true }), devCsp()],
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no port');
  origin = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server?.close();
});

describe('the renderer dev server', () => {
  it('serves index.html with the dev policy (inline component styles, a loopback websocket) and nothing looser', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]);
    expect(metas).toEqual([devContentSecurityPolicy]);
    const sources = devContentSecurityPolicy.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources).not.toContain('*');
    for (const s of sources.filter((x) => x.includes('://'))) expect(s).toMatch(/^ws:\/\/(localhost|127\.0\.0\.1):\*$/);
  });

  it('compiles the app entry on request', async () => {
    const res = await fetch(`${origin}/src/main.ts`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('App.svelte');
  });

  it('the source page keeps the strict policy: the dev one exists only while serving', () => {
    const source = fs.readFileSync(path.join(root, 'src-renderer/index.html'), 'utf8');
    expect(source).not.toContain("'unsafe-inline'");
  });
});

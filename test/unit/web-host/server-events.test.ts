// The web host carries main's events as server-sent events, so the e2e tests see what a window sees: only for the page that holds the
// host's cookie and the per-run token, each event as its name and its checked payload.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../web-host/server';
import { makeTempDir, removeTempDir } from '../src-main/helpers';

let host: WebHost;
let dataDir: string;
let rendererDir: string;
let cookie: string;
let token: string;

beforeAll(async () => {
  dataDir = makeTempDir('cmc-host-events-');
  rendererDir = makeTempDir('cmc-host-ui-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title><script src="./x.js"></script>');
  host = await startWebHost({ dataDir, rendererDir, logSink: () => undefined });
  token = new URL(host.url).searchParams.get('token')!;
  const traded = await fetch(host.url, { redirect: 'manual' });
  cookie = (traded.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^cmc_host=/);
});
afterAll(async () => {
  await host.close();
  removeTempDir(dataDir);
  removeTempDir(rendererDir);
});

const streamUrl = (t: string | null): string => `${host.origin}/__host/events${t === null ? '' : `?token=${encodeURIComponent(t)}`}`;

/** Reads the stream until `count` event frames arrived; answers them as name and parsed payload. */
async function readEvents(response: Response, count: number): Promise<{ name: string; payload: unknown }[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const frames = (): string[] => text.split('\n\n').filter((f) => f.startsWith('event: '));
  while (frames().length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return frames().map((frame) => {
    const [nameLine, dataLine] = frame.split('\n');
    return { name: nameLine!.slice('event: '.length), payload: JSON.parse(dataLine!.slice('data: '.length)) as unknown };
  });
}

describe('web host events', () => {
  it('refuses the stream without the cookie, without the token, with a wrong token, or from another origin', async () => {
    expect((await fetch(streamUrl(token))).status).toBe(403);
    expect((await fetch(streamUrl(null), { headers: { cookie } })).status).toBe(403);
    expect((await fetch(streamUrl('x'.repeat(token.length)), { headers: { cookie } })).status).toBe(403);
    expect((await fetch(streamUrl(token), { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('streams each event main sends, by name, with its payload, to every open page', async () => {
    const pages = await Promise.all([0, 1].map(() => fetch(streamUrl(token), { headers: { cookie } })));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/event-stream/);
    }
    const status = { available: false as const, reason: 'not-answering' as const, messageKey: 'keychain.not-answering' };
    host.services.events.emit('keychain:did-change', { status });
    host.services.events.emit('secrets:did-change', { pending: [] });
    for (const page of pages)
      expect(await readEvents(page, 2)).toEqual([
        { name: 'keychain:did-change', payload: { status } },
        { name: 'secrets:did-change', payload: { pending: [] } },
      ]);
  });
});

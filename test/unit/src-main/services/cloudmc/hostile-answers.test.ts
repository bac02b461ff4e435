// Issue 17, items 5 and 8 (security.md 22, 41): what CloudMC's answers may carry. A key value, name, id or IP holding a control
// character, and a key id that is not a path-safe token, are refused where the answer is parsed (list, generate, rename), never
// passed on to a terminal, a keychain account name or a request path.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCloudmcClient, type CloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { failureOf } from '../../helpers';

/** A stand-in CloudMC on loopback that answers every request with one fixed JSON body. */
async function withFixedAnswer<T>(body: unknown, work: (client: CloudmcClient) => Promise<T>): Promise<T> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    return await work(createCloudmcClient({ endpoint, apiKey: 'k' }, { attempts: 1 }));
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const key = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '7f3c2a10-0000-4000-8000-000000000001',
  name: 'ci-deploy',
  creationDate: '2026-01-02T03:04:05Z',
  lastUsedDate: null,
  lastUsedIp: null,
  ...over,
});

/** Terminal attacks a hostile "secret" may carry: clipboard write, window title, cursor movement, and single controls. */
const hostileValues: [string, string][] = [
  ['OSC 52 (clipboard write)', 'abc\u001b]52;c;ZWNobyBwd25lZA==\u0007def'],
  ['OSC 0 (window title)', 'abc\u001b]0;owned\u0007'],
  ['CSI cursor up and erase line', 'abc\u001b[1A\u001b[2Kdef'],
  ['a C1 CSI (0x9b)', 'abc\u009b31mdef'],
  ['a carriage return', 'visible\rhidden'],
  ['a newline', 'first\nsecond'],
  ['a NUL', 'abc\u0000def'],
  ['DEL', 'abc\u007fdef'],
  ['a tab', 'abc\tdef'],
];

describe('a generated key value with control characters is refused where the answer is parsed (item 5)', () => {
  it.each(hostileValues)(
    '%s in the secret: bad-response, reason control-character, field secret; the value is in no error',
    async (_label, secret) => {
      const error = await withFixedAnswer({ data: { ...key(), secret } }, (client) => failureOf(client.generateKey('ci-deploy')));
      expect(error).toMatchObject({ code: 'bad-response', details: { reason: 'control-character', field: 'secret' } });
      expect(JSON.stringify(error)).not.toContain(secret);
    },
  );

  it('a plain printable value is accepted as is', async () => {
    const secret = 'Zm9vYmFyYmF6cXV4-_~.0123456789abcdefABCDEF';
    const generated = await withFixedAnswer({ data: { ...key(), secret } }, (client) => client.generateKey('ci-deploy'));
    expect(generated.secret).toBe(secret);
  });
});

describe('key names, ids and IPs with control characters are refused in every key answer (item 5)', () => {
  const fields: [string, Record<string, unknown>][] = [
    ['name', { name: 'build\u001b]0;owned\u0007' }],
    ['lastUsedIp', { lastUsedIp: '10.0.0.1\r\u001b[2K', lastUsedDate: '2026-01-02T03:04:05Z' }],
    ['creationDate', { creationDate: '2026-01-02\u001b[1A' }],
    ['lastUsedDate', { lastUsedDate: '2026-01-02\u0085', lastUsedIp: '10.0.0.1' }],
  ];
  it.each(fields)('a control character in %s: list, generate and rename answers are bad-response naming the field', async (field, over) => {
    const expected = { code: 'bad-response', details: { reason: 'control-character', field } };
    expect(await withFixedAnswer({ data: [key(), key({ id: 'k2', ...over })] }, (c) => failureOf(c.listKeys()))).toMatchObject(expected);
    expect(await withFixedAnswer({ data: { ...key(over), secret: 's3cr3t' } }, (c) => failureOf(c.generateKey('x')))).toMatchObject(expected);
    expect(await withFixedAnswer({ data: key(over) }, (c) => failureOf(c.renameKey('k1', 'x')))).toMatchObject(expected);
  });

  it('a name in any script, with emoji and a zero-width joiner, is accepted', async () => {
    const name = 'clé-日本語-👩‍💻';
    const keys = await withFixedAnswer({ data: [key({ name })] }, (c) => c.listKeys());
    expect(keys[0]?.name).toBe(name);
  });
});

describe('every key id is checked against the key-id pattern where it is parsed (item 8, security.md 22)', () => {
  it.each(['../../x', '..', 'a/b', 'x y', 'id\u001b[2K', ''])('a generate answered with the id %j is bad-response (reason key-id)', async (id) => {
    const error = await withFixedAnswer({ data: { ...key({ id }), secret: 'fine-value' } }, (client) => failureOf(client.generateKey('x')));
    expect(error).toMatchObject({ code: 'bad-response', details: { reason: 'key-id' } });
  });
});

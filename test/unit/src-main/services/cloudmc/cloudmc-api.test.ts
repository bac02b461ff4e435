// CloudMC's API as the app assumes it (docs/cloudmc-api.md): the paths, the answer shapes, the refusals of unsafe key objects,
// the status → error-code map, and the activity entries read one by one (unreadable ones counted by the caller, never thrown).
import { describe, expect, it } from 'vitest';
import {
  activityEntryMaxChars,
  activityQuery,
  checkKeys,
  checkSecret,
  currentUserResponse,
  errorCodeForStatus,
  generatedKeyResponse,
  isErrorEnvelope,
  listKeysResponse,
  nameBody,
  paths,
  toActivityRecord,
  toApiKeyView,
  toIdentity,
} from '../../../../../src-main/services/cloudmc/cloudmc-api';
import { failureOf } from '../../helpers';

const key = { id: 'k1', name: 'ci', creationDate: '2026-01-01T00:00:00Z' };
const envelope = (context?: Record<string, unknown>) => ({ errors: [{ code: 'x', message: 'm', ...(context ? { context } : {}) }] });
const failure = (work: () => unknown) => failureOf(Promise.resolve().then(work));

describe('paths and bodies', () => {
  it('escape a key id into one path segment', () => {
    expect(paths.apiKey('a/b?c')).toBe('/api_keys/a%2Fb%3Fc');
    expect(paths.apiKeys).toBe('/api_keys');
    expect(paths.currentUser).toBe('/users/current');
  });

  it('send a name only when one is given', () => {
    expect(nameBody(undefined)).toBe('{}');
    expect(JSON.parse(nameBody('ci "prod"'))).toEqual({ name: 'ci "prod"' });
  });

  it('ask the activity log for the caller’s own entries since an instant', () => {
    const query = activityQuery(new Date('2026-02-03T04:05:06.000Z'), true);
    expect(query).toBe('/activity_log?only_mine=true&start=2026-02-03T04%3A05%3A06.000Z');
  });
});

describe('answers', () => {
  it('read a key list, dropping unknown fields, missing optional fields becoming null', () => {
    const parsed = listKeysResponse.parse({ data: [{ ...key, secret: 'never-kept', extra: 1 }] });
    expect(parsed.data.map(toApiKeyView)).toEqual([{ ...key, lastUsedDate: null, lastUsedIp: null }]);
  });

  it('need a non-empty secret in a generated key', () => {
    expect(generatedKeyResponse.safeParse({ data: { ...key, secret: 'v' } }).success).toBe(true);
    expect(generatedKeyResponse.safeParse({ data: { ...key, secret: '' } }).success).toBe(false);
    expect(generatedKeyResponse.safeParse({ data: key }).success).toBe(false);
  });

  it('name who a profile acts as: first and last name, else the user name; no organization is an empty name', () => {
    const user = { id: 'u1', userName: 'rwilson', firstName: 'Rita', lastName: null, organization: { id: 'o', name: 'Acme' } };
    expect(toIdentity(currentUserResponse.parse({ data: user }).data)).toEqual({
      userName: 'rwilson',
      displayName: 'Rita',
      organizationName: 'Acme',
    });
    expect(toIdentity(currentUserResponse.parse({ data: { id: 'u1', userName: 'rwilson' } }).data)).toEqual({
      userName: 'rwilson',
      displayName: 'rwilson',
      organizationName: '',
    });
  });
});

describe('unsafe key objects', () => {
  it('accept ordinary ids and names', () => {
    expect(() => checkKeys([{ ...key, id: 'a.b_c:d~e-1', name: 'Prod – clé 🔑', lastUsedIp: '10.0.0.1' }])).not.toThrow();
  });

  it.each(['..', '.', '../x', 'a/b', '', 'a b'])('refuse the key id %j, naming the field and never the value', async (id) => {
    const error = await failure(() => checkKeys([{ ...key, id }]));
    expect(error).toMatchObject({ code: 'bad-response', messageKey: 'generate.unsafeAnswer', details: { reason: 'key-id', field: 'id' } });
  });

  it.each([
    ['name', { name: 'ci\u001b]52;c;AAAA\u0007' }],
    ['creationDate', { creationDate: '2026\r\n' }],
    ['lastUsedDate', { lastUsedDate: '2026\u0085' }],
    ['lastUsedIp', { lastUsedIp: '10.0.0.1\u007f' }],
  ])('refuse a control character in %s', async (field, change) => {
    const error = await failure(() => checkKeys([{ ...key, ...change }]));
    expect(error.details).toEqual({ reason: 'control-character', field });
    expect(JSON.stringify(error)).not.toContain('52;c');
  });

  it('refuse a generated value with a control character', async () => {
    expect(() => checkSecret('abc-DEF_123')).not.toThrow();
    expect((await failure(() => checkSecret('abc\u001b[2J'))).details).toEqual({ reason: 'control-character', field: 'secret' });
  });
});

describe('statuses', () => {
  it.each([
    [400, envelope({ field: 'name' }), 'name-invalid'],
    [400, envelope({ field: 'other' }), 'bad-response'],
    [400, '<html>', 'bad-response'],
    [401, null, 'unauthorized'],
    [403, null, 'forbidden'],
    [404, envelope(), 'not-found'],
    [404, '<html>Not Found</html>', 'bad-response'],
    [429, null, 'rate-limited'],
    [301, null, 'redirect-refused'],
    [307, null, 'redirect-refused'],
    [500, null, 'server-error'],
    [503, '<html>', 'server-error'],
    [418, null, 'bad-response'],
    [200, null, 'bad-response'],
  ])('%i with %j is %s', (status, body, code) => {
    expect(errorCodeForStatus(status, body)).toBe(code);
  });

  it('tells CloudMC’s own error envelope from anything else', () => {
    expect(isErrorEnvelope(envelope())).toBe(true);
    expect(isErrorEnvelope({ errors: [] })).toBe(false);
    expect(isErrorEnvelope('<html>')).toBe(false);
  });
});

describe('activity entries', () => {
  const entry = { id: 'a1', created: '2026-01-01T00:00:00Z', eventCode: 'users.login', category: 'users', status: 'ok', requesterIp: '10.0.0.1' };

  it('read what the panel shows and drop the rest', () => {
    const record = toActivityRecord(JSON.stringify({ ...entry, eventContext: { secret: 'x' }, user: { id: 'u' } }));
    expect(record).toEqual({ ...entry, keyName: null });
    expect(toActivityRecord(JSON.stringify({ id: 'a1', created: entry.created, eventCode: 'x' }))).toEqual({
      id: 'a1',
      created: entry.created,
      eventCode: 'x',
      category: '',
      status: '',
      requesterIp: null,
      keyName: null,
    });
  });

  it.each([
    ['not JSON', '{"id":'],
    ['not an object', '["a1"]'],
    ['a missing id', JSON.stringify({ created: entry.created, eventCode: 'x' })],
    ['a date that is not one', JSON.stringify({ ...entry, created: 'yesterday' })],
    ['a number for a status', JSON.stringify({ ...entry, status: 3 })],
    ['an overlong category', JSON.stringify({ ...entry, category: 'c'.repeat(201) })],
    ['an entry past the size limit', JSON.stringify({ ...entry, pad: 'x'.repeat(activityEntryMaxChars) })],
  ])('answer null for %s', (_why, text) => {
    expect(toActivityRecord(text)).toBeNull();
  });
});

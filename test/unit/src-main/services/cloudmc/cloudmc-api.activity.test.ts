// Reading one activity of CloudMC's log: the fields the panel shows, and the key's name from `eventContext` when it gives one
// (escaped JSON, read permissively: an unreadable context never makes the entry unreadable).
import { describe, expect, it } from 'vitest';
import { toActivityRecord } from '../../../../../src-main/services/cloudmc/cloudmc-api';

const base = {
  id: 'a1',
  created: '2025-05-01T10:00:00Z',
  eventCode: 'api_key.generated',
  category: 'SYSTEM',
  status: 'SUCCESS',
  requesterIp: '192.0.2.1',
};
const entry = (extra: Record<string, unknown>): string => JSON.stringify({ ...base, ...extra });

describe('toActivityRecord', () => {
  it('keeps what the panel shows', () => {
    expect(toActivityRecord(entry({}))).toEqual({ ...base, keyName: null });
  });

  it("names the key from the event's context when CloudMC gives its name", () => {
    expect(toActivityRecord(entry({ eventContext: JSON.stringify({ apiKeyId: 'k1', name: 'nightly-backup' }) }))?.keyName).toBe('nightly-backup');
  });

  it.each([
    ['not JSON', '{"name": '],
    ['JSON but not an object', '"nightly-backup"'],
    ['a name that is not text', JSON.stringify({ name: 42 })],
    ['an empty name', JSON.stringify({ name: '' })],
    ['a name over the key-name limit', JSON.stringify({ name: 'x'.repeat(300) })],
    ['no name (a revoke)', JSON.stringify({ apiKeyId: 'k1' })],
  ])('a context with %s leaves the entry readable, without a key name', (_what, eventContext) => {
    expect(toActivityRecord(entry({ eventContext }))).toEqual({ ...base, keyName: null });
  });

  it('a context that is not a string (schema drift) leaves the entry readable', () => {
    expect(toActivityRecord(entry({ eventContext: { name: 'object-context' } }))).toEqual({ ...base, keyName: null });
  });

  it('an entry without its required fields is unreadable', () => {
    expect(toActivityRecord(JSON.stringify({ id: 'a1', created: 'yesterday', eventCode: 'x' }))).toBeNull();
  });
});

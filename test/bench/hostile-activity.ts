// Activity-log answers a hostile or broken CloudMC may send (issue 17, item 6): entries the app cannot read, mixed with readable ones, and floods of tiny entries.

/** A body, and how many of its entries a reader can use. */
export interface ActivityAnswer {
  body: string;
  entries: number;
  readable: number;
}

const dayMs = 86_400_000;

/** A readable entry, created `ageMs` before `now`. */
export function readableEntry(i: number, now: Date, ageMs: number): Record<string, unknown> {
  return {
    id: `act-${i}`,
    correlationId: `corr-${i}`,
    eventCode: i % 2 === 0 ? 'users.login' : 'api_key.generated',
    category: i % 2 === 0 ? 'USER' : 'API_KEY',
    status: 'SUCCESS',
    created: new Date(now.getTime() - ageMs).toISOString(),
    requesterIp: `198.51.100.${i % 250}`,
    eventContext: '{}',
  };
}

/** Entries a reader cannot use, as a careless or hostile server sends them: bad dates, wrong types, missing fields, not objects. */
const unreadableKinds: ((i: number) => unknown)[] = [
  (i) => ({ id: `bad-${i}`, created: 'not a date', eventCode: 'users.login' }),
  (i) => ({ id: `bad-${i}`, created: '2025-13-45T99:99:99Z', eventCode: 'users.login' }),
  (i) => ({ id: `bad-${i}`, created: 1_700_000_000_000, eventCode: 'users.login' }),
  (i) => ({ id: i, created: '2025-01-01T00:00:00Z', eventCode: 'users.login' }),
  (i) => ({ id: `bad-${i}`, created: '2025-01-01T00:00:00Z', eventCode: null }),
  (i) => ({ id: `bad-${i}`, created: '2025-01-01T00:00:00Z', eventCode: 'users.login', requesterIp: 7 }),
  (i) => ({ id: `bad-${i}`, created: '2025-01-01T00:00:00Z', eventCode: 'users.login', category: { nested: true } }),
  (i) => ({ created: '2025-01-01T00:00:00Z', eventCode: `users.login.${i}` }),
  (i) => `entry ${i}`,
  () => null,
  (i) => [i],
];

/** `total` entries, the first `unreadable` of every kind above in turn, shuffled among readable ones of the last 29 days. */
export function mixedActivityAnswer(now: Date, total: number, unreadable: number): ActivityAnswer {
  const entries: unknown[] = [];
  let bad = 0;
  for (let i = 0; i < total; i++) {
    // Spread the unreadable ones evenly through the answer.
    if (bad < unreadable && Math.floor(((i + 1) * unreadable) / total) > bad) entries.push(unreadableKinds[bad++ % unreadableKinds.length]!(i));
    else entries.push(readableEntry(i, now, ((i % 29) + 0.5) * dayMs));
  }
  return { body: JSON.stringify({ data: entries }), entries: total, readable: total - unreadable };
}

/**
 * An answer of at most `bytes` that costs a reader the most per byte: tiny entries (`0`, `{}`, an entry with wrong types),
 * with a readable one every `readableEvery`: a whole JSON.parse of it builds millions of values.
 */
export function floodActivityAnswer(now: Date, bytes: number, readableEvery = 1000): ActivityAnswer {
  const tiny = ['0', '{}', '{"id":1,"created":"x","eventCode":2}', 'null', '[]'];
  const parts: string[] = [];
  let size = '{"data":[]}'.length;
  let readable = 0;
  for (let i = 0; ; i++) {
    const part = i % readableEvery === 0 ? JSON.stringify(readableEntry(i, now, (i % 29) * dayMs + 1000)) : tiny[i % tiny.length]!;
    if (size + part.length + 1 > bytes) break;
    parts.push(part);
    size += part.length + 1;
    if (i % readableEvery === 0) readable++;
  }
  return { body: `{"data":[${parts.join(',')}]}`, entries: parts.length, readable };
}

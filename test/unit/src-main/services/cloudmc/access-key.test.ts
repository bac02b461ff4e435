// Issue 8, item 10 (header part): an access key with characters illegal in an HTTP header gave `internal` and a stack trace;
// it must give a precise field error (apiKey: empty or characters), from the check and from the transport alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessKey } from '../../../../../src-main/services/cloudmc/access-key';
import { sendHttp } from '../../../../../src-main/services/cloudmc/http-transport';
import { createCloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { AppFailure } from '../../../../../src-main/errors';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf } from '../../helpers';

let sim: Simulator;

function checkFailure(input: string): AppFailure['appError'] {
  try {
    checkAccessKey(input);
  } catch (e) {
    if (e instanceof AppFailure) return e.appError;
    throw e;
  }
  throw new Error('expected a failure');
}

const illegal: Record<string, string> = {
  newline: 'abc\ndef',
  'carriage return + header injection': 'abc\r\nX-Evil: 1',
  NUL: 'abc\u0000def',
  DEL: 'abc\u007fdef',
  'escape character': 'abc\u001bdef',
  'non-Latin-1 letter': 'clé-ключ',
  'line separator': 'abc\u2028def',
  emoji: 'abc😀def',
};

beforeAll(async () => {
  const state = new SimState();
  seedDemo(state);
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());

describe('issue 8.10: an access key with characters illegal in an HTTP header gives internal and a stack trace', () => {
  it.each(Object.entries(illegal))(
    'checkAccessKey refuses a %s as a field error on apiKey (reason characters), naming no character',
    (_what, key) => {
      const error = checkFailure(key);
      expect(error).toEqual({
        code: 'invalid-input',
        kind: 'invalid',
        messageKey: 'errors.access-key-characters',
        details: { field: 'apiKey', reason: 'characters' },
      });
      expect(JSON.stringify(error)).not.toContain('abc');
    },
  );

  it('checkAccessKey refuses an empty or blank key (reason empty)', () => {
    for (const blank of ['', '   ', '\t\n'])
      expect(checkFailure(blank)).toMatchObject({ code: 'invalid-input', details: { field: 'apiKey', reason: 'empty' } });
  });

  it('checkAccessKey trims, and keeps everything a header value may hold', () => {
    expect(checkAccessKey('  abc-DEF_123.~+/=  \n')).toBe('abc-DEF_123.~+/=');
    expect(checkAccessKey('a b\tc')).toBe('a b\tc');
    expect(checkAccessKey('!"#$%&\'()*,:;<>?@[\\]^`{|}')).toBe('!"#$%&\'()*,:;<>?@[\\]^`{|}');
  });

  it.each(Object.entries(illegal))(
    "sendHttp turns http.request's synchronous refusal of a %s in a header into the same field error, sending nothing",
    async (_what, key) => {
      const before = sim.requests.length;
      const error = await failureOf(
        sendHttp({ method: 'GET', url: `${sim.endpoint}/api_keys`, headers: { 'MC-Api-Key': key }, timeoutMs: 2_000, maxBodyBytes: 1024 }),
      );
      expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'apiKey', reason: 'characters' } });
      expect(sim.requests.length).toBe(before);
    },
  );

  it('the client answers such a key with the field error, and CloudMC never sees a request', async () => {
    const before = sim.requests.length;
    const client = createCloudmcClient({ endpoint: sim.endpoint, apiKey: 'abc\r\ndef' }, { attempts: 1 });
    expect(await failureOf(client.currentUser())).toMatchObject({ code: 'invalid-input', details: { field: 'apiKey', reason: 'characters' } });
    expect(await failureOf(client.listKeys())).toMatchObject({ code: 'invalid-input', details: { field: 'apiKey', reason: 'characters' } });
    expect(sim.requests.length).toBe(before);
  });
});

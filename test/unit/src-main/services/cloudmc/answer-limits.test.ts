// Issue 8, item 8 (answer part): "a 4 MB deeply nested answer blocks main 1.2 s". Nesting is refused before JSON.parse
// sees it, and the default size limit fits real lists with headroom. No timing is asserted here: `npm run bench` measures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCloudmcClient, defaultClientOptions } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import { jsonNestingDepth, maxJsonDepth, parseJsonWithLimits } from '../../../../../src-main/services/cloudmc/json-limits';
import { startSimulator, type Simulator } from '../../../../cloudmc-sim/server';
import { SimState, type SimUser } from '../../../../cloudmc-sim/state';
import { seedDemo } from '../../../../cloudmc-sim/seed';
import { failureOf } from '../../helpers';

let sim: Simulator;
let apiKey: string;
let user: SimUser;

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

beforeAll(async () => {
  const state = new SimState();
  ({ apiKey, user } = seedDemo(state));
  sim = await startSimulator({ state });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

describe('issue 8.8: a deeply nested answer blocks main', () => {
  it('a 3 MB answer nested 1.5 million arrays deep is refused as bad-response (reason depth) over loopback', async () => {
    sim.faults.add({ fault: { kind: 'deep-json', depth: 1_500_000 }, method: 'GET', pathPrefix: '/api_keys' });
    const client = createCloudmcClient({ endpoint: sim.endpoint, apiKey }, { attempts: 1 });
    expect(await failureOf(client.listKeys())).toMatchObject({
      code: 'bad-response',
      kind: 'server',
      details: { reason: 'depth', limit: maxJsonDepth },
    });
  });

  it('an answer deeper than the limit is refused; one at the limit parses', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(thrown(() => parseJsonWithLimits(nested(maxJsonDepth + 1)))).toMatchObject({
      appError: { code: 'bad-response', details: { reason: 'depth' } },
    });
    expect(parseJsonWithLimits(nested(maxJsonDepth))).toBeInstanceOf(Array);
    expect(thrown(() => parseJsonWithLimits('{"a":'.repeat(40) + '1' + '}'.repeat(40)))).toMatchObject({
      appError: { details: { reason: 'depth' } },
    });
  });

  it('brackets inside strings, escaped quotes included, do not count as nesting', () => {
    const text = JSON.stringify({ data: [{ id: 'k1', name: `${'['.repeat(100)}"\\${'{'.repeat(100)}` }] });
    expect(jsonNestingDepth(text)).toBe(3);
    expect(parseJsonWithLimits(text)).toEqual(JSON.parse(text));
  });

  it('text that is not JSON is bad-response (reason json)', () => {
    expect(thrown(() => parseJsonWithLimits('<html>404</html>'))).toMatchObject({ appError: { code: 'bad-response', details: { reason: 'json' } } });
  });

  it('the default size limit holds a 5,000-key list with room to spare', async () => {
    for (let i = 0; i < 5_000; i++) sim.state.issueKey(user.id, { name: `ci-runner-${i}-production-eu-west` });
    const keys = await createCloudmcClient({ endpoint: sim.endpoint, apiKey }).listKeys();
    expect(keys.length).toBeGreaterThan(5_000);
    const bodyBytes = Buffer.byteLength(JSON.stringify({ data: keys }));
    expect(defaultClientOptions.maxBodyBytes).toBeGreaterThanOrEqual(3 * bodyBytes);
  });

  it('an answer larger than the default limit (5 MB) is refused as response-too-large', async () => {
    sim.faults.add({ fault: { kind: 'oversized', bytes: 5_000_000 }, method: 'GET', pathPrefix: '/api_keys' });
    const client = createCloudmcClient({ endpoint: sim.endpoint, apiKey }, { attempts: 1 });
    expect(await failureOf(client.listKeys())).toMatchObject({ code: 'response-too-large', details: { limit: defaultClientOptions.maxBodyBytes } });
  });
});

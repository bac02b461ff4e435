// The data array of an answer read element by element (issue 17, item 6): the same elements JSON.parse sees, the envelope checked, the loop given back.
import { describe, expect, it } from 'vitest';
import { visitDataElements } from '../../../../../src-main/services/cloudmc/json-data-array';
import { failureOf } from '../../helpers';

const elementsOf = async (text: string): Promise<string[]> => {
  const seen: string[] = [];
  await visitDataElements(text, (e) => seen.push(e));
  return seen;
};

describe('visitDataElements', () => {
  it('gives each element of data as its own text, as JSON.parse reads them, whatever they hold', async () => {
    const data = [{ id: 'a', s: 'brackets ] } [ { and "quotes" \\ and , commas' }, 0, 'x', null, [1, [2]], { nested: { data: [9] } }, true];
    const text = JSON.stringify({ meta: { data: 'not this one' }, data, after: [1, 2] }, null, 2);
    const seen = await elementsOf(text);
    expect(seen.map((e) => JSON.parse(e) as unknown)).toEqual(data);
  });

  it('an empty array gives nothing; a key spelled with escapes is still "data"', async () => {
    expect(await elementsOf('{"data":[]}')).toEqual([]);
    expect(await elementsOf(' { "d\\u0061ta" : [ 1 , 2 ] } ')).toEqual(['1', '2']);
  });

  it.each([
    ['not JSON', '<html>502</html>', 'json'],
    ['truncated', '{"data":[{"id":"a"},{"id":"b', 'json'],
    ['an empty element', '{"data":[1,,2]}', 'json'],
    ['a trailing comma', '{"data":[1,]}', 'json'],
    ['text after the object', '{"data":[1]} {}', 'json'],
    ['a bracket that does not match', '{"data":[1}', 'json'],
    ['no data', '{"items":[1]}', 'schema'],
    ['data not an array', '{"data":{"a":1}}', 'schema'],
    ['data twice', '{"data":[1],"data":[2]}', 'schema'],
    ['an array at the top', '[{"data":[1]}]', 'schema'],
    ['nesting deeper than 32', `{"data":[${'['.repeat(40)}${']'.repeat(40)}]}`, 'depth'],
  ])('%s: bad-response (%s)', async (_what, text, reason) => {
    expect(await failureOf(elementsOf(text))).toMatchObject({ code: 'bad-response', details: { reason } });
  });

  it('gives the event loop a turn between slices, and stops when cancelled', async () => {
    const text = JSON.stringify({ data: Array.from({ length: 200_000 }, (_, i) => ({ i })) });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await visitDataElements(text, () => undefined, { sliceMs: 1 });
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(0);

    const controller = new AbortController();
    let visited = 0;
    const reading = visitDataElements(
      text,
      () => {
        visited++;
        if (visited === 10) controller.abort();
      },
      { sliceMs: 0, signal: controller.signal },
    );
    expect(await failureOf(reading)).toMatchObject({ code: 'cancelled' });
    expect(visited).toBeLessThan(200_000);
  });
});

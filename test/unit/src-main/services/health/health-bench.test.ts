// The bench's figures at small sizes: counts, findings as computeHealth finds them on the synthetic data, timings, and the history bytes.
import { describe, expect, it } from 'vitest';
import { benchHealthAtScale, historyFileBytes } from '../../../../../src-main/services/health/health-bench';
import { encodeHistory, serializeHistory } from '../../../../../src-main/services/health/key-history';

const now = new Date('2026-06-01T12:00:00.000Z');

describe('health bench', () => {
  it('counts profiles × keys and finds something on every sort of synthetic key', () => {
    const figures = benchHealthAtScale({ profiles: 3, keysPerProfile: 30, runs: 3, now });
    expect(figures.profiles).toBe(3);
    expect(figures.keys).toBe(90);
    expect(figures.findings).toBeGreaterThan(0);
    expect(figures.findings).toBeLessThan(figures.keys * 4);
  });

  it('is the same data for the same clock: findings and history bytes do not change between two calls', () => {
    const a = benchHealthAtScale({ profiles: 2, keysPerProfile: 20, runs: 1, now });
    const b = benchHealthAtScale({ profiles: 2, keysPerProfile: 20, runs: 1, now });
    expect([a.findings, a.historyBytes, a.historyBytesBound]).toEqual([b.findings, b.historyBytes, b.historyBytesBound]);
  });

  it('grows with the number of profiles', () => {
    const one = benchHealthAtScale({ profiles: 1, keysPerProfile: 20, runs: 1, now });
    const four = benchHealthAtScale({ profiles: 4, keysPerProfile: 20, runs: 1, now });
    expect(four.findings).toBeGreaterThan(one.findings);
    expect(four.historyBytes).toBeGreaterThan(one.historyBytes * 3);
    expect(four.historyBytesBound).toBe(one.historyBytesBound * 4);
  });

  it('gives a median no slower than the slowest run, and sizes the bound above the synthetic files', () => {
    const figures = benchHealthAtScale({ profiles: 2, keysPerProfile: 25, runs: 5, now });
    expect(figures.computeMedianMs).toBeGreaterThanOrEqual(0);
    expect(figures.computeMaxMs).toBeGreaterThanOrEqual(figures.computeMedianMs);
    expect(figures.historyBytes).toBeGreaterThan(0);
    expect(figures.historyBytesBound).toBeGreaterThan(figures.historyBytes);
  });

  it('with no timed run, reports zero times rather than nothing', () => {
    const figures = benchHealthAtScale({ profiles: 1, keysPerProfile: 5, runs: 0, now });
    expect([figures.computeMedianMs, figures.computeMaxMs]).toEqual([0, 0]);
  });

  it('measures a history file in UTF-8 bytes as the store writes it', () => {
    const at = '2026-05-01T00:00:00.000Z';
    const doc = encodeHistory({ 'k-é': { firstSeen: at, runs: [{ ip: '10.0.0.1', from: at, to: at, firstUsed: at, lastUsed: at }] } });
    const text = serializeHistory(doc as unknown as Record<string, unknown>);
    expect(historyFileBytes(doc)).toBe(Buffer.byteLength(text, 'utf8'));
    expect(historyFileBytes(doc)).toBe(text.length + 1);
  });
});

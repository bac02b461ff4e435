// Scale figures for `npm run bench`: key health computed for many profiles × keys in main, and the history files' size for that many.
import { performance } from 'node:perf_hooks';
import type { ApiKeyView } from '../../../src-preload/contract/models';
import { computeHealth, type ProfileHealthInput } from './health-findings';
import { encodeHistory, runsPerKeyMax, serializeHistory, type HistoryDoc, type KeyHistory, type UseRun } from './key-history';

/** What benchHealthAtScale measured. */
export interface HealthBenchFigures {
  profiles: number;
  keys: number;
  findings: number;
  /** Median and slowest of the timed runs of computeHealth, in milliseconds. */
  computeMedianMs: number;
  computeMaxMs: number;
  /** Bytes of every profile's history file as the store writes them, for the synthetic data (a few IP changes per key). */
  historyBytes: number;
  /** Bytes at the bound: every key with runsPerKeyMax runs (its IP changed at least that many times). */
  historyBytesBound: number;
}

const dayMs = 86_400_000;

/** The bytes of one history file as the store writes it. */
export function historyFileBytes(doc: HistoryDoc): number {
  return Buffer.byteLength(serializeHistory(doc as unknown as Record<string, unknown>), 'utf8');
}

function ipOf(p: number, k: number, n: number): string {
  return `10.${p % 250}.${k % 250}.${n % 250}`;
}

/** A synthetic profile: keys of every sort (in use, idle, never used, default names, an IP just changed). */
function syntheticProfile(p: number, keysPerProfile: number, now: number, runsPerKey: number): { input: ProfileHealthInput; doc: HistoryDoc } {
  const keys: ApiKeyView[] = [];
  const history: Record<string, KeyHistory> = {};
  for (let k = 0; k < keysPerProfile; k++) {
    const id = `00000000-0000-4000-8000-${String(p).padStart(6, '0')}${String(k).padStart(6, '0')}`;
    const neverUsed = k % 10 === 0;
    const lastUsed = neverUsed ? null : new Date(now - ((k * 7) % 120) * dayMs).toISOString();
    const runs: UseRun[] = [];
    // Most keys move between a few known places (the last one seen long ago); one in 25 was just used from a new one.
    const justMoved = k % 25 === 3;
    for (let r = 0; r < (neverUsed ? 1 : runsPerKey); r++) {
      const recent = r === runsPerKey - 1;
      const at = new Date(now - (recent && justMoved ? 1 : (runsPerKey - r) * 60) * dayMs).toISOString();
      const ip = neverUsed ? null : recent && !justMoved ? ipOf(p, k, 0) : ipOf(p, k, r);
      runs.push({ ip, from: at, to: at, firstUsed: lastUsed, lastUsed });
    }
    const lastIp = runs.at(-1)!.ip;
    keys.push({
      id,
      name: k % 7 === 0 ? `key-${(p * 50 + k).toString(16).padStart(6, '0').slice(-6)}` : `service-${p}-${k}`,
      creationDate: new Date(now - 400 * dayMs).toISOString(),
      lastUsedDate: lastUsed,
      lastUsedIp: lastIp,
    });
    history[id] = { firstSeen: runs[0]!.from, runs };
  }
  return {
    input: {
      id: `profile-${p}`,
      name: `Profile ${p}`,
      accessKeyId: keys[1]?.id ?? null,
      keys,
      history,
      orphanedCopies: p % 50 === 0 ? ['gone-key'] : [],
      notes: {},
      snoozes: {},
    },
    doc: encodeHistory(history),
  };
}

/** Computes key health for `profiles` × `keysPerProfile` synthetic keys (timed `runs` times after a warm-up) and sizes the history files for that many. */
export function benchHealthAtScale(options: { profiles?: number; keysPerProfile?: number; runs?: number; now?: Date } = {}): HealthBenchFigures {
  const profiles = options.profiles ?? 1000;
  const keysPerProfile = options.keysPerProfile ?? 50;
  const runs = options.runs ?? 7;
  const now = options.now ?? new Date();
  const built = Array.from({ length: profiles }, (_, p) => syntheticProfile(p, keysPerProfile, now.getTime(), 3));
  const inputs = built.map((b) => b.input);
  const compute = (): number => computeHealth({ now, idleDays: 90, profiles: inputs, copiesChecked: true }).findings.length;
  const findings = compute(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    compute();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const historyBytes = built.reduce((sum, b) => sum + historyFileBytes(b.doc), 0);
  // At the bound every profile's file is the same size: one is built and multiplied.
  const bound = syntheticProfile(0, keysPerProfile, now.getTime(), runsPerKeyMax).doc;
  return {
    profiles,
    keys: profiles * keysPerProfile,
    findings,
    computeMedianMs: times[Math.floor(times.length / 2)] ?? 0,
    computeMaxMs: times.at(-1) ?? 0,
    historyBytes,
    historyBytesBound: historyFileBytes(bound) * profiles,
  };
}

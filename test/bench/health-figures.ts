// Issue 12's scale figures: key health for many profiles computed in main (target < 100 ms), and the size of the use history it reads.
import { benchHealthAtScale } from '../../src-main/services/health/health-bench';
import { runsPerKeyMax } from '../../src-main/services/health/key-history';
import type { Report } from './report';

/** Computes health for `profiles` × `keysPerProfile` keys (median of the runs) and prints the history's size, measured and at its bound. */
export async function healthFigures(report: Report, profiles: number, keysPerProfile: number): Promise<void> {
  report.begin(`Key health (${profiles.toLocaleString('en-US')} profiles × ${keysPerProfile} keys, computed in main)`);
  const figures = benchHealthAtScale({ profiles, keysPerProfile });
  report.bounded(`compute every finding (${figures.findings.toLocaleString('en-US')} found), median`, figures.computeMedianMs, 'ms', 100);
  report.figure('compute every finding, slowest run', figures.computeMaxMs, 'ms');
  report.figure('use history on disk for these keys (3 IP runs per key)', figures.historyBytes / 1024 / 1024, 'MiB');
  // Issue 22 item 4: at most 40 MiB at 1,000 profiles × 50 keys (451 MiB with 50 tab-indented runs per key).
  report.bounded(`use history on disk at its bound (${runsPerKeyMax} runs per key)`, figures.historyBytesBound / 1024 / 1024, 'MiB', 40);
}

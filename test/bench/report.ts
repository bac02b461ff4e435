// The bench's results: plain figures, figures with a target (PASS/OVER, never a failure), figures beside a floor measured in the same run, and steps that could not run.
import { performance } from 'node:perf_hooks';

/** One row of the final table. */
export interface Row {
  section: string;
  what: string;
  value: string;
  target: string;
  /** PASS/OVER for a time against its target, MISS for another target not met, FAILED for a step that threw. */
  verdict: '' | 'PASS' | 'OVER' | 'MISS' | 'FAILED';
  /** The figure ÷ its floor (the least the same work costs in this run), e.g. "2.4× floor". */
  ratio: string;
}

/** Collects the rows of one bench run and prints them as a table. */
export class Report {
  readonly rows: Row[] = [];
  private section = '';

  /** Starts a group of rows. */
  begin(section: string): void {
    this.section = section;
  }

  /** A figure with no target. */
  figure(what: string, value: number, unit: string): void {
    this.rows.push({ section: this.section, what, value: format(value, unit), target: '', verdict: '', ratio: '' });
  }

  /** A figure with an upper bound: reported PASS or OVER, never asserted. */
  bounded(what: string, value: number, unit: string, max: number): void {
    this.rows.push({
      section: this.section,
      what,
      value: format(value, unit),
      target: `< ${max} ${unit}`,
      verdict: value < max ? 'PASS' : 'OVER',
      ratio: '',
    });
  }

  /** A figure beside its floor (recorded as its own row just before): the ratio, and PASS/OVER when it has an upper bound. */
  compared(what: string, value: number, unit: string, floor: number, max?: number): void {
    const ratio = floor > 0 ? `${(value / floor).toFixed(1)}× floor` : 'floor ≈ 0';
    const bound =
      max === undefined
        ? { target: '', verdict: '' as const }
        : { target: `< ${max} ${unit}`, verdict: value < max ? ('PASS' as const) : ('OVER' as const) };
    this.rows.push({ section: this.section, what, value: format(value, unit), ...bound, ratio });
  }

  /** A target that is not an upper bound on a time (e.g. "2 to 8 calls at once"): PASS or MISS, never asserted. */
  checked(what: string, value: string, target: string, met: boolean): void {
    this.rows.push({ section: this.section, what, value, target, verdict: met ? 'PASS' : 'MISS', ratio: '' });
  }

  /** A fact that is not a number (an outcome, a size). */
  note(what: string, value: string): void {
    this.rows.push({ section: this.section, what, value, target: '', verdict: '', ratio: '' });
  }

  /** A step that threw: the run will exit non-zero. */
  failed(what: string, error: unknown): void {
    this.rows.push({ section: this.section, what, value: describe(error), target: '', verdict: 'FAILED', ratio: '' });
  }

  /** Takes rows recorded elsewhere (the renderer figures' own process), sections kept. */
  adopt(rows: readonly Row[]): void {
    this.rows.push(...rows);
  }

  /** True when some step could not complete. */
  hasFailures(): boolean {
    return this.rows.some((r) => r.verdict === 'FAILED');
  }

  /** Times `work` `runs` times and records the median. */
  async median<T>(what: string, work: () => Promise<T> | T, runs = 5): Promise<T> {
    let last: T | undefined;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      last = await work();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    this.figure(`${what} (median of ${runs})`, samples[Math.floor(runs / 2)] ?? 0, 'ms');
    return last as T;
  }

  /** The table, one line per row, grouped by section. */
  render(): string {
    const width = (pick: (r: Row) => string): number => Math.max(0, ...this.rows.map((r) => pick(r).length));
    // A long value (a failure's reason) overflows its column rather than widening every line.
    const w = {
      what: width((r) => r.what),
      value: Math.min(
        30,
        width((r) => r.value),
      ),
      target: Math.max(
        6,
        width((r) => r.target),
      ),
      verdict: 7,
    };
    const lines: string[] = [];
    let section: string | null = null;
    for (const r of this.rows) {
      if (r.section !== section) {
        section = r.section;
        lines.push(
          '',
          `— ${section}`,
          `${'figure'.padEnd(w.what)}  ${'value'.padStart(w.value)}  ${'target'.padEnd(w.target)}  ${'verdict'.padEnd(w.verdict)}  ratio`,
        );
      }
      lines.push(
        `${r.what.padEnd(w.what)}  ${r.value.padStart(w.value)}  ${r.target.padEnd(w.target)}  ${r.verdict.padEnd(w.verdict)}  ${r.ratio}`.trimEnd(),
      );
    }
    return lines.join('\n');
  }
}

/** The middle value (the upper middle of an even count); 0 for none. */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function format(value: number, unit: string): string {
  const digits = unit === 'ms' || unit === 'MiB' ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A one-line reason for a failed step: an AppFailure's code, else the error's first line. */
export function describe(error: unknown): string {
  const code = (error as { appError?: { code?: unknown } } | null)?.appError?.code;
  if (typeof code === 'string') return `error ${code}`;
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 160);
}

// Rules a release workflow must keep (issue 20, items 1-5), as functions from the parsed workflow (or its text) to the problems found:
// nothing starts Electron before Chromium's sandbox is set up on Ubuntu, each OS job sees only its own OS's secrets, every action is
// pinned by commit, one run per ref at a time, and publishing survives a re-run. test/unit/packaging/release-workflow.test.ts applies them.

/** One step of a job (the fields these rules read). */
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** One job (the fields these rules read). */
export interface Job {
  'runs-on'?: string | string[];
  strategy?: { matrix?: Record<string, unknown> & { include?: Record<string, unknown>[] } };
  environment?: unknown;
  env?: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  steps?: Step[];
}

/** A parsed workflow (the fields these rules read). */
export interface Workflow {
  env?: Record<string, unknown>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean | string } | string;
  jobs: Record<string, Job>;
}

/** A step's label in messages. */
const label = (step: Step, i: number): string => `step ${i + 1} "${step.name ?? step.uses ?? step.run?.split('\n')[0]}"`;

/** The runner labels a job may run on, its matrix expanded (`runs-on: ${{ matrix.runner }}`). */
export function runnersOf(job: Job): string[] {
  const labels = [job['runs-on'] ?? []].flat();
  return labels.flatMap((l) => {
    const key = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(l)?.[1];
    if (!key) return [l];
    const matrix = job.strategy?.matrix ?? {};
    return [...[matrix[key] ?? []].flat(), ...(matrix.include ?? []).map((entry) => entry[key])].filter((v): v is string => typeof v === 'string');
  });
}

/** Commands that start Electron (its binary, the packaged app, the Playwright _electron projects, the app from a checkout). */
const startsElectron =
  /\bnpx\s+electron(?=\s|$)|\belectron\s+\.(\s|$)|xvfb-run|playwright\s+test[^\n]*--project[= ]electron|linux-unpacked\/|\.AppImage\b|\bnpm\s+(start|run\s+dev)\b/;
/** Ubuntu 24.04's sandbox set-up: lift the user-namespace restriction, or make chrome-sandbox the SUID helper. */
const sandboxSetup =
  /sysctl\s+-w\s+kernel\.apparmor_restrict_unprivileged_userns=0|chown\s+root(:root)?\s+\S*chrome-sandbox[\s\S]*chmod\s+4755\s+\S*chrome-sandbox/;

/** Item 1: in every Ubuntu job, no step starts Electron before the sandbox set-up step (Electron aborts on the SUID sandbox otherwise). */
export function electronBeforeSandbox(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([name, job]) => {
    if (!runnersOf(job).some((r) => r.startsWith('ubuntu'))) return [];
    const steps = job.steps ?? [];
    const electron = steps.findIndex((s) => startsElectron.test(s.run ?? ''));
    const sandbox = steps.findIndex((s) => sandboxSetup.test(s.run ?? ''));
    if (electron === -1 || (sandbox !== -1 && sandbox < electron)) return [];
    return [
      `${name}: ${label(steps[electron]!, electron)} starts Electron ${sandbox === -1 ? 'with no sandbox set-up step' : 'before the sandbox set-up'}`,
    ];
  });
}

/** The OS a signing secret belongs to, by its name (MAC_/APPLE_ macOS, WIN_/AZURE_ Windows, LINUX_ Linux), or null for a shared one. */
export function secretPlatform(secret: string): 'macos' | 'windows' | 'linux' | null {
  if (/^(MAC|APPLE)_/.test(secret)) return 'macos';
  if (/^(WIN|AZURE)_/.test(secret)) return 'windows';
  if (/^LINUX_/.test(secret)) return 'linux';
  return null;
}

/** The OS of a runner label. */
const runnerPlatform = (runner: string): 'macos' | 'windows' | 'linux' | null =>
  runner.startsWith('macos') ? 'macos' : runner.startsWith('windows') ? 'windows' : runner.startsWith('ubuntu') ? 'linux' : null;

/** Every `${{ ... }}` expression in a value, at any depth. */
function expressions(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!);
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
  return [];
}

/** The secrets an expression reads. */
const secretsIn = (expression: string): string[] => [...expression.matchAll(/\bsecrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/**
 * Item 2: each OS job gets only its own OS's secrets. Fails on an expression that picks between secrets of two OSes
 * (`runner.os == 'macOS' && secrets.MAC_CSC_LINK || secrets.WIN_CSC_LINK` hands the Windows .pfx to the Mac when the Mac's is empty),
 * on a job reading another OS's secrets, on a job running on several OSes reading any OS's secrets, on secrets in the workflow-wide env,
 * and on a job reading signing secrets without a (protected) `environment:`.
 */
export function secretsAcrossPlatforms(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const expression of expressions(workflow)) {
    const platforms = new Set(secretsIn(expression).map(secretPlatform).filter(Boolean));
    if (platforms.size > 1) problems.push(`an expression mixes secrets of ${[...platforms].join(' and ')}: \${{${expression}}}`);
  }
  if (expressions(workflow.env ?? {}).some((e) => secretsIn(e).length > 0))
    problems.push('the workflow-wide env reads secrets (every job would get them)');
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const own = new Set(runnersOf(job).map(runnerPlatform));
    const read = [...new Set(expressions(job).flatMap(secretsIn))].filter((s) => secretPlatform(s) !== null);
    const foreign = read.filter((s) => own.size !== 1 || !own.has(secretPlatform(s)));
    if (foreign.length > 0) problems.push(`${name} (runs on ${runnersOf(job).join(', ')}) reads ${foreign.join(', ')}`);
    if (read.length > 0 && !job.environment) problems.push(`${name} reads signing secrets without a protected environment`);
  }
  return problems;
}

/** Item 3: every `uses:` is a local action or pinned by a full commit SHA, with the version it is as a comment. */
export function unpinnedActions(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/.exec(line);
    if (!match) return [];
    const [, , ref, comment] = match;
    if (ref!.startsWith('./')) return [];
    const pinned = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref!) || /^docker:\/\/.+@sha256:[0-9a-f]{64}$/.test(ref!);
    if (!pinned) return [`line ${i + 1}: ${ref} is not pinned by a full commit SHA`];
    return /^#\s*v\d+(\.\d+)*\b/.test(comment ?? '') ? [] : [`line ${i + 1}: ${ref} has no version comment (# vX.Y.Z)`];
  });
}

/** Item 3: one run per ref at a time, never cancelled half-way (a cancelled run could leave a release half uploaded). */
export function concurrencyProblems(workflow: Workflow): string[] {
  const c = workflow.concurrency;
  if (c === undefined) return ['no concurrency group: two runs of one tag would publish over each other'];
  const group = typeof c === 'string' ? c : (c.group ?? '');
  const problems: string[] = [];
  if (!/github\.ref\b/.test(group)) problems.push(`the concurrency group "${group}" is not per tag (github.ref)`);
  if (typeof c === 'object' && String(c['cancel-in-progress']) === 'true') problems.push('cancel-in-progress would cancel a run while it publishes');
  return problems;
}

/** Item 3: creating the release has an existing-release path (a re-run after a partial failure must not fail on it), uploads clobber. */
export function releaseNotRerunnable(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([name, job]) =>
    (job.steps ?? []).flatMap((step, i) => {
      const run = step.run ?? '';
      const problems: string[] = [];
      const create = run.indexOf('gh release create');
      const view = run.search(/gh release view|gh api [^\n]*releases\/tags/);
      if (create !== -1 && (view === -1 || view > create))
        problems.push(`${name}: ${label(step, i)} runs gh release create with no existing-release path`);
      for (const upload of run.match(/gh release upload[^\n]*/g) ?? [])
        if (!upload.includes('--clobber'))
          problems.push(`${name}: ${label(step, i)} uploads without --clobber (a re-run fails on files already there)`);
      return problems;
    }),
  );
}

// The release workflow read as a release engineer would (issue 20, items 1-5 and 10): the rules of test/packaging/workflow-rules.ts on
// .github/workflows/release.yml, each also shown to catch the mistake it names; then what each job must do. GitHub's schema is checked
// by test/packaging/check-package.ts (action-validator). The old workflow broke every one of the five rules.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  concurrencyProblems,
  electronBeforeSandbox,
  releaseNotRerunnable,
  runnersOf,
  secretsAcrossPlatforms,
  unpinnedActions,
  type Job,
  type Step,
  type Workflow,
} from '../../packaging/workflow-rules';

const root = path.resolve(import.meta.dirname, '../../..');
const text = fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8');
const workflow = parse(text) as Workflow;
/** A fresh copy to break on purpose. */
const copy = (): Workflow => structuredClone(workflow);
const job = (name: string): Job => workflow.jobs[name]!;
const stepRunning = (j: Job, pattern: RegExp): Step => {
  const found = (j.steps ?? []).find((s) => pattern.test(s.run ?? ''));
  if (!found) throw new Error(`no step runs ${pattern}`);
  return found;
};
const indexOfStep = (j: Job, step: Step): number => (j.steps ?? []).indexOf(step);

describe('the five rules hold for the release workflow, and each catches its mistake', () => {
  it('1. on Ubuntu, nothing starts Electron before the sandbox set-up', () => {
    expect(electronBeforeSandbox(workflow)).toEqual([]);
    const broken = copy();
    const steps = broken.jobs['electron-scenarios']!.steps!;
    const sandbox = steps.findIndex((s) => /sysctl/.test(s.run ?? ''));
    const [moved] = steps.splice(sandbox, 1);
    steps.push(moved!); // the order of the old workflow: `xvfb-run -a npx electron --version` first
    expect(electronBeforeSandbox(broken)).toEqual([
      expect.stringMatching(/^electron-scenarios: step \d+ "Fetch Electron's binary.*" starts Electron before the sandbox set-up$/),
    ]);
    broken.jobs['linux']!.steps = broken.jobs['linux']!.steps!.filter((s) => !/sysctl/.test(s.run ?? ''));
    expect(electronBeforeSandbox(broken)).toContainEqual(expect.stringMatching(/^linux: .* with no sandbox set-up step$/));
  });

  it('2. each OS job reads only its own OS secrets, behind a protected environment', () => {
    expect(secretsAcrossPlatforms(workflow)).toEqual([]);
    const broken = copy();
    const pack = broken.jobs['macos']!.steps!.find((s) => s.env?.['CSC_LINK'])!;
    pack.env!['CSC_LINK'] = "${{ runner.os == 'macOS' && secrets.MAC_CSC_LINK || secrets.WIN_CSC_LINK }}"; // the old workflow's line
    expect(secretsAcrossPlatforms(broken)).toEqual([
      expect.stringContaining('an expression mixes secrets of macos and windows'),
      expect.stringContaining('macos (runs on macos-14, macos-15-intel) reads WIN_CSC_LINK'),
    ]);
    const unprotected = copy();
    delete unprotected.jobs['windows']!.environment;
    unprotected.env = { ...unprotected.env, CSC_LINK: '${{ secrets.WIN_CSC_LINK }}' };
    expect(secretsAcrossPlatforms(unprotected)).toEqual(
      expect.arrayContaining([
        'the workflow-wide env reads secrets (every job would get them)',
        'windows reads signing secrets without a protected environment',
      ]),
    );
  });

  it('3a. every third-party action is pinned by a full commit SHA with its version as a comment', () => {
    expect(unpinnedActions(text)).toEqual([]);
    expect(text.match(/uses: \S+@[0-9a-f]{40} # v\d+\.\d+\.\d+/g)?.length).toBeGreaterThanOrEqual(5);
    expect(unpinnedActions('      - uses: actions/checkout@v4\n')).toEqual(['line 1: actions/checkout@v4 is not pinned by a full commit SHA']);
    expect(unpinnedActions(`      - uses: actions/checkout@${'a'.repeat(40)}\n`)).toEqual([expect.stringContaining('has no version comment')]);
  });

  it('3b. one run per tag at a time, never cancelled while publishing', () => {
    expect(concurrencyProblems(workflow)).toEqual([]);
    const broken = copy();
    delete broken.concurrency;
    expect(concurrencyProblems(broken)).toEqual([expect.stringContaining('no concurrency group')]);
    expect(concurrencyProblems({ ...broken, concurrency: { group: 'release', 'cancel-in-progress': true } })).toHaveLength(2);
  });

  it('3c. the release is created once and its files uploaded with --clobber, so a re-run after a partial failure goes through', () => {
    expect(releaseNotRerunnable(workflow)).toEqual([]);
    const broken = copy();
    stepRunning(broken.jobs['release']!, /gh release create/).run =
      'gh release create "$GITHUB_REF_NAME" installers/* --repo "$GITHUB_REPOSITORY" --generate-notes --draft'; // the old step
    expect(releaseNotRerunnable(broken)).toEqual([expect.stringContaining('runs gh release create with no existing-release path')]);
    stepRunning(broken.jobs['release']!, /gh release create/).run = 'gh release view v1 || gh release create v1\ngh release upload v1 release/*';
    expect(releaseNotRerunnable(broken)).toEqual([expect.stringContaining('uploads without --clobber')]);
  });
});

describe('what each job does', () => {
  it('builds macOS for Apple silicon and Intel, each on a runner of its own arch (keytar.node is per arch)', () => {
    const mac = job('macos');
    expect(mac.strategy?.matrix?.include).toEqual([
      { runner: 'macos-14', arch: 'arm64' },
      { runner: 'macos-15-intel', arch: 'x64' },
    ]);
    expect(stepRunning(mac, /electron-builder/).run).toContain('--mac --${{ matrix.arch }}');
    expect(runnersOf(job('windows'))).toEqual(['windows-2022']);
    expect(runnersOf(job('linux'))).toEqual(['ubuntu-24.04']);
  });

  it('signs with each OS own certificate, Azure Trusted Signing on Windows, and can require signing', () => {
    const macEnv = stepRunning(job('macos'), /electron-builder/).env!;
    expect(macEnv['CSC_LINK']).toBe('${{ secrets.MAC_CSC_LINK }}');
    expect(macEnv['CLOUDMC_REQUIRE_SIGNING']).toBe('${{ vars.CLOUDMC_REQUIRE_SIGNING }}');
    const winEnv = stepRunning(job('windows'), /electron-builder/).env!;
    expect(winEnv['CSC_LINK']).toBe('${{ secrets.WIN_CSC_LINK }}');
    for (const v of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']) expect(winEnv[v]).toBe(`\${{ secrets.${v} }}`);
    for (const v of ['AZURE_SIGNING_ENDPOINT', 'AZURE_SIGNING_ACCOUNT', 'AZURE_SIGNING_PROFILE', 'AZURE_SIGNING_PUBLISHER'])
      expect(winEnv[v]).toBe(`\${{ vars.${v} }}`);
    expect([job('macos').environment, job('windows').environment]).toEqual(['release-macos', 'release-windows']);
    // Secrets reach only the packaging step: not npm ci, whose install scripts run third-party code.
    for (const name of ['macos', 'windows']) expect(job(name).steps!.filter((s) => JSON.stringify(s).includes('secrets.'))).toHaveLength(1);
  });

  it('4. smoke-tests the packaged Linux app with its own binary after packaging and before uploading; no scenario may skip', () => {
    const linux = job('linux');
    const smoke = stepRunning(linux, /--project electron-packaged/);
    expect(smoke.env).toEqual({ CLOUDMC_PACKAGED_APP: 'dist/linux-unpacked/cloudmc-credentials', CLOUDMC_REQUIRE_ELECTRON: '1' });
    expect(smoke.run).toMatch(/^xvfb-run -a bash test\/with-secret-service\.sh npx playwright test/);
    expect(indexOfStep(linux, smoke)).toBeGreaterThan(indexOfStep(linux, stepRunning(linux, /electron-builder/)));
    expect(indexOfStep(linux, smoke)).toBeLessThan(linux.steps!.findIndex((s) => s.with?.['name'] === 'installers-Linux'));
    const scenarios = stepRunning(job('electron-scenarios'), /--project electron(\s|$)/);
    expect(scenarios.env).toEqual({ CLOUDMC_REQUIRE_ELECTRON: '1' });
  });

  it('uploads every installer with the update feeds (latest*.yml) and blockmaps, and the SBOM', () => {
    const uploads = Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).filter((s) => String(s.with?.['name']).startsWith('installers-')));
    expect(uploads).toHaveLength(3);
    for (const upload of uploads) {
      expect(String(upload.with!['path'])).toContain('dist/latest*.yml');
      expect(String(upload.with!['path'])).toContain('dist/*.blockmap');
      expect(upload.with!['if-no-files-found']).toBe('error');
      expect(upload.with!['overwrite']).toBe(true); // a re-run replaces the artifact of the failed attempt
    }
    const sbom = stepRunning(job('linux'), /cyclonedx/);
    expect(sbom.run).toMatch(/npx --yes @cyclonedx\/cyclonedx-npm@6\.0\.1 --omit dev .*--output-file "dist\/[\w-]+\.cdx\.json"/);
    expect(String(uploads.find((u) => u.with!['name'] === 'installers-Linux')!.with!['path'])).toContain('dist/*.cdx.json');
  });

  it('3. publishes after every build and scenario job: one latest-mac.yml, SHA256SUMS, then provenance, then the files', () => {
    const release = job('release') as Job & { needs: string[] };
    expect(release.needs).toEqual(['linux', 'macos', 'windows', 'electron-scenarios']);
    expect(release.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
    const steps = release.steps!;
    const collect = steps.findIndex((s) => s.run === 'node resources/packaging/collect-release.mjs artifacts release');
    const attest = steps.findIndex((s) => s.uses?.startsWith('actions/attest-build-provenance@'));
    const publish = steps.findIndex((s) => /gh release upload/.test(s.run ?? ''));
    expect(collect).toBeGreaterThan(-1);
    expect(steps[attest]!.with).toEqual({ 'subject-checksums': 'release/SHA256SUMS' });
    expect([collect < attest, attest < publish]).toEqual([true, true]);
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toEqual({ pattern: 'installers-*', path: 'artifacts' }); // one folder per artifact: the two latest-mac.yml both arrive
  });

  it('restores no dependency cache and leaves no token in the checkout (release builds read signing secrets)', () => {
    for (const [name, j] of Object.entries(workflow.jobs)) {
      for (const step of j.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], name).toBe(false);
        if (step.uses?.startsWith('actions/setup-node@')) expect(step.with?.['package-manager-cache'], name).toBe(false);
        if (step.uses?.startsWith('actions/setup-node@')) expect(step.with?.['cache'], name).toBeUndefined();
      }
    }
  });
});

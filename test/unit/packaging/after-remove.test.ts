// after-remove.sh (issue 20, item 9): the old package's post-remove also runs on an upgrade (rpm %postun after the new %post), so it
// must act only on a real removal, or `dnf upgrade` takes the command off PATH. Run for real, with bash, in a throwaway root.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedRoot, pathWithoutAlternatives, renderTemplate, runScript, traces } from '../../packaging/maintainer-scripts';

const root = path.resolve(import.meta.dirname, '../../..');
const script = renderTemplate(fs.readFileSync(path.join(root, 'resources/packaging/linux/after-remove.sh'), 'utf8'));
const made: string[] = [];
const fresh = (opts: { alternatives: boolean }): string => {
  const dir = installedRoot(opts);
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const everything = { link: true, alternative: true, profile: true };
const nothing = { link: false, alternative: false, profile: false };

describe('after-remove.sh on an upgrade leaves the new version in place', () => {
  it.each([
    ['rpm %postun during `dnf upgrade` ($1 = 1)', ['1']],
    ['rpm %postun with two versions left ($1 = 2)', ['2']],
    ['deb postrm upgrade', ['upgrade', '0.1.0']],
    ['deb postrm failed-upgrade', ['failed-upgrade', '0.2.0']],
    ['deb postrm abort-upgrade', ['abort-upgrade', '0.1.0']],
  ])('%s: the command stays on PATH and the AppArmor profile stays', (_name, args) => {
    const dir = fresh({ alternatives: true });
    expect(traces(dir)).toEqual(everything);
    const run = runScript(script, dir, args);
    expect(run.status, run.output).toBe(0);
    expect(traces(dir)).toEqual(everything);
  });
});

describe('after-remove.sh on a real removal cleans up', () => {
  it.each([
    ['rpm %postun during `dnf remove` ($1 = 0)', ['0']],
    ['deb postrm remove', ['remove']],
    ['deb postrm purge', ['purge']],
  ])('%s: the link, its alternative and the AppArmor profile are gone', (_name, args) => {
    const dir = fresh({ alternatives: true });
    const run = runScript(script, dir, args);
    expect(run.status, run.output).toBe(0);
    expect(traces(dir)).toEqual(nothing);
  });

  it('without update-alternatives (a plain link, as on some rpm systems) removal deletes the link; an upgrade keeps it', () => {
    const PATH = pathWithoutAlternatives();
    made.push(PATH);
    const upgraded = fresh({ alternatives: false });
    expect(runScript(script, upgraded, ['1'], { PATH }).status).toBe(0);
    expect(traces(upgraded)).toEqual({ link: true, alternative: false, profile: true });
    const removed = fresh({ alternatives: false });
    const run = runScript(script, removed, ['0'], { PATH });
    expect(run.status, run.output).toBe(0);
    expect(traces(removed)).toEqual(nothing);
  });

  it('is the template electron-builder fills in: only ${executable} and ${sanitizedProductName} macros, and shell variables it leaves alone', () => {
    expect(script).not.toMatch(/\$\{[a-zA-Z]+\}/);
    expect(script).toContain("'/opt/CloudMC Credentials/cloudmc-credentials'");
  });
});

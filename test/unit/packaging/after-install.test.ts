// after-install.sh (issue 21, item 5): the deb/rpm post-install puts `cloudmc` on PATH as /usr/bin/cloudmc, a link to the packaged
// launcher (resources/bin/cloudmc), and after-remove.sh takes it away; both under $DPKG_ROOT. Run for real, with bash, in a throwaway root.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliLauncher, cliLinkIn, pathWithoutAlternatives, renderTemplate, runScript, traces, unpackedRoot } from '../../packaging/maintainer-scripts';

const root = path.resolve(import.meta.dirname, '../../..');
const render = (file: string): string => renderTemplate(fs.readFileSync(path.join(root, 'resources/packaging/linux', file), 'utf8'));
const afterInstall = render('after-install.sh');
const afterRemove = render('after-remove.sh');
const made: string[] = [];
const fresh = (): string => {
  const dir = unpackedRoot();
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('after-install.sh links the cloudmc command', () => {
  it('deb postinst configure under $DPKG_ROOT: /usr/bin/cloudmc points at the packaged launcher, beside the app launcher link', () => {
    const dir = fresh();
    expect(cliLinkIn(dir)).toBeNull();
    const run = runScript(afterInstall, dir, ['configure', '']);
    expect(run.status, run.output).toBe(0);
    expect(cliLinkIn(dir)).toBe(cliLauncher);
    expect(cliLauncher).toBe('/opt/CloudMC Credentials/resources/bin/cloudmc');
    // The link's target, read inside the root, is the launcher the package ships, executable.
    const launcher = path.join(dir, fs.readlinkSync(path.join(dir, 'usr/bin/cloudmc')));
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(launcher, 'utf8')).toBe(fs.readFileSync(path.join(root, 'resources/packaging/bin/cloudmc'), 'utf8'));
    expect(traces(dir)).toMatchObject({ link: true, alternative: true });
  });

  it('installing again (an upgrade, a reinstall) keeps the one link and says nothing', () => {
    const dir = fresh();
    expect(runScript(afterInstall, dir, ['configure', '']).status).toBe(0);
    const again = runScript(afterInstall, dir, ['configure', '0.1.0']);
    expect(again.status, again.output).toBe(0);
    expect(again.output).not.toContain('cloudmc exists');
    expect(cliLinkIn(dir)).toBe(cliLauncher);
  });

  it('without update-alternatives (rpm %post on a system without it) it links both commands directly', () => {
    const PATH = pathWithoutAlternatives();
    made.push(PATH);
    const dir = fresh();
    const run = runScript(afterInstall, dir, ['1'], { PATH });
    expect(run.status, run.output).toBe(0);
    expect(cliLinkIn(dir)).toBe(cliLauncher);
    expect(fs.readlinkSync(path.join(dir, 'usr/bin/cloudmc-credentials'))).toBe('/opt/CloudMC Credentials/cloudmc-credentials');
  });

  it.each([
    ['a file of the admin’s', (at: string) => fs.writeFileSync(at, '#!/bin/sh\necho mine\n', { mode: 0o755 }), 'file'],
    ['another package’s link', (at: string) => fs.symlinkSync('/opt/other/cloudmc', at), '/opt/other/cloudmc'],
  ])('leaves a /usr/bin/cloudmc that is not its own (%s) as it is, and says so; remove leaves it too', (_name, make, expected) => {
    const dir = fresh();
    make(path.join(dir, 'usr/bin/cloudmc'));
    const run = runScript(afterInstall, dir, ['configure', '']);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('/usr/bin/cloudmc exists and is not this app');
    expect(cliLinkIn(dir)).toBe(expected);
    expect(runScript(afterRemove, dir, ['remove']).status).toBe(0);
    expect(cliLinkIn(dir)).toBe(expected);
  });
});

describe('after-remove.sh takes the cloudmc command away on removal only', () => {
  it.each([
    ['deb postrm remove', ['remove']],
    ['deb postrm purge', ['purge']],
    ['rpm %postun ($1 = 0)', ['0']],
  ])('%s', (_name, args) => {
    const dir = fresh();
    expect(runScript(afterInstall, dir, ['configure', '']).status).toBe(0);
    const run = runScript(afterRemove, dir, args);
    expect(run.status, run.output).toBe(0);
    expect(cliLinkIn(dir)).toBeNull();
    expect(traces(dir)).toMatchObject({ link: false, alternative: false });
  });

  it.each([
    ['deb postrm upgrade', ['upgrade', '0.1.0']],
    ['rpm %postun during an upgrade ($1 = 1)', ['1']],
  ])('%s keeps it', (_name, args) => {
    const dir = fresh();
    expect(runScript(afterInstall, dir, ['configure', '']).status).toBe(0);
    expect(runScript(afterRemove, dir, args).status).toBe(0);
    expect(cliLinkIn(dir)).toBe(cliLauncher);
  });
});

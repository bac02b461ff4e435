// The deb/rpm maintainer scripts as the package runs them: rendered like electron-builder renders its templates, and run as root in a
// throwaway root ($DPKG_ROOT) holding what after-install.sh leaves behind, so a test never touches the machine's own /usr or /etc.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The values electron-builder fills in for this app (its appInfo: executableName and sanitizedProductName). */
export const templateValues = { executable: 'cloudmc-credentials', sanitizedProductName: 'CloudMC Credentials' };

/** Fills `${name}` macros as app-builder-lib's FpmTarget writeConfigFile does (letters only; an unknown macro is an error). */
export function renderTemplate(template: string, values: Record<string, string> = templateValues): string {
  return template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    if (!(name in values)) throw new Error(`Macro ${name} is not defined`);
    return values[name]!;
  });
}

/** Where the deb/rpm put the `cloudmc` launcher, and the link after-install.sh makes to it. */
export const cliLauncher = `/opt/${templateValues.sanitizedProductName}/resources/bin/cloudmc`;
const cliLink = 'usr/bin/cloudmc';

/** A fresh root holding what the package unpacked, before its post-install ran: the app at /opt (the real `cloudmc` launcher in its
 * resources/bin), an empty /usr/bin, and the folders update-alternatives uses. */
export function unpackedRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-pkg-root-'));
  const { executable, sanitizedProductName } = templateValues;
  for (const dir of [
    `/opt/${sanitizedProductName}/resources/bin`,
    '/usr/bin',
    '/etc/apparmor.d',
    '/etc/alternatives',
    '/var/lib/dpkg/alternatives',
    '/var/log',
  ])
    fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, `opt/${sanitizedProductName}`, executable), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, `opt/${sanitizedProductName}`, 'chrome-sandbox'), '', { mode: 0o644 });
  fs.copyFileSync(path.resolve(import.meta.dirname, '../../resources/packaging/bin/cloudmc'), path.join(root, cliLauncher));
  return root;
}

/** Where /usr/bin/cloudmc points in `root` (a link's text), 'file' when it is not a link, null when there is none. */
export function cliLinkIn(root: string): string | null {
  const at = path.join(root, cliLink);
  try {
    return fs.lstatSync(at).isSymbolicLink() ? fs.readlinkSync(at) : 'file';
  } catch {
    return null;
  }
}

/** An installed app in a fresh root: the launcher at /opt, linked into /usr/bin through update-alternatives (or directly), the
 * `cloudmc` link, and the AppArmor profile. */
export function installedRoot(opts: { alternatives: boolean }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-pkg-root-'));
  const { executable, sanitizedProductName } = templateValues;
  const launcher = `/opt/${sanitizedProductName}/${executable}`;
  for (const dir of [`/opt/${sanitizedProductName}`, '/usr/bin', '/etc/apparmor.d', '/etc/alternatives', '/var/lib/dpkg/alternatives', '/var/log'])
    fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, launcher), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'etc/apparmor.d', executable), 'profile\n');
  fs.symlinkSync(cliLauncher, path.join(root, cliLink));
  if (opts.alternatives) {
    const installed = spawnSync('update-alternatives', ['--install', `/usr/bin/${executable}`, executable, launcher, '100'], {
      env: { ...process.env, DPKG_ROOT: root },
      encoding: 'utf8',
    });
    if (installed.status !== 0) throw new Error(`update-alternatives --install failed: ${installed.stderr}`);
  } else {
    fs.symlinkSync(launcher, path.join(root, 'usr/bin', executable));
  }
  return root;
}

/** What a root holds of the app's traces: the /usr/bin link, the alternatives entry, the AppArmor profile. */
export function traces(root: string): { link: boolean; alternative: boolean; profile: boolean } {
  const { executable } = templateValues;
  const present = (p: string): boolean => {
    try {
      fs.lstatSync(path.join(root, p));
      return true;
    } catch {
      return false;
    }
  };
  return {
    link: present(`usr/bin/${executable}`),
    alternative: present(`var/lib/dpkg/alternatives/${executable}`),
    profile: present(`etc/apparmor.d/${executable}`),
  };
}

/** A PATH of one folder holding only the few tools the scripts call (`rm`, `mkdir`, `ln`, `readlink`, `chmod`): no
 * update-alternatives (as on a system without it). */
export function pathWithoutAlternatives(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-pkg-bin-'));
  for (const tool of ['rm', 'mkdir', 'ln', 'readlink', 'chmod'])
    fs.symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
  return bin;
}

/** Runs a rendered script with bash as the package manager would (`script ARG`), in `root`; returns its exit status and output. */
export function runScript(script: string, root: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const file = path.join(root, '.maintainer-script');
  fs.writeFileSync(file, script, { mode: 0o755 });
  const result = spawnSync('/bin/bash', [file, ...args], { env: { ...process.env, ...env, DPKG_ROOT: root }, encoding: 'utf8' });
  fs.rmSync(file);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

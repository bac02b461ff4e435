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

/** An installed app in a fresh root: the launcher at /opt, linked into /usr/bin through update-alternatives (or directly), and the AppArmor profile. */
export function installedRoot(opts: { alternatives: boolean }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-pkg-root-'));
  const { executable, sanitizedProductName } = templateValues;
  const launcher = `/opt/${sanitizedProductName}/${executable}`;
  for (const dir of [`/opt/${sanitizedProductName}`, '/usr/bin', '/etc/apparmor.d', '/etc/alternatives', '/var/lib/dpkg/alternatives', '/var/log'])
    fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, launcher), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'etc/apparmor.d', executable), 'profile\n');
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

/** A PATH of one folder holding only `rm` and `mkdir`: no update-alternatives (as on a system without it). */
export function pathWithoutAlternatives(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-pkg-bin-'));
  for (const tool of ['rm', 'mkdir'])
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

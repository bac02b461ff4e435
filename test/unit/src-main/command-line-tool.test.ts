// macOS "Install 'cloudmc' command in PATH" (issue 21, item 5): asks first, links the command to the bundle's launcher, never replaces
// someone else's file without asking, and says plainly what to run when the folder is not the user's. Real files in a temp dir stand
// in for /usr/local/bin; the message box is a recorder that clicks a given button.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageBoxSyncOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { commandLineToolLabel, installCommandLineTool, sudoInstallCommand } from '../../../src-main/command-line-tool';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A temp folder with an app bundle's launcher (a path with spaces, as /Applications/CloudMC Credentials.app has) and a bin folder. */
function setUp(): { launcher: string; bin: string; linkPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-cli-tool-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const launcher = path.join(dir, "CloudMC Credentials.app/Contents/Resources/bin/cloud'mc");
  fs.mkdirSync(path.dirname(launcher), { recursive: true });
  fs.writeFileSync(launcher, '#!/bin/sh\necho launcher\n', { mode: 0o755 });
  const bin = path.join(dir, 'usr/local/bin');
  fs.mkdirSync(bin, { recursive: true });
  return { launcher, bin, linkPath: path.join(bin, 'cloudmc') };
}

/** A message box that records what it showed and clicks `clicks[n]` on the n-th box (0 when none given). */
function recorder(clicks: number[] = []): { boxes: MessageBoxSyncOptions[]; showMessageBox: (o: MessageBoxSyncOptions) => number } {
  const boxes: MessageBoxSyncOptions[] = [];
  return { boxes, showMessageBox: (o) => clicks[boxes.push(o) - 1] ?? 0 };
}

/** Makes `dir` unwritable: mode 0555, and as root (whom modes do not stop) a read-only tmpfs mounted over it. */
function makeUnwritable(dir: string): void {
  fs.chmodSync(dir, 0o555);
  cleanups.push(() => fs.chmodSync(dir, 0o755));
  if (process.getuid?.() !== 0) return;
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  expect(mounted.status, `mount a read-only tmpfs: ${mounted.stderr}`).toBe(0);
  cleanups.push(() => spawnSync('umount', [dir]));
}

describe('installCommandLineTool', () => {
  it('asks first (Install / Cancel), then links the command to the launcher and says how to use it', () => {
    const { launcher, linkPath } = setUp();
    const ui = recorder();
    expect(installCommandLineTool({ ...ui, launcher, linkPath, locale: 'en-US' })).toBe('installed');
    expect(fs.readlinkSync(linkPath)).toBe(launcher);
    expect(spawnSync(linkPath, [], { encoding: 'utf8' }).stdout).toBe('launcher\n');
    expect(ui.boxes[0]).toMatchObject({
      type: 'question',
      message: "Install the 'cloudmc' command in PATH?",
      buttons: ['Install', 'Cancel'],
      cancelId: 1,
    });
    expect(ui.boxes[0]!.detail).toContain(linkPath);
    expect(ui.boxes[1]).toMatchObject({
      type: 'info',
      message: "The 'cloudmc' command is installed",
      detail: expect.stringContaining('cloudmc --help'),
    });
    expect(fs.readdirSync(path.dirname(linkPath))).toEqual(['cloudmc']);
  });

  it('does nothing when the user cancels', () => {
    const { launcher, linkPath } = setUp();
    const ui = recorder([1]);
    expect(installCommandLineTool({ ...ui, launcher, linkPath, locale: 'en' })).toBe('cancelled');
    expect(fs.existsSync(linkPath)).toBe(false);
    expect(ui.boxes).toHaveLength(1);
  });

  it('when its own link is there already, says so without asking', () => {
    const { launcher, linkPath } = setUp();
    fs.symlinkSync(launcher, linkPath);
    const ui = recorder();
    expect(installCommandLineTool({ ...ui, launcher, linkPath, locale: 'en' })).toBe('already-installed');
    expect(ui.boxes.map((b) => b.message)).toEqual(["The 'cloudmc' command is already installed"]);
  });

  it.each([
    ['a file of its own', (at: string) => fs.writeFileSync(at, 'someone else’s cloudmc\n')],
    ['a link to something else', (at: string) => fs.symlinkSync('/opt/other/cloudmc', at)],
  ])('never replaces %s without asking: Cancel leaves it, Replace replaces it', (_name, make) => {
    const { launcher, linkPath } = setUp();
    make(linkPath);
    const before = fs.lstatSync(linkPath).isSymbolicLink() ? fs.readlinkSync(linkPath) : fs.readFileSync(linkPath, 'utf8');
    const cancelled = recorder([1]);
    expect(installCommandLineTool({ ...cancelled, launcher, linkPath, locale: 'en' })).toBe('cancelled');
    expect(cancelled.boxes[0]!.buttons).toEqual(['Replace', 'Cancel']);
    expect(cancelled.boxes[0]!.detail).toContain('already exists and is not this app');
    expect(fs.lstatSync(linkPath).isSymbolicLink() ? fs.readlinkSync(linkPath) : fs.readFileSync(linkPath, 'utf8')).toBe(before);
    expect(installCommandLineTool({ ...recorder([0]), launcher, linkPath, locale: 'en' })).toBe('installed');
    expect(fs.readlinkSync(linkPath)).toBe(launcher);
  });

  it('creates the folder when it does not exist (Apple silicon Macs have no /usr/local/bin at first)', () => {
    const { launcher, bin } = setUp();
    fs.rmSync(bin, { recursive: true });
    expect(installCommandLineTool({ ...recorder(), launcher, linkPath: path.join(bin, 'cloudmc'), locale: 'en' })).toBe('installed');
    expect(fs.readlinkSync(path.join(bin, 'cloudmc'))).toBe(launcher);
  });

  it('when the folder cannot be written, says so plainly with the command to run, and leaves nothing behind', () => {
    const { launcher, bin, linkPath } = setUp();
    makeUnwritable(bin);
    const ui = recorder();
    expect(installCommandLineTool({ ...ui, launcher, linkPath, locale: 'en' })).toBe('not-writable');
    const box = ui.boxes[1]!;
    expect(box.message).toBe(`You cannot write to ${bin}`);
    expect(box.detail).toContain(sudoInstallCommand(launcher, linkPath));
    expect(fs.readdirSync(bin)).toEqual([]);
  });

  it('quotes the command for a shell: the launcher path with its spaces and quote reaches ln as one word', () => {
    const { launcher, linkPath } = setUp();
    const command = sudoInstallCommand(launcher, linkPath).replaceAll('sudo ', '');
    const result = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readlinkSync(linkPath)).toBe(launcher);
  });

  it('in a build without the launcher (a development run), says so and links nothing', () => {
    const { launcher, linkPath } = setUp();
    fs.rmSync(launcher);
    const ui = recorder();
    expect(installCommandLineTool({ ...ui, launcher, linkPath, locale: 'en' })).toBe('no-launcher');
    expect(ui.boxes[0]!.type).toBe('error');
    expect(fs.existsSync(linkPath)).toBe(false);
  });

  it('refuses to link a translocated copy (Gatekeeper runs it from a temporary path), saying to move the app to Applications', () => {
    const { launcher, linkPath } = setUp();
    const translocated = path.join(path.dirname(linkPath), 'private/var/folders/xy/T/AppTranslocation/ABC-123/d/CloudMC Credentials.app/bin/cloudmc');
    fs.mkdirSync(path.dirname(translocated), { recursive: true });
    fs.copyFileSync(launcher, translocated);
    const ui = recorder();
    expect(installCommandLineTool({ ...ui, launcher: translocated, linkPath, locale: 'en' })).toBe('translocated');
    expect(ui.boxes.map((b) => b.detail)).toEqual([expect.stringContaining('Move the app to Applications')]);
    expect(fs.existsSync(linkPath)).toBe(false);
  });

  it('speaks the system language: French and Spanish, English otherwise', () => {
    expect(commandLineToolLabel('fr-FR')).toBe('Installer la commande « cloudmc » dans le PATH');
    expect(commandLineToolLabel('es-419')).toBe('Instalar el comando «cloudmc» en el PATH');
    expect(commandLineToolLabel('de')).toBe("Install 'cloudmc' command in PATH");
    const { launcher, linkPath } = setUp();
    const ui = recorder([1]);
    installCommandLineTool({ ...ui, launcher, linkPath, locale: 'fr' });
    expect(ui.boxes[0]).toMatchObject({ message: 'Installer la commande « cloudmc » dans le PATH ?', buttons: ['Installer', 'Annuler'] });
  });
});

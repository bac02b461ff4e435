// The NSIS include (resources/packaging/win/installer.nsh, electron-builder's nsis.include) that puts cloudmc.cmd's folder on the user's
// PATH (issue 21, item 5). No Windows here: the text is checked against the config, and the include is compiled with the real makensis
// (Debian's nsis, which .ci/run installs) into an installer and an uninstaller with warnings as errors, as electron-builder compiles it.
// Running the installer (the registry written, the broadcast seen by a new shell) can only be proved on Windows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../resources/electron-builder.config.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const includeFile = path.join(root, config.nsis!.include!);
const text = fs.readFileSync(includeFile, 'utf8');
/** The NSIS lines, comments and blank lines left out. */
const code = text
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith(';'));
/** The body of `!macro NAME` (up to its !macroend). */
const macro = (name: string): string[] => {
  const start = code.findIndex((l) => l === `!macro ${name}`);
  expect(start, `!macro ${name}`).toBeGreaterThanOrEqual(0);
  return code.slice(start + 1, code.indexOf('!macroend', start));
};

describe('installer.nsh puts the folder of cloudmc.cmd on the user PATH', () => {
  it('names exactly the folder where win.extraResources puts cloudmc.cmd ($INSTDIR\\resources\\<to>)', () => {
    const shim = (config.win!.extraResources as { from: string; to: string }[]).find((r) => r.to.endsWith('cloudmc.cmd'))!;
    const folder = `$INSTDIR\\resources\\${path.posix.dirname(shim.to).replaceAll('/', '\\')}`;
    expect(code).toContain(`!define CLOUDMC_BIN_DIR "${folder}"`);
    expect(folder).toBe('$INSTDIR\\resources\\bin');
  });

  it('on install reads, and writes back as REG_EXPAND_SZ, HKCU\\Environment Path only (per user, never the machine’s), then tells Windows', () => {
    const install = macro('customInstall');
    expect(install).toContain('StrCpy $R1 "${CLOUDMC_BIN_DIR}"');
    expect(install).toContain('ReadRegStr $R0 HKCU "Environment" "Path"');
    expect(install.filter((l) => /^(WriteReg|DeleteReg)/.test(l))).toEqual(['WriteRegExpandStr HKCU "Environment" "Path" $R0']);
    expect(install).toContain('SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000');
    // Appended after the existing entries (one separator), or alone when there were none; not added twice.
    expect(install).toContain('StrCpy $R0 "$R0;$R1"');
    expect(install).toContain('StrCmp $R4 $R1 cloudmcPathDone cloudmcPathNextEntry');
  });

  it('never writes a Path it could not read whole: a value too long for NSIS strings (read as "" with an error) is left alone', () => {
    const install = macro('customInstall');
    expect(install).toContain('!insertmacro cloudmcPathValueExists "install_"');
    expect(install).toContain('${If} $R3 >= ${NSIS_MAX_STRLEN}');
    expect(install.filter((l) => l.startsWith('DetailPrint'))).toHaveLength(2);
    const uninstall = macro('customUnInstall');
    expect(uninstall.slice(uninstall.indexOf('ReadRegStr $R0 HKCU "Environment" "Path"'))[1]).toBe('IfErrors cloudmcUnPathDone');
  });

  it('on uninstall takes out only entries equal to that folder, keeps the others in order, and deletes Path only when nothing is left', () => {
    const uninstall = macro('customUnInstall');
    expect(uninstall).toContain('StrCpy $R1 "${CLOUDMC_BIN_DIR}"');
    expect(uninstall).toContain('${If} $R4 == $R1');
    expect(uninstall).toContain('StrCpy $R5 "$R5;$R4"');
    expect(uninstall.filter((l) => /^(WriteReg|DeleteReg)/.test(l))).toEqual([
      'DeleteRegValue HKCU "Environment" "Path"',
      'WriteRegExpandStr HKCU "Environment" "Path" $R5',
    ]);
    expect(uninstall).toContain('StrCmp $R6 1 0 cloudmcUnPathDone');
  });

  it('restores every register it uses (the installer’s own code runs around it)', () => {
    for (const name of ['customInstall', 'customUnInstall']) {
      const body = macro(name);
      const pushed = body.filter((l) => l.startsWith('Push ')).map((l) => l.slice(5));
      const popped = body.filter((l) => l.startsWith('Pop ')).map((l) => l.slice(4));
      expect(popped).toEqual([...pushed].reverse());
      const used = new Set(body.join(' ').match(/\$R\d/g));
      for (const register of used) expect(pushed, `${name} uses ${register}`).toContain(register);
    }
    expect(code.some((l) => /^Function\b/.test(l))).toBe(false);
  });

  it('compiles with makensis -WX into an installer and an uninstaller, as electron-builder compiles it', () => {
    const which = spawnSync('sh', ['-c', 'command -v makensis'], { encoding: 'utf8' });
    expect(which.status, 'makensis is missing: apt-get install nsis (.ci/run does)').toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-nsis-'));
    try {
      const script = [
        'Unicode true',
        `!include "${includeFile}"`,
        'Name "CloudMC Credentials"',
        `OutFile "${path.join(dir, 'cloudmc-credentials-installer.exe')}"`,
        'RequestExecutionLevel user',
        'InstallDir "$LOCALAPPDATA\\Programs\\CloudMC Credentials"',
        'Section',
        '  !insertmacro customInstall',
        '  WriteUninstaller "$INSTDIR\\Uninstall.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'setup.nsi'), script);
      const result = spawnSync('makensis', ['-WX', '-V2', path.join(dir, 'setup.nsi')], { encoding: 'utf8' });
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'cloudmc-credentials-installer.exe')).subarray(0, 2).toString('latin1')).toBe('MZ');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

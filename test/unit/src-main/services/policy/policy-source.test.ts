// The file source (Linux's /etc/cloudmc-credentials/policy.json, a test's --policy-file) and the real command runner the OS readers use.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyMaxBytes } from '../../../../../src-preload/contract/policy';
import { linuxPolicyFile, osPolicySource } from '../../../../../src-main/services/policy/os-policy-source';
import { execFileRunner, jsonFileSource } from '../../../../../src-main/services/policy/policy-source';
import { makeTempDir, removeTempDir } from '../../helpers';

describe('a policy file', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('cmc-policy-file-');
  });
  afterEach(() => removeTempDir(dir));

  it('is absent when missing, even with its folder missing', async () => {
    expect(await jsonFileSource(path.join(dir, 'none', 'policy.json')).read()).toMatchObject({ kind: 'absent' });
  });

  it('is read, and watched through its folder', async () => {
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, '{"version":1}');
    const source = jsonFileSource(file);
    expect(await source.read()).toEqual({ kind: 'found', where: file, document: { version: 1 } });
    expect(source.watchFolders).toEqual([dir]);
  });

  it('is too large past the limit, and never read whole', async () => {
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, Buffer.alloc(policyMaxBytes + 1, 0x20));
    expect(await jsonFileSource(file).read()).toMatchObject({ kind: 'bad', problem: { reason: 'too-large' } });
  });
});

describe('the OS source', () => {
  it('on Linux is the root-owned file in /etc', () => {
    expect(osPolicySource('linux').where).toBe(linuxPolicyFile);
    expect(linuxPolicyFile).toBe('/etc/cloudmc-credentials/policy.json');
  });

  it('on Windows is the registry value, on macOS the managed preferences', () => {
    expect(osPolicySource('win32').where).toBe('HKLM\\SOFTWARE\\Policies\\CloudMC\\Credentials\\Policy');
    expect(osPolicySource('darwin').where).toMatch(/^\/Library\/Managed Preferences\/.*com\.cloudmc\.credentials\.plist$/);
  });
});

describe('the command runner', () => {
  it('answers the exit code and output of a real program, and rejects one that cannot start', async () => {
    expect(await execFileRunner('/bin/sh', ['-c', 'printf "out"; printf "err" >&2; exit 3'])).toEqual({ code: 3, stdout: 'out', stderr: 'err' });
    expect(await execFileRunner('/bin/sh', ['-c', 'printf ok'])).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    await expect(execFileRunner('/nonexistent/program', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

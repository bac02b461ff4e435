// The macOS reader: managed preferences in a temp folder laid out as /Library/Managed Preferences, XML plists parsed for real
// (the parser itself: xml-plist.test.ts), binary ones through plutil (a recorded runner stands in for /usr/bin/plutil, which this machine lacks).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { macPolicySource } from '../../../../../src-main/services/policy/mac-managed-preferences';
import type { CommandRunner } from '../../../../../src-main/services/policy/policy-source';
import { makeTempDir, removeTempDir } from '../../helpers';
import { managedPlist, policyOfPlist } from './managed-plist-fixture';

describe('the managed-preferences source', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('cmc-managed-prefs-');
  });
  afterEach(() => removeTempDir(dir));

  const noPlutil: CommandRunner = () => Promise.reject(new Error('plutil must not run for an XML plist'));
  const write = (relative: string, content: string | Buffer): string => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads the computer-wide preferences, and the user’s own first when there are both', async () => {
    const computer = write('com.cloudmc.credentials.plist', managedPlist);
    const source = macPolicySource({ user: 'rwilson', dir, run: noPlutil });
    expect(source.watchFolders).toEqual([path.join(dir, 'rwilson'), dir]);
    expect(await source.read()).toEqual({ kind: 'found', where: computer, document: policyOfPlist });
    const own = write('rwilson/com.cloudmc.credentials.plist', '<plist><dict><key>version</key><integer>1</integer></dict></plist>');
    expect(await source.read()).toEqual({ kind: 'found', where: own, document: { version: 1 } });
  });

  it('takes the whole document from a single Policy key holding JSON (as on Windows)', async () => {
    write('com.cloudmc.credentials.plist', '<plist><dict><key>Policy</key><string>{"version":1,"updates":false}</string></dict></plist>');
    expect(await macPolicySource({ user: 'x', dir, run: noPlutil }).read()).toMatchObject({
      kind: 'found',
      document: { version: 1, updates: false },
    });
  });

  it('converts a binary plist with plutil, named by full path', async () => {
    const file = write('com.cloudmc.credentials.plist', Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(40)]));
    const calls: { file: string; args: readonly string[] }[] = [];
    const plutil: CommandRunner = async (program, args) => {
      calls.push({ file: program, args });
      return { code: 0, stdout: JSON.stringify(policyOfPlist), stderr: '' };
    };
    expect(await macPolicySource({ user: '', dir, run: plutil }).read()).toEqual({ kind: 'found', where: file, document: policyOfPlist });
    expect(calls).toEqual([{ file: '/usr/bin/plutil', args: ['-convert', 'json', '-o', '-', file] }]);
    const failing: CommandRunner = async () => ({ code: 1, stdout: '', stderr: 'invalid object' });
    expect(await macPolicySource({ user: '', dir, run: failing }).read()).toMatchObject({ kind: 'bad', problem: { reason: 'not-plist' } });
    const missing: CommandRunner = () => Promise.reject(Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
    expect(await macPolicySource({ user: '', dir, run: missing }).read()).toMatchObject({
      kind: 'bad',
      problem: { reason: 'unreadable', details: { reason: 'ENOENT' } },
    });
  });

  it('is absent with no file, and a problem for a damaged one', async () => {
    expect(await macPolicySource({ user: 'rwilson', dir, run: noPlutil }).read()).toMatchObject({ kind: 'absent' });
    write('com.cloudmc.credentials.plist', '<plist><dict><key>version</key>');
    expect(await macPolicySource({ user: 'rwilson', dir, run: noPlutil }).read()).toMatchObject({ kind: 'bad', problem: { reason: 'not-plist' } });
  });

  it('never takes a user name that leaves the folder', () => {
    expect(macPolicySource({ user: '../etc', dir, run: noPlutil }).watchFolders).toEqual([dir]);
  });
});

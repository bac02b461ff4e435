// The Windows reader: reg.exe's real output shapes, parsed for real; only the program is faked (a recorded runner answers as reg.exe does).
import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../../../src-main/services/policy/policy-source';
import { parseRegQuery, registryPolicySource } from '../../../../../src-main/services/policy/windows-registry';

/** A runner that answers like `reg query` with this output and exit code, and records how it was called. */
function fakeReg(answer: { code: number; stdout?: string; stderr?: string } | Error): {
  run: CommandRunner;
  calls: { file: string; args: readonly string[] }[];
} {
  const calls: { file: string; args: readonly string[] }[] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push({ file, args });
    if (answer instanceof Error) throw answer;
    return { code: answer.code, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
  };
  return { run, calls };
}

const regOutput = (type: string, data: string): string =>
  `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CloudMC\\Credentials\r\n    Policy    ${type}    ${data}\r\n\r\n`;

describe('reg query output', () => {
  it('gives the value with spaces, quotes and non-ASCII text intact', () => {
    const json = '{"version": 1, "profiles": [{"id": "hq", "name": "Siège    Paris", "endpoint": "https://a.example.com"}]}';
    expect(parseRegQuery(regOutput('REG_SZ', json), 'Policy')).toEqual({ type: 'REG_SZ', data: json });
  });

  it('finds the value among others, whatever the case of its name, and an empty one', () => {
    const output =
      '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\CloudMC\\Credentials\r\n    Other    REG_DWORD    0x1\r\n    policy    REG_SZ    \r\n';
    expect(parseRegQuery(output, 'Policy')).toEqual({ type: 'REG_SZ', data: '' });
    expect(parseRegQuery('ERROR: nothing', 'Policy')).toBeNull();
  });
});

describe('the registry source', () => {
  it('reads HKLM\\SOFTWARE\\Policies\\CloudMC\\Credentials\\Policy with reg.exe by full path, in a UTF-8 console, never through PATH', async () => {
    const { run, calls } = fakeReg({ code: 0, stdout: regOutput('REG_SZ', '{"version":1,"updates":false}') });
    const read = await registryPolicySource({ run, systemRoot: 'C:\\Windows' }).read();
    expect(read).toEqual({
      kind: 'found',
      where: 'HKLM\\SOFTWARE\\Policies\\CloudMC\\Credentials\\Policy',
      document: { version: 1, updates: false },
    });
    expect(calls).toEqual([
      {
        file: 'C:\\Windows\\System32\\cmd.exe',
        args: ['/d', '/c', 'chcp 65001 >nul & C:\\Windows\\System32\\reg.exe query HKLM\\SOFTWARE\\Policies\\CloudMC\\Credentials /v Policy /reg:64'],
      },
    ]);
  });

  it('is absent when reg.exe finds no key or value (exit 1)', async () => {
    const { run } = fakeReg({ code: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' });
    expect(await registryPolicySource({ run }).read()).toMatchObject({ kind: 'absent' });
  });

  it('is a problem when the value is not a REG_SZ, is not JSON, or reg.exe cannot run', async () => {
    const multi = fakeReg({ code: 0, stdout: regOutput('REG_MULTI_SZ', '{"version":1}\\0') });
    expect(await registryPolicySource({ run: multi.run }).read()).toMatchObject({
      kind: 'bad',
      problem: { reason: 'registry-type', details: { type: 'REG_MULTI_SZ' } },
    });
    const broken = fakeReg({ code: 0, stdout: regOutput('REG_SZ', '{"version":1,') });
    expect(await registryPolicySource({ run: broken.run }).read()).toMatchObject({ kind: 'bad', problem: { reason: 'not-json' } });
    const missing = fakeReg(Object.assign(new Error('spawn cmd.exe ENOENT'), { code: 'ENOENT' }));
    expect(await registryPolicySource({ run: missing.run }).read()).toMatchObject({
      kind: 'bad',
      problem: { reason: 'unreadable', details: { reason: 'ENOENT' } },
    });
  });

  it('is polled (the registry cannot be watched without a native module)', () => {
    const source = registryPolicySource({ run: fakeReg({ code: 1 }).run });
    expect(source.watchFolders).toEqual([]);
    expect(source.pollMs).toBeGreaterThan(0);
  });
});

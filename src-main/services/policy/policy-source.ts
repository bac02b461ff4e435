// Where a policy comes from: one source per OS (or a test's --policy-file), each answering what it found there, never throwing.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { policyMaxBytes, type PolicyProblem } from '../../../src-preload/contract/policy';
import { parsePolicyJson, policyProblem } from './policy-document';

/** What one read of a source found: nothing, a document (not yet checked), or a problem; `where` is for the log. */
export type PolicyRead =
  { kind: 'absent'; where: string } | { kind: 'found'; where: string; document: unknown } | { kind: 'bad'; where: string; problem: PolicyProblem };

/** A place a policy is read from. */
export interface PolicySource {
  /** The file or registry value, for the log. */
  readonly where: string;
  read(): Promise<PolicyRead>;
  /** Folders whose changes may change the policy (watched where they exist). */
  readonly watchFolders: readonly string[];
  /** How often to read again anyway (the registry cannot be watched without a native module; a folder may appear later). */
  readonly pollMs: number;
}

/** Runs a program and answers its exit code and output (injected: tests give a fake one, the parsers stay real). */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The real runner: execFile without a shell, hidden window, a deadline and an output cap; a program that cannot start rejects. */
export const execFileRunner: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { windowsHide: true, timeout: 15_000, maxBuffer: policyMaxBytes * 2, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (error && typeof code !== 'number') reject(error);
      else resolve({ code: typeof code === 'number' ? code : 0, stdout, stderr });
    });
  });

/** The system's reason a read failed (an errno code), for the problem shown and logged. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'unknown';
}

/** Reads a file that may be absent; a bad file is a problem, never a throw. */
export async function readPolicyBytes(file: string): Promise<{ bytes: Buffer } | { absent: true } | { problem: PolicyProblem }> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { problem: policyProblem('unreadable', { reason: 'EISDIR' }) };
    if (stat.size > policyMaxBytes) return { problem: policyProblem('too-large', { max: policyMaxBytes }) };
    return { bytes: await fs.readFile(file) };
  } catch (e) {
    const reason = reasonOf(e);
    if (reason === 'ENOENT' || reason === 'ENOTDIR') return { absent: true };
    return { problem: policyProblem('unreadable', { reason }) };
  }
}

/** A JSON file: Linux's /etc/cloudmc-credentials/policy.json, or the --policy-file of the web host and the command line. */
export function jsonFileSource(file: string, pollMs = 60_000): PolicySource {
  return {
    where: file,
    watchFolders: [parentOf(file)],
    pollMs,
    async read() {
      const got = await readPolicyBytes(file);
      if ('absent' in got) return { kind: 'absent', where: file };
      if ('problem' in got) return { kind: 'bad', where: file, problem: got.problem };
      return foundJson(got.bytes.toString('utf8'), file);
    },
  };
}

/** JSON text as a read: the document, or not-json with where the text breaks. */
export function foundJson(text: string, where: string): PolicyRead {
  const parsed = parsePolicyJson(text);
  return 'problem' in parsed ? { kind: 'bad', where, problem: parsed.problem } : { kind: 'found', where, document: parsed.document };
}

/** No policy at all (the web host without --policy-file). */
export const noPolicySource: PolicySource = {
  where: 'none',
  watchFolders: [],
  pollMs: 0,
  read: () => Promise.resolve({ kind: 'absent', where: 'none' }),
};

function parentOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : '.';
}

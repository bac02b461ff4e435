// The simulator command line: endpoint printed first, a working key, clean stop, and bad flags.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../cloudmc-sim/cli-args';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child = undefined;
});

function firstHttpLine(proc: ChildProcess, timeoutMs: number): Promise<{ endpoint: string; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let endpoint: string | undefined;
    const timer = setTimeout(() => reject(new Error(`no api key line within ${timeoutMs} ms: ${lines.join('\n')}`)), timeoutMs);
    const rl = createInterface({ input: proc.stdout! });
    rl.on('line', (line) => {
      lines.push(line);
      if (endpoint === undefined && line.startsWith('http')) endpoint = line.trim();
      if (endpoint !== undefined && line.startsWith('api key:')) {
        clearTimeout(timer);
        resolve({ endpoint, lines });
      }
    });
    proc.once('exit', (code) => reject(new Error(`exited early with ${code}: ${lines.join('\n')}`)));
  });
}

describe('cli', () => {
  it('prints the endpoint first, serves the given key, and stops on SIGTERM', async () => {
    child = spawn('npx', ['tsx', 'test/cloudmc-sim/cli.ts', '--port', '0', '--api-key', 'abc'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { endpoint, lines } = await firstHttpLine(child, 30_000);
    expect(lines[0]).toBe(endpoint);
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(lines).toContain('api key: abc');
    const res = await fetch(`${endpoint}/users/current`, { headers: { 'MC-Api-Key': 'abc' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { userName: string } }).data.userName).toBe('rwilson');
    // npx itself may die from the signal; the simulator (same process group) must stop cleanly.
    const closed = new Promise<void>((resolve) => child?.stdout?.once('close', () => resolve()));
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await closed;
    expect(lines).toContain('cloudmc-sim: stopped (SIGTERM)');
    await expect(fetch(`${endpoint}/users/current`, { headers: { 'MC-Api-Key': 'abc' } })).rejects.toThrow();
  }, 40_000);

  it('exits 2 with a precise message on a bad flag', () => {
    const out = spawnSync('npx', ['tsx', 'test/cloudmc-sim/cli.ts', '--port', 'seventy'], { cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--port expects an integer from 0 to 65535, got "seventy"');
    expect(out.stdout).not.toMatch(/^http/m);
  }, 40_000);

  it('parseArgs accepts both flag forms and rejects unknown or incomplete flags', () => {
    expect(parseArgs(['--port=8080', '--api-key', 'k', '--empty'])).toEqual({ port: 8080, apiKey: 'k', empty: true, help: false });
    expect(() => parseArgs(['--verbose'])).toThrow('unknown argument "--verbose"');
    expect(() => parseArgs(['--api-key'])).toThrow('--api-key needs a value');
    expect(() => parseArgs(['--port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseArgs(['--seed', '/no/such/file.json'])).toThrow(/no such file/);
    expect(() => parseArgs(['--api-key', 'has space'])).toThrow(/printable ASCII/);
  });
});

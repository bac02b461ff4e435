// HTTPS mode of the simulator, and how the client address is derived.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator } from '../../cloudmc-sim/server';
import { clientAddress, isLoopback } from '../../cloudmc-sim/http-util';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('client address', () => {
  it('strips the IPv4-mapped prefix and keeps other addresses', () => {
    const fake = (remoteAddress: string | undefined) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;
    expect(clientAddress(fake('::ffff:127.0.0.1'))).toBe('127.0.0.1');
    expect(clientAddress(fake('2001:db8::5'))).toBe('2001:db8::5');
    expect(clientAddress(fake(undefined))).toBeNull();
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('203.0.113.42')).toBe(false);
  });
});

describe('https', () => {
  it.skipIf(!hasOpenssl())(
    'serves the same API over TLS when a key and certificate are given',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cloudmc-sim-tls-'));
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
            '-addext',
            'subjectAltName=IP:127.0.0.1',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { stdio: 'ignore' },
        );
        const key = readFileSync(join(dir, 'key.pem'));
        const cert = readFileSync(join(dir, 'cert.pem'));
        const state = new SimState();
        seedDemo(state, { apiKey: 'tls-key' });
        const sim = await startSimulator({ state, tls: { key, cert } });
        try {
          expect(sim.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
          const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
            const req = request(`${sim.endpoint}/users/current`, { ca: cert, headers: { 'MC-Api-Key': 'tls-key' } }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (c: string) => (body += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            });
            req.on('error', reject);
            req.end();
          });
          expect(status).toBe(200);
          expect((JSON.parse(body) as { data: { userName: string } }).data.userName).toBe('rwilson');
          expect(state.authenticate('tls-key')?.key.lastUsedIp).toBe('127.0.0.1');
        } finally {
          await sim.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    20_000,
  );
});

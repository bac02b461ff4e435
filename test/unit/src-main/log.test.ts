// The one redaction point for logs (docs/security.md 12): MC-Api-Key header, secret/apiKey fields, registered values.
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../src-main/log';

const value = 'Zk3v9Qw-8sT2_xYz0123456789abcdefGHIJKLmnop';

describe('redact', () => {
  it.each([
    `MC-Api-Key: ${value}`,
    `mc-api-key: ${value}`,
    `MC-API-KEY=${value}`,
    `GET /api/v1/api_keys headers={"MC-Api-Key":"${value}","accept":"application/json"}`,
    `{"mc-api-key":"${value}"}`,
    `{"secret":"${value}","id":"k1"}`,
    `{"data":{"id":"k1","name":"ci","secret":"${value}"}}`,
    `{"apiKey":"${value}"}`,
    `{"apikey": "${value}"}`,
    `{"api_key":"${value}"}`,
    `{"password":'${value}'}`,
    `secret=${value}`,
    `apiKey: ${value}, next`,
  ])('removes the value from %s', (line) => {
    const out = redact(line);
    expect(out).not.toContain(value);
    expect(out).toContain('[redacted]');
  });

  it('keeps everything else on the line', () => {
    expect(redact(`{"id":"k1","secret":"${value}","name":"ci"}`)).toBe('{"id":"k1","secret":"[redacted]","name":"ci"}');
    expect(redact('MC-Api-Key: abc, accept: json')).toBe('MC-Api-Key: "[redacted]", accept: json');
    expect(redact('nothing to hide here')).toBe('nothing to hide here');
  });

  it('removes every occurrence of registered values, wherever they appear', () => {
    const other = 'another-secret-value-42';
    const out = redact(`generated ${value} (copy: ${value}) url=https://x/?k=${other}`, [value, other]);
    expect(out).not.toContain(value);
    expect(out).not.toContain(other);
    expect(out).toBe('generated [redacted] (copy: [redacted]) url=https://x/?k=[redacted]');
  });
});

describe('createLogger', () => {
  const collect = () => {
    const lines: Array<{ level: string; line: string }> = [];
    return { lines, log: createLogger((level, line) => lines.push({ level, line })) };
  };

  it('redacts structured data fields', () => {
    const { lines, log } = collect();
    log.info('created', { data: { id: 'k1', secret: value } });
    log.warn('profile', { name: 'p', apiKey: value });
    log.error('request', { headers: { 'MC-Api-Key': value } });
    expect(lines.map((l) => l.level)).toEqual(['info', 'warn', 'error']);
    for (const { line } of lines) {
      expect(line).not.toContain(value);
      expect(line).toContain('[redacted]');
    }
    expect(lines[0]?.line).toContain('"id":"k1"');
  });

  it('redacts values registered with forget, in messages, data and error stacks', () => {
    const { lines, log } = collect();
    log.forget(value);
    log.info(`key ${value} shown`);
    log.info('data', { note: `plain field holding ${value}` });
    log.error('failed', new Error(`request with ${value} failed`));
    expect(lines).toHaveLength(3);
    for (const { line } of lines) expect(line).not.toContain(value);
    expect(lines[2]?.line).toContain('Error: request with [redacted] failed');
  });

  it('keeps loggers independent: forget on one does not leak into another', () => {
    const a = collect();
    const b = collect();
    a.log.forget(value);
    b.log.info(`visible ${value}`);
    expect(b.lines[0]?.line).toContain(value);
  });

  it('survives data JSON cannot describe', () => {
    const { lines, log } = collect();
    const circular: Record<string, unknown> = { secret: value };
    circular['self'] = circular;
    log.forget(value);
    expect(() => log.info('circular', circular)).not.toThrow();
    expect(lines[0]?.line).not.toContain(value);
  });
});

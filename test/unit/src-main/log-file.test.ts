// The log file: under the given folder, 0600, rotated by size with a bounded number of old files, fed only redacted lines.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/log';
import { createLogFileSink } from '../../../src-main/log-file';
import { makeTempDir, removeTempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('cmc-logs-');
});
afterEach(() => removeTempDir(dir));

describe('the log file', () => {
  it('writes redacted lines to main.log with mode 0600', () => {
    const log = createLogger(createLogFileSink(() => path.join(dir, 'logs')));
    const forget = log.forget('generated-key-value-CANARY-12345');
    log.info('copied generated-key-value-CANARY-12345', { apiKey: 'access-key-CANARY-67890' });
    forget();
    const file = path.join(dir, 'logs', 'main.log');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('INFO copied [redacted]');
    expect(text).not.toContain('CANARY');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates before passing its size and keeps a bounded number of old files', () => {
    const sink = createLogFileSink(() => dir, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) sink('info', `line ${i} ${'x'.repeat(40)}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('line 39');
  });

  it('never throws when the folder cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    const sink = createLogFileSink(() => path.join(dir, 'not-a-folder', 'logs'));
    expect(() => sink('error', 'still running')).not.toThrow();
  });
});

// The atomic writer's temp files (issue 8 item 10): a write killed mid-way leaves `<name>.json.tmp-<digits><hex>`; opening the store removes that store's leftovers, nothing else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStores } from '../../../../../src-main/services/store/app-stores';
import { confStoreBackend as confBackend, makeTempDir, removeTempDir } from '../../helpers';

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

/** Runs the real atomic writer conf uses (the `atomically` package) in a child process that is SIGKILLed once its temp file exists. */
function killMidWrite(file: string): void {
  const script = `
    const { writeFileSync } = await import('atomically');
    writeFileSync(process.argv[1], '{"schemaVersion":1}', { mode: 0o600, tmpCreated: () => process.kill(process.pid, 'SIGKILL') });
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: repoRoot, encoding: 'utf8' });
  if (child.signal !== 'SIGKILL') throw new Error(`the writer was not killed mid-write: ${child.stderr}`);
}

const tempFilesIn = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => f.includes('.json.tmp-'))
    .sort();

let dir: string;
beforeEach(() => {
  dir = makeTempDir('cmc-temp-files-');
});
afterEach(() => {
  removeTempDir(dir);
});

describe('temp files of the atomic writer are never cleaned (item 10)', () => {
  it('a write killed mid-way leaves a temp file beside config.json that the next open removes', () => {
    fs.writeFileSync(path.join(dir, 'config.json'), fs.readFileSync(path.resolve(repoRoot, 'test/fixtures/store/valid-config.json')));
    for (let i = 0; i < 3; i += 1) killMidWrite(path.join(dir, 'config.json'));
    const leftovers = tempFilesIn(dir);
    expect(leftovers).toHaveLength(3);
    // What the writer leaves: `<name>.json.tmp-` then 10 timestamp digits and 6 hex digits (atomically's Temp.create).
    for (const f of leftovers) expect(f).toMatch(/^config\.json\.tmp-[0-9]{10}[0-9a-f]{6}$/);

    const stores = openAppStores(dir, confBackend);
    expect(stores.config.notice).toBeNull();
    expect(stores.config.read().profiles.map((p) => p.id)).toEqual(['p-1']);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it("a key list's leftovers are removed when that list is opened, and removing the list removes them too", () => {
    const listsDir = path.join(dir, 'key-lists');
    fs.mkdirSync(listsDir);
    fs.writeFileSync(path.join(listsDir, 'p-1.json'), JSON.stringify({ schemaVersion: 1, syncedAt: '2026-01-01T00:00:00.000Z', keys: [] }));
    killMidWrite(path.join(listsDir, 'p-1.json'));
    killMidWrite(path.join(listsDir, 'p-2.json'));
    expect(tempFilesIn(listsDir)).toHaveLength(2);

    const stores = openAppStores(dir, confBackend);
    expect(stores.cache.get('p-1')?.syncedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(tempFilesIn(listsDir).every((f) => f.startsWith('p-2.json.tmp-'))).toBe(true);
    expect(tempFilesIn(listsDir)).toHaveLength(1);
    stores.cache.remove('p-2');
    expect(tempFilesIn(listsDir)).toEqual([]);
  });

  it("removes only that store's files matching the exact pattern", () => {
    const keep = [
      'config.json',
      'config.json.tmp-notours',
      'config.json.tmp-123456789abcdef0', // 9 digits then hex: not the writer's name
      'config.json.tmp-1234567890abcdefX',
      'config.json.corrupt-2024-01-01T00-00-00-000Z.bak',
      'other.json.tmp-1234567890abcdef',
      'xconfig.json.tmp-1234567890abcdef',
    ];
    for (const name of keep)
      fs.writeFileSync(
        path.join(dir, name),
        name === 'config.json'
          ? '{"schemaVersion":1,"settings":{"language":"en","storeCopyByDefault":true,"clipboardClearSeconds":30},"profiles":[],"lastProfileId":null}'
          : 'x',
      );
    fs.writeFileSync(path.join(dir, 'config.json.tmp-1234567890abcdef'), 'half a docum');
    openAppStores(dir, confBackend);
    // ui-state.json is the small store opened beside the config (the last profile).
    expect(fs.readdirSync(dir).sort()).toEqual([...keep, 'ui-state.json'].sort());
  });
});

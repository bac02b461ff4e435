// One file per profile in a real temp data dir: written only on put, read back, listed, removed; unsafe ids name no file;
// a damaged file is backed up and reads as absent (its profile reported); a read-only folder is never written.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenNotice } from '../../../../../src-main/services/store/json-store';
import { openProfileFiles } from '../../../../../src-main/services/store/profile-files';
import { confStoreBackend as confBackend, failureOf, makeTempDir, removeTempDir } from '../../helpers';

interface Doc {
  schemaVersion: 1;
  items: string[];
}
const isDoc = (doc: unknown): doc is Doc =>
  typeof doc === 'object' && doc !== null && (doc as Doc).schemaVersion === 1 && Array.isArray((doc as Doc).items);

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDir('cmc-profile-files-');
});
afterEach(() => removeTempDir(dataDir));

const open = (readOnly = false, onNotice?: (id: string, notice: NonNullable<OpenNotice>) => void) =>
  openProfileFiles<Doc>({
    dataDir,
    folder: 'lists',
    backend: confBackend,
    readOnly,
    empty: () => ({ schemaVersion: 1, items: [] }),
    isValid: isDoc,
    ...(onNotice ? { onNotice } : {}),
  });

describe('openProfileFiles', () => {
  it('writes nothing until a put, then keeps each profile in its own 0600 file', () => {
    const files = open();
    expect(files.dir).toBe(path.join(dataDir, 'lists'));
    expect(files.get('p1')).toBeUndefined();
    expect(files.ids()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'lists', 'p1.json'))).toBe(false);

    files.put('p1', { schemaVersion: 1, items: ['a'] });
    files.put('p2', { schemaVersion: 1, items: ['b'] });
    files.put('p1', { schemaVersion: 1, items: ['a', 'c'] });
    const file = path.join(dataDir, 'lists', 'p1.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 1, items: ['a', 'c'] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(files.ids().sort()).toEqual(['p1', 'p2']);
    // A second opening reads what the first wrote.
    expect(open().get('p2')).toEqual({ schemaVersion: 1, items: ['b'] });
  });

  it('removes a profile’s file (and twice is fine), leaving the others', () => {
    const files = open();
    files.put('p1', { schemaVersion: 1, items: ['a'] });
    files.put('p2', { schemaVersion: 1, items: ['b'] });
    files.remove('p1');
    files.remove('p1');
    expect(files.get('p1')).toBeUndefined();
    expect(files.ids()).toEqual(['p2']);
  });

  it('never names a file after an id that could leave the folder', () => {
    const files = open();
    files.put('../escape', { schemaVersion: 1, items: ['x'] });
    files.put('', { schemaVersion: 1, items: ['x'] });
    expect(files.get('../escape')).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'escape.json'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'lists'))).toBe(false);
    expect(() => files.remove('../../etc/passwd')).not.toThrow();
  });

  it('backs up a damaged file, answers nothing for it and tells which profile it was', () => {
    const folder = path.join(dataDir, 'lists');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'p1.json'), '{"schemaVersion":1,"items":"not a list"}');
    const heard: [string, string][] = [];
    const files = open(false, (id, notice) => heard.push([id, notice.kind]));
    expect(files.get('p1')).toBeUndefined();
    expect(heard).toEqual([['p1', 'corrupt-backed-up']]);
    expect(files.notice()?.notice?.kind).toBe('corrupt-backed-up');
    expect(files.notice()?.filePath).toBe(path.join(folder, 'p1.json'));
    // The backup kept; no defaults written in the damaged file's place.
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    expect(fs.existsSync(path.join(folder, 'p1.json'))).toBe(false);
    expect(files.ids()).toEqual([]);
  });

  it('read-only: reads what is there, writes and removes nothing', () => {
    open().put('p1', { schemaVersion: 1, items: ['a'] });
    const files = open(true);
    expect(files.readOnly).toBe(true);
    files.put('p1', { schemaVersion: 1, items: ['changed'] });
    files.put('p3', { schemaVersion: 1, items: ['new'] });
    files.remove('p1');
    expect(files.get('p1')).toEqual({ schemaVersion: 1, items: ['a'] });
    expect(files.ids()).toEqual(['p1']);
  });

  it('answers store-write-failed, with the reason and path, when the folder cannot be made', async () => {
    fs.writeFileSync(path.join(dataDir, 'lists'), 'a file where the folder should be');
    const files = open();
    const error = await failureOf(Promise.resolve().then(() => files.put('p1', { schemaVersion: 1, items: ['a'] })));
    expect(error.code).toBe('store-write-failed');
    expect(error.details).toMatchObject({ reason: 'EEXIST', path: path.join(dataDir, 'lists') });
    expect(JSON.stringify(error)).not.toContain('"a"');
  });
});

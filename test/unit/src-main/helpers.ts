// Shared helpers for the main-process unit tests: temp data dirs, a conf store backend, an in-memory clipboard port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import type { StoreBackendFactory } from '../../../src-main/services/store/json-store';
import type { ClipboardPort } from '../../../src-main/services/clipboard/clipboard-service';

/**
 * conf as the store backend, file for file what electron-store does: electron-store renames its `name` option to conf's
 * `configName`, so this adapter does the same (conf itself ignores `name` and would write every store to `config.json`).
 */
export const confStoreBackend: StoreBackendFactory = ({ name, ...rest }) =>
  new Conf<Record<string, unknown>>({ ...rest, configName: name, projectName: 'cloudmc-credentials' });

/** A fresh temp dir; remove it with `removeTempDir`. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a temp dir made by makeTempDir. */
export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every regular file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** A clipboard held in a variable, recording every write and clear. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  readonly writes: string[] = [];
  clears = 0;
  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
    this.clears += 1;
  }
}

const localesDir = path.resolve(import.meta.dirname, '../../../src-renderer/src/lib/i18n/locales');

/** The UI languages that ship a locale file. */
export const uiLanguages = ['en', 'fr', 'es'] as const;

/** The translation of a dotted i18n key in one language, or undefined when the UI has no such key. */
export function translation(language: (typeof uiLanguages)[number], key: string): string | undefined {
  let node: unknown = JSON.parse(fs.readFileSync(path.join(localesDir, `${language}.json`), 'utf8'));
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

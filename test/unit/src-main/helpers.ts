// Shared helpers for the main-process unit tests: temp data dirs, a conf store backend, an in-memory clipboard port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../../src-main/errors';
import type { ClipboardPort } from '../../../src-main/services/clipboard/clipboard-service';
import type { Keychain } from '../../../src-main/services/keychain/keychain';
import { createMemoryKeychain } from '../../../src-main/services/keychain/memory-keychain';
import type { KeychainStatus } from '../../../src-preload/contract/models';

/** conf as the store backend, exactly as the web host builds it (electron-store's `name` becomes conf's `configName`). */
export { confBackend as confStoreBackend } from '../../web-host/host-services';

/** The AppError a promise rejects with; fails the test when it resolves or throws anything but an AppFailure. */
export async function failureOf(work: Promise<unknown>): Promise<AppFailure['appError']> {
  try {
    await work;
  } catch (e) {
    if (e instanceof AppFailure) return e.appError;
    throw e;
  }
  throw new Error('expected a failure');
}

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

/** The failure a refresh reports in its view (a refresh answers failures as part of the view); fails the test when it worked. */
export async function refreshFailure(view: Promise<{ failure: AppFailure['appError'] | null }>): Promise<AppFailure['appError']> {
  const { failure } = await view;
  if (!failure) throw new Error('expected the refresh to report a failure');
  return failure;
}

/** The keys of a refreshed or cached view (empty when it holds no list). */
export function keysOf(view: { list: { keys: { id: string; name: string }[] } | null }): { id: string; name: string }[] {
  return view.list?.keys ?? [];
}

/** A memory keychain whose status the test changes with `tell`, as the OS keychain backend reports one (e.g. not answering after a time-out). */
export function keychainWithStatus(): { keychain: Keychain; tell: (status: KeychainStatus) => void } {
  const base = createMemoryKeychain();
  const listeners: ((status: KeychainStatus) => void)[] = [];
  return {
    keychain: { ...base, onStatus: (listener) => void listeners.push(listener) },
    tell: (status) => listeners.forEach((listener) => listener(status)),
  };
}

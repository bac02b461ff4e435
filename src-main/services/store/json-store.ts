// Opens one versioned JSON store file safely: corrupt files are backed up, newer files are opened read-only, files are 0600, an unwritable folder gives a read-only store.
import fs from 'node:fs';
import path from 'node:path';
import { fail, type AppFailure } from '../../errors';

/** The part of electron-store / conf the app uses; both satisfy it. */
export interface StoreBackend {
  store: Record<string, unknown>;
}

/** Creates a backend for one file; in Electron electron-store, under plain Node conf (same format). */
export type StoreBackendFactory = (options: {
  name: string;
  cwd: string;
  configFileMode: number;
  clearInvalidConfig: boolean;
  /** The file's text from the document (conf / electron-store `serialize`); their tab-indented JSON when absent. */
  serialize?: (doc: Record<string, unknown>) => string;
}) => StoreBackend;

/** A store document always has a schema version. */
export interface Versioned {
  schemaVersion: number;
}

/** Upgrades a document of version `from` to `from + 1`. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** What opening a store found out; the UI tells the user. */
export type OpenNotice =
  | { kind: 'corrupt-backed-up'; backupPath: string }
  | { kind: 'newer-version-read-only'; version: number }
  /** A damaged file that could not be backed up (see `problem`): left untouched, defaults in memory. */
  | { kind: 'corrupt-kept' }
  | null;

/** Why a store cannot be written: the system's reason (an errno code such as EROFS or ENOSPC) and the file or folder concerned. */
export interface StoreProblem {
  reason: string;
  path: string;
}

/** A typed document store over one file. */
export interface JsonStore<T extends Versioned> {
  read(): T;
  /** Writes the changed document, and only once the file holds it keeps it in memory; throws store-write-failed (memory unchanged) when it cannot. */
  update(change: (doc: T) => T): T;
  /** Calls `listener` after each write the file holds, with the document before it; answers the unsubscribe. */
  onWrite(listener: (next: T, before: T) => void): () => void;
  /** True for a file of a newer version, and for a store with a `problem` (it then serves what it could read). */
  readonly readOnly: boolean;
  readonly notice: OpenNotice;
  /** Set when the file or its folder could not be read or written at open; the store is then read-only. */
  readonly problem: StoreProblem | null;
  readonly filePath: string;
}

/** Options for openJsonStore. */
export interface OpenStoreOptions<T extends Versioned> {
  name: string;
  cwd: string;
  defaults: () => T;
  /** Migrations indexed by the version they upgrade from (1 → 2 is `migrations[1]`). */
  migrations?: Record<number, Migration>;
  /** Checks a migrated document; anything not matching is treated as corrupt. */
  isValid: (doc: unknown) => doc is T;
  backend: StoreBackendFactory;
  serialize?: (doc: Record<string, unknown>) => string;
  now?: () => Date;
}

/** Opens (or creates) a store; never throws for a bad file or an unwritable folder, never silently wipes a file. */
export function openJsonStore<T extends Versioned>(opts: OpenStoreOptions<T>): JsonStore<T> {
  const filePath = path.join(opts.cwd, `${opts.name}.json`);
  const current = opts.defaults().schemaVersion;
  let notice: OpenNotice = null;
  let newer = false;
  let initial: T | null = null;
  // A file already holding the current document is not rewritten at start-up (hundreds of key-list files).
  let upToDate = false;
  // Each step that touches the disk may meet an unwritable folder; from then on nothing is written.
  let problem: StoreProblem | null = attempt(() => prepareFolder(opts.cwd), opts.cwd).problem;

  const read = attempt(() => readIfExists(filePath), filePath);
  problem ??= read.problem;
  const raw = read.value;
  if (raw !== null) {
    const parsed = parseDocument(raw);
    if (parsed && typeof parsed.schemaVersion === 'number' && parsed.schemaVersion > current) {
      newer = true;
      notice = { kind: 'newer-version-read-only', version: parsed.schemaVersion };
      // Read what this version understands of it; the file itself is never written.
      const asCurrent = { ...parsed, schemaVersion: current };
      initial = opts.isValid(asCurrent) ? asCurrent : opts.defaults();
    } else {
      const migrated = parsed ? migrate(parsed, current, opts.migrations ?? {}) : null;
      if (migrated && opts.isValid(migrated)) {
        initial = migrated;
        upToDate = migrated === parsed;
      } else if (!problem) {
        const backupPath = `${filePath}.corrupt-${(opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}.bak`;
        problem = attempt(() => fs.renameSync(filePath, backupPath), filePath).problem;
        if (!problem) notice = { kind: 'corrupt-backed-up', backupPath };
      }
      // A corrupt file that cannot be backed up is left as it is; the app runs from defaults, read-only.
      if (!initial && problem) notice = { kind: 'corrupt-kept' };
    }
  }

  let memory: T = initial ?? opts.defaults();
  let backend: StoreBackend | null = null;
  if (!newer && !problem) {
    removeStaleTempFiles(opts.cwd, opts.name);
    const opened = attempt(() => {
      const b = opts.backend({
        name: opts.name,
        cwd: opts.cwd,
        configFileMode: 0o600,
        clearInvalidConfig: false,
        ...(opts.serialize ? { serialize: opts.serialize } : {}),
      });
      if (!upToDate) b.store = memory as unknown as Record<string, unknown>;
      fs.chmodSync(filePath, 0o600);
      return b;
    }, filePath);
    backend = opened.value;
    problem = opened.problem;
  }
  const readOnly = newer || problem !== null;
  const writeListeners = new Set<(next: T, before: T) => void>();

  return {
    filePath,
    readOnly,
    notice,
    problem,
    read: () => memory,
    update(change) {
      if (problem) throw storeWriteFailed(problem);
      if (!backend) return memory; // a newer version's file: callers check readOnly first and answer store-read-only
      const next = change(memory);
      const target = backend;
      const written = attempt(() => void (target.store = next as unknown as Record<string, unknown>), filePath);
      if (written.problem) throw storeWriteFailed(written.problem);
      const before = memory;
      memory = next;
      for (const listener of writeListeners) listener(next, before);
      return next;
    },
    onWrite(listener) {
      writeListeners.add(listener);
      return () => writeListeners.delete(listener);
    },
  };
}

/** The failure a store answers when its file cannot be written: the reason and the path, never the content. */
export function storeWriteFailed(problem: StoreProblem): AppFailure {
  return fail('store-write-failed', { details: { reason: problem.reason, path: problem.path } });
}

/** The temp files the atomic writer (the `atomically` package under conf / electron-store) leaves beside `<name>.json` when killed mid-write. */
export function isAtomicTempFileOf(name: string, fileName: string): boolean {
  const prefix = `${name}.json.tmp-`;
  return fileName.startsWith(prefix) && /^[0-9]{10}[0-9a-f]{6}$/.test(fileName.slice(prefix.length));
}

/** Deletes the atomic writer's leftovers for one store (none can be live: the app is the only writer and writes synchronously). */
export function removeStaleTempFiles(dir: string, name: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!isAtomicTempFileOf(name, entry)) continue;
    try {
      fs.unlinkSync(path.join(dir, entry));
    } catch {
      // best effort: a leftover that cannot be removed now is removed at a later open
    }
  }
}

/** Runs one disk step; a system error (errno code) becomes a StoreProblem at `where`, anything else is a bug and is thrown. */
function attempt<R>(step: () => R, where: string): { value: R; problem: null } | { value: null; problem: StoreProblem } {
  try {
    return { value: step(), problem: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && code !== '') return { value: null, problem: { reason: code, path: where } };
    throw e;
  }
}

/** Creates the folder (0700) when missing and checks the app may write in it. */
function prepareFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw whyNotCreatable(dir) ?? e;
  }
  fs.accessSync(dir, fs.constants.W_OK);
}

/** The real reason a folder cannot be created (a recursive mkdir on a read-only disk says ENOENT): what the nearest existing parent answers. */
function whyNotCreatable(dir: string): unknown {
  let parent = path.dirname(dir);
  while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
  try {
    if (!fs.statSync(parent).isDirectory()) return Object.assign(new Error(`not a folder: ${parent}`), { code: 'ENOTDIR' });
    fs.accessSync(parent, fs.constants.W_OK);
    return null;
  } catch (e) {
    return e;
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parseDocument(raw: string): (Record<string, unknown> & { schemaVersion?: unknown }) | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function migrate(doc: Record<string, unknown>, target: number, migrations: Record<number, Migration>): Record<string, unknown> | null {
  let version = typeof doc['schemaVersion'] === 'number' ? doc['schemaVersion'] : 0;
  let current = doc;
  while (version < target) {
    const step = migrations[version];
    if (!step) return null;
    try {
      current = { ...step(current), schemaVersion: version + 1 };
    } catch {
      return null; // a step that cannot read an old file treats it as corrupt: backed up, never a crash loop
    }
    version += 1;
  }
  return current;
}

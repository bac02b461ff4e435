// Opens one versioned JSON store file safely: corrupt files are backed up, newer files are opened read-only, files are 0600.
import fs from 'node:fs';
import path from 'node:path';

/** The part of electron-store / conf the app uses; both satisfy it. */
export interface StoreBackend {
  store: Record<string, unknown>;
}

/** Creates a backend for one file; in Electron electron-store, under plain Node conf (same format). */
export type StoreBackendFactory = (options: { name: string; cwd: string; configFileMode: number; clearInvalidConfig: boolean }) => StoreBackend;

/** A store document always has a schema version. */
export interface Versioned {
  schemaVersion: number;
}

/** Upgrades a document of version `from` to `from + 1`. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** What opening a store found out; the UI tells the user. */
export type OpenNotice = { kind: 'corrupt-backed-up'; backupPath: string } | { kind: 'newer-version-read-only'; version: number } | null;

/** A typed document store over one file. */
export interface JsonStore<T extends Versioned> {
  read(): T;
  update(change: (doc: T) => T): T;
  readonly readOnly: boolean;
  readonly notice: OpenNotice;
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
  now?: () => Date;
}

/** Opens (or creates) a store; never throws for a bad file, never silently wipes one. */
export function openJsonStore<T extends Versioned>(opts: OpenStoreOptions<T>): JsonStore<T> {
  fs.mkdirSync(opts.cwd, { recursive: true, mode: 0o700 });
  const filePath = path.join(opts.cwd, `${opts.name}.json`);
  const current = opts.defaults().schemaVersion;
  let notice: OpenNotice = null;
  let readOnly = false;
  let initial: T | null = null;
  // A file already holding the current document is not rewritten at start-up (hundreds of key-list files).
  let upToDate = false;

  const raw = readIfExists(filePath);
  if (raw !== null) {
    const parsed = parseDocument(raw);
    if (parsed && typeof parsed.schemaVersion === 'number' && parsed.schemaVersion > current) {
      readOnly = true;
      notice = { kind: 'newer-version-read-only', version: parsed.schemaVersion };
      // Read what this version understands of it; the file itself is never written.
      const asCurrent = { ...parsed, schemaVersion: current };
      initial = opts.isValid(asCurrent) ? asCurrent : opts.defaults();
    } else {
      const migrated = parsed ? migrate(parsed, current, opts.migrations ?? {}) : null;
      if (migrated && opts.isValid(migrated)) {
        initial = migrated;
        upToDate = migrated === parsed;
      } else {
        const backupPath = `${filePath}.corrupt-${(opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}.bak`;
        fs.renameSync(filePath, backupPath);
        notice = { kind: 'corrupt-backed-up', backupPath };
      }
    }
  }

  let memory: T = initial ?? opts.defaults();
  const backend = readOnly ? null : opts.backend({ name: opts.name, cwd: opts.cwd, configFileMode: 0o600, clearInvalidConfig: false });
  if (backend) {
    if (!upToDate) backend.store = memory as unknown as Record<string, unknown>;
    fs.chmodSync(filePath, 0o600);
  }

  return {
    filePath,
    readOnly,
    notice,
    read: () => memory,
    update(change) {
      if (readOnly) return memory; // callers check readOnly first and answer store-read-only
      const next = change(memory);
      memory = next;
      if (backend) backend.store = next as unknown as Record<string, unknown>;
      return next;
    },
  };
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

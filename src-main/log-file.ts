// A log file under the OS log folder, rotated by size; it receives lines only after the logger's redaction.
import fs from 'node:fs';
import path from 'node:path';
import type { LogSink } from './log';

/** Rotation limits: one file of at most `maxBytes`, plus `keep` older ones (`main.log.1` is the newest of those). */
export interface LogFileOptions {
  maxBytes: number;
  keep: number;
  now?: () => Date;
}

/** Defaults: 1 MiB per file, three older files. */
export const defaultLogFileOptions: LogFileOptions = { maxBytes: 1024 * 1024, keep: 3 };

/** A sink appending `time level line` to `<dir>/main.log` (mode 0600), rotating before a write would pass `maxBytes`; a failing disk never breaks the app. */
export function createLogFileSink(dir: () => string, options: LogFileOptions = defaultLogFileOptions): LogSink {
  let file: string | null = null;
  let size = 0;
  const open = (): string => {
    if (file) return file;
    const folder = dir();
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    file = path.join(folder, 'main.log');
    size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    return file;
  };
  const rotate = (current: string): void => {
    fs.rmSync(`${current}.${options.keep}`, { force: true });
    for (let i = options.keep - 1; i >= 1; i--) if (fs.existsSync(`${current}.${i}`)) fs.renameSync(`${current}.${i}`, `${current}.${i + 1}`);
    if (options.keep > 0) fs.renameSync(current, `${current}.1`);
    else fs.rmSync(current, { force: true });
    size = 0;
  };
  return (level, line) => {
    try {
      const current = open();
      const entry = `${(options.now?.() ?? new Date()).toISOString()} ${level.toUpperCase()} ${line}\n`;
      const bytes = Buffer.byteLength(entry);
      if (size > 0 && size + bytes > options.maxBytes) rotate(current);
      fs.appendFileSync(current, entry, { mode: 0o600 });
      size += bytes;
    } catch {
      /* a full or read-only disk must not stop the app; the console still has the line */
    }
  };
}

/** Sends each line to every sink. */
export function teeSinks(...sinks: LogSink[]): LogSink {
  return (level, line) => sinks.forEach((sink) => sink(level, line));
}

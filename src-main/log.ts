// The one redaction point for logs: secrets (MC-Api-Key header, secret and apiKey fields, registered values) never reach a sink.
/** A line sink: console in the app, an array in tests. */
export type LogSink = (level: 'info' | 'warn' | 'error', line: string) => void;

/** The app's logger. */
export interface Logger {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  /** Registers a value that must never appear in a log line (e.g. a freshly generated key); call the result once the value is gone. */
  forget(value: string): () => void;
}

const secretFields = /("?(?:mc-api-key|secret|apikey|api_key|password)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi;

/** Removes secrets from one line of text. */
export function redact(text: string, values: Iterable<string> = []): string {
  let out = text.replace(secretFields, '$1"[redacted]"');
  for (const v of values) if (v.length >= 8) out = out.split(v).join('[redacted]');
  return out;
}

/** Creates a logger writing redacted lines to a sink. */
export function createLogger(sink: LogSink): Logger {
  const known = new Set<string>();
  const write = (level: 'info' | 'warn' | 'error', message: string, data?: unknown): void => {
    const detail = data === undefined ? '' : ` ${describe(data)}`;
    sink(level, redact(`${message}${detail}`, known));
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    forget: (v) => {
      known.add(v);
      return () => known.delete(v);
    },
  };
}

function describe(data: unknown): string {
  if (data instanceof Error) return `${data.name}: ${data.message}${data.stack ? `\n${data.stack}` : ''}`;
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

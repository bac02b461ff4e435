// Small HTTP helpers of the simulator: JSON envelopes, bounded body reading, client address.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest accepted request body, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A request body read in full, or the fact that it exceeded MAX_BODY_BYTES. */
export type BodyResult = { tooLarge: false; text: string } | { tooLarge: true };

/** Reads the whole request body; past the limit it keeps draining but stores nothing. */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(tooLarge ? { tooLarge: true } : { tooLarge: false, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

/** Parses a JSON body: empty text gives {}, otherwise the value must be a JSON object. */
export function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Request body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Request body must be a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Sends `{"data": ...}` with status 200 (or the given status). */
export function sendData(res: ServerResponse, data: unknown, status = 200): void {
  sendJson(res, status, { data });
}

/** Sends the CloudMC error envelope. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  context: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ code: status, message, context }] }, headers);
}

/** Sends any JSON value with a Content-Length. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
  });
  res.end(body);
}

/** Sends 204 with no body. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204).end();
}

/** The client's address, with an IPv4-mapped "::ffff:" prefix removed. */
export function clientAddress(req: IncomingMessage): string | null {
  const addr = req.socket.remoteAddress;
  if (!addr) return null;
  return addr.startsWith('::ffff:') ? addr.slice('::ffff:'.length) : addr;
}

/** True for loopback addresses (127.0.0.0/8 and ::1). */
export function isLoopback(addr: string | null): boolean {
  return addr !== null && (addr === '::1' || addr.startsWith('127.'));
}

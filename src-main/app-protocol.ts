// Serves the packaged renderer over `app://ui/`: resolves request URLs to files inside one folder, refusing traversal.
import path from 'node:path';

/** The origin the UI is served from. */
export const appOrigin = 'app://ui';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps an `app://ui/...` URL to a file under `root`, or null when it is outside root, encoded oddly, or another host. */
export function resolveAppFile(requestUrl: string, root: string): { file: string; contentType: string } | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${url.protocol}//${url.host}` !== appOrigin) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const trimmed = decoded.replace(/^\/+/, '');
  const relative = trimmed === '' ? 'index.html' : trimmed;
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return { file, contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream' };
}

/** The renderer's Content-Security-Policy (docs/security.md 3) as the page's meta tag states it. */
export const metaContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** The policy sent as a header on every app:// answer: the page's policy plus what only a header can say (frame-ancestors). */
export const contentSecurityPolicy = `${metaContentSecurityPolicy}; frame-ancestors 'none'`;

/** The headers every app:// response carries, whatever its status. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/** What the protocol handler answers; index.ts turns it into a `Response`. */
export interface AppResponse {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

/** Answers one `app://ui/...` request from the files under `root`; any failure (outside root, missing, a folder) is a 404. */
export async function serveAppRequest(
  requestUrl: string,
  root: string,
  readFile: (file: string) => Promise<Uint8Array<ArrayBuffer>>,
): Promise<AppResponse> {
  const notFound: AppResponse = { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8'), body: 'Not found' };
  const resolved = resolveAppFile(requestUrl, root);
  if (!resolved) return notFound;
  try {
    return { status: 200, headers: appResponseHeaders(resolved.contentType), body: await readFile(resolved.file) };
  } catch {
    return notFound;
  }
}

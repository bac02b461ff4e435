// Serves the packaged renderer over `app://ui/`: resolves request URLs to files inside one folder, refusing traversal.
import path from 'node:path';

/** The origin the UI is served from. */
export const appOrigin = 'app://ui';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
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

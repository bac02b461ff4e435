// Checks that a Markdown page is true to the files beside it: relative links resolve (file and heading), and repo paths
// written in backticks exist. Plain functions over real files, so the docs test can also run them on a page made to fail.
import fs from 'node:fs';
import path from 'node:path';

/** The top-level folders whose paths the docs name; a backticked token starting with one of these must exist. */
export const repoPathPrefixes = ['src-main/', 'src-preload/', 'src-renderer/', 'test/', 'resources/', 'docs/', '.github/', '.ci/'] as const;

/** The Markdown files the checks cover under a root: README.md and every page under docs/. */
export function markdownFiles(root: string): string[] {
  const docs = path.join(root, 'docs');
  const pages = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.md'))
        .map((e) => path.join(e.parentPath, e.name))
    : [];
  return [path.join(root, 'README.md'), ...pages.sort()];
}

/** A page split into its prose (fenced blocks blanked out) and its fenced shell blocks. */
function splitFences(text: string): { prose: string; shell: string[] } {
  const shell: string[] = [];
  const prose = text.replace(/^```(\w*)[^\n]*\n([\s\S]*?)^```[^\n]*$/gm, (_all, lang: string, body: string) => {
    if (['sh', 'bash', 'shell'].includes(lang)) shell.push(body);
    return '';
  });
  return { prose, shell };
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a page's headings make (a repeated heading gets -1, -2...). */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of splitFences(fs.readFileSync(file, 'utf8')).prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Relative links of a page that point at a missing file or heading, as "target (why)". External links are not followed. */
export function brokenLinks(file: string): string[] {
  const prose = splitFences(fs.readFileSync(file, 'utf8')).prose.replace(/`[^`\n]*`/g, '');
  const broken: string[] = [];
  for (const match of prose.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = filePart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(filePart));
    if (!fs.existsSync(resolved)) broken.push(`${target} (no such file)`);
    else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${target} (no such heading)`);
  }
  return broken;
}

/** The repo paths a page names: tokens of inline code spans and of shell blocks that start with a known top-level folder. */
export function repoPathsOf(file: string): string[] {
  const { prose, shell } = splitFences(fs.readFileSync(file, 'utf8'));
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const tokens = [...spans, ...shell].flatMap((text) => text.split(/\s+/));
  const paths = tokens
    .map((t) => t.replace(/^\.\//, '').replace(/[,.;:)]+$/, ''))
    .filter((t) => repoPathPrefixes.some((prefix) => t.startsWith(prefix)))
    .filter((t) => !/[<>{}$]/.test(t)); // a placeholder such as src-main/services/<domain>/ names no one file
  return [...new Set(paths)];
}

/** True when a repo path exists under root; a glob (`*`, `**`) must match at least one file or folder. */
export function repoPathExists(root: string, repoPath: string): boolean {
  if (!repoPath.includes('*')) return fs.existsSync(path.join(root, repoPath));
  const parts = repoPath.split('/');
  const firstGlob = parts.findIndex((part) => part.includes('*'));
  const base = path.join(root, ...parts.slice(0, firstGlob));
  if (!fs.existsSync(base)) return false;
  const pattern = globPattern(parts.slice(firstGlob).join('/'));
  return fs
    .readdirSync(base, { recursive: true, withFileTypes: true })
    .some((e) => pattern.test(path.relative(base, path.join(e.parentPath, e.name)).split(path.sep).join('/')));
}

/** A glob as a regular expression: `**` and a slash match any folders (or none), `*` any characters but a slash. */
function globPattern(glob: string): RegExp {
  const source = glob
    .split('**/')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${source}/?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The repo paths a page names that do not exist under root. */
export function missingRepoPaths(root: string, file: string): string[] {
  return repoPathsOf(file).filter((p) => !repoPathExists(root, p));
}

// What must never ship inside app.asar, anywhere in it (nested node_modules too): the rules check-package.ts applies to the real archive.

/** Packages keytar declares only to fetch or compile its .node at install time (prebuild-install's own tree included). */
export const keytarBuildOnly = [
  'prebuild-install',
  'node-addon-api',
  'tar-fs',
  'tar-stream',
  'node-abi',
  'napi-build-utils',
  'expand-template',
  'github-from-package',
  'tunnel-agent',
  'simple-get',
  'detect-libc',
];

/** Build-only packages that must never ship (bundlers, compilers, test tools, Electron's npm package, the packager). */
export const buildTools = [
  'esbuild',
  '@esbuild',
  'vite',
  'rolldown',
  '@rolldown',
  'svelte',
  'svelte-i18n',
  'svelte-check',
  '@sveltejs',
  'typescript',
  'electron-vite',
  'vitest',
  '@vitest',
  'playwright',
  'playwright-core',
  '@playwright',
  'electron',
  'electron-builder',
  'app-builder-lib',
  'tsx',
  'jsdom',
];

/** Folder names that hold tests, and file names that are tests. */
const testFolders = new Set(['test', 'tests', '__tests__', '__mocks__', 'spec', '__fixtures__']);
const testFile = /\.(test|spec)\.[cm]?[jt]sx?$/;
/** Native build inputs and leftovers (only the compiled .node is needed at run time). */
const nativeBuildFile = /(^|\/)(binding\.gyp|Makefile|config\.gypi|[^/]+\.(gyp|gypi|mk|cc|cpp|cxx|h|hpp|o))$|\/obj(\.target)?\//;

/** The package names in a path, outermost first: /node_modules/a/node_modules/@s/b/x.js -> ['a', '@s/b']. */
export function packagesInPath(entry: string): string[] {
  return [...entry.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]!);
}

/** Why an archive entry (a path from the asar root, starting with '/') must not ship, or null when it may. */
export function forbiddenReason(entry: string): string | null {
  const segments = entry.split('/').filter(Boolean);
  const name = segments.at(-1) ?? '';
  const packages = packagesInPath(entry);
  const buildOnly = packages.find((p) => keytarBuildOnly.includes(p));
  if (buildOnly) return `keytar's install-only dependency ${buildOnly}`;
  const tool = packages.find((p) => buildTools.includes(p));
  if (tool) return `build tool ${tool}`;
  if (/\.[cm]?tsx?$/.test(name)) return 'TypeScript source or declaration';
  if (name.endsWith('.map')) return 'source map';
  if (testFile.test(name) || segments.slice(0, -1).some((s) => testFolders.has(s))) return 'test';
  if (/\.(md|markdown)$/i.test(name) && !/^(licen[cs]e|copying|notice)/i.test(name)) return 'documentation';
  if (nativeBuildFile.test(entry)) return 'native build input or leftover';
  if (segments[0] === 'src' || segments[0] === 'test') return 'project source or test folder';
  return null;
}

/** Every forbidden entry with its reason, grouped: reason -> entries. */
export function forbiddenEntries(entries: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of entries) {
    const reason = forbiddenReason(entry);
    if (reason !== null) found.set(reason, [...(found.get(reason) ?? []), entry]);
  }
  return found;
}

// The README and docs/ stay true to the repository: a README a newcomer reads in five minutes (under 10 KB), relative
// links that resolve, repo paths in backticks that exist, and an architecture page that names every service of main.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenLinks, headingAnchor, markdownFiles, missingRepoPaths, repoPathsOf } from './markdown-checks';

const repo = path.resolve(import.meta.dirname, '../../..');

/** The README's budget: 10 KB. What does not fit belongs in docs/. */
const readmeMaxBytes = 10_000;

/** The pages the README sends a newcomer to. */
const docPages = ['architecture', 'security', 'command-line', 'testing', 'packaging-and-release', 'cloudmc-api'].map((p) => `docs/${p}.md`);

const relative = (file: string): string => path.relative(repo, file);

describe('README.md', () => {
  it(`is under ${readmeMaxBytes.toLocaleString('en-US')} bytes`, () => {
    expect(fs.statSync(path.join(repo, 'README.md')).size).toBeLessThan(readmeMaxBytes);
  });

  it('links every page of docs/', () => {
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(docPages.filter((page) => !readme.includes(`](${page})`))).toEqual([]);
  });
});

describe('README.md and docs/', () => {
  const files = markdownFiles(repo);

  it('cover README.md and every docs page', () => {
    expect(files.map(relative)).toEqual(expect.arrayContaining(['README.md', ...docPages]));
  });

  it('have no relative link to a missing file or heading', () => {
    expect(files.flatMap((f) => brokenLinks(f).map((b) => `${relative(f)}: ${b}`))).toEqual([]);
  });

  it('name only repo paths that exist', () => {
    expect(files.flatMap((f) => repoPathsOf(f)).length).toBeGreaterThan(50);
    expect(files.flatMap((f) => missingRepoPaths(repo, f).map((p) => `${relative(f)}: ${p}`))).toEqual([]);
  });

  it('docs/architecture.md names every service folder of src-main/services', () => {
    const page = fs.readFileSync(path.join(repo, 'docs/architecture.md'), 'utf8');
    const folders = fs
      .readdirSync(path.join(repo, 'src-main/services'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src-main/services/${e.name}/`);
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !page.includes(`\`${folder}\``))).toEqual([]);
  });
});

describe('the checks themselves, on a page made to fail', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-docs-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'docs'));
  fs.mkdirSync(path.join(root, 'src-main/services/store'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src-main/services/store/json-store.ts'), '');
  fs.writeFileSync(path.join(root, 'docs/guide.md'), '# Guide\n\n## Beside the app\n');
  fs.writeFileSync(
    path.join(root, 'README.md'),
    [
      'See [the guide](docs/guide.md), [its part](docs/guide.md#beside-the-app), [gone](docs/gone.md), [wrong part](docs/guide.md#nowhere)',
      'and [the site](https://example.com/x.md).',
      'Real: `src-main/services/store/json-store.ts`, `src-main/services/store/*.ts`, `src-main/**/*-store.ts`, `npx tsx src-main/services/store/json-store.ts`.',
      'Missing: `src-main/services/store/key-cache.ts`, `test/unit/nothing.test.ts`, `src-main/**/*.svelte`; a placeholder: `src-main/services/<domain>/`.',
      '```sh',
      'bash test/missing.sh',
      '```',
    ].join('\n'),
  );
  const readme = path.join(root, 'README.md');

  it('reports a link to a missing file or heading, and only those', () => {
    expect(brokenLinks(readme)).toEqual(['docs/gone.md (no such file)', 'docs/guide.md#nowhere (no such heading)']);
  });

  it('reports a backticked repo path that does not exist, in prose and in shell blocks, and only those', () => {
    expect(missingRepoPaths(root, readme).sort()).toEqual([
      'src-main/**/*.svelte',
      'src-main/services/store/key-cache.ts',
      'test/missing.sh',
      'test/unit/nothing.test.ts',
    ]);
  });

  it("makes GitHub's heading anchors", () => {
    expect(headingAnchor('Beside the desktop app')).toBe('beside-the-desktop-app');
    expect(headingAnchor('`keys list --profile P [--offline] [--json]`')).toBe('keys-list---profile-p---offline---json');
  });
});

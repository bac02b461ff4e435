// The project metadata the packages are built from (issue 20, item 8): without a homepage `electron-builder --linux deb` stops with
// "Please specify project homepage"; the deb and rpm carry the licence, and the repository is where releases and updates are published.
// test/packaging/check-package.ts runs electron-builder's own deb and rpm targets with it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  license?: string;
  homepage?: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
  author?: { name: string; email: string };
};

describe('package.json metadata', () => {
  it('names a homepage, the GitHub repository, where to report bugs, and an author with an email (the deb maintainer)', () => {
    const repository = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(manifest.repository?.url ?? '');
    expect(repository, 'repository.url is a GitHub git URL (electron-builder derives the release feed from it)').not.toBeNull();
    const web = `https://github.com/${repository![1]}/${repository![2]}`;
    expect(manifest.repository?.type).toBe('git');
    expect(manifest.homepage).toBe(`${web}#readme`);
    expect(manifest.bugs?.url).toBe(`${web}/issues`);
    expect(manifest.author?.email).toMatch(/@/);
  });

  it('is MIT licensed, with the licence text beside it naming the copyright holders', () => {
    expect(manifest.license).toBe('MIT');
    const licence = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} CloudMC Credentials maintainers\n/);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});

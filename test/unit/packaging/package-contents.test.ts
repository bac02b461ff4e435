// The rules the packaging proof applies to every app.asar entry (issue 20, item 7): no TypeScript, no tests, no docs, no source maps, no
// native build leftovers and none of keytar's install-only dependencies, at any depth; and the list of shipped packages behind them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenEntries, forbiddenReason, keytarBuildOnly, packagesInPath } from '../../packaging/package-contents';
import { installOnlyDependencies, packagesLeftOut, runtimeExternals } from '../../../resources/packaging/shipped-modules.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
/** Each entry gets `reason` (null: it may ship). */
const expectReason = (entries: string[], reason: string | null): void => {
  for (const entry of entries) expect(forbiddenReason(entry), entry).toBe(reason);
};

describe('what may not ship in app.asar', () => {
  it('refuses TypeScript sources and declarations anywhere, not only at the top level', () => {
    expectReason(
      ['/node_modules/zod/src/v4/core/core.ts', '/node_modules/zod/v4/index.d.cts', '/node_modules/a/node_modules/b/lib/x.mts', '/src-main/index.ts'],
      'TypeScript source or declaration',
    );
  });

  it('refuses test files and test folders at any depth (zod shipped 197 of them)', () => {
    expectReason(
      [
        '/node_modules/zod/src/v4/classic/tests/string.test.js',
        '/node_modules/x/__tests__/a.js',
        '/node_modules/x/lib/a.spec.mjs',
        '/node_modules/x/node_modules/y/test/fixture.json',
      ],
      'test',
    );
  });

  it("refuses keytar's install-only dependencies wherever they sit, and any build tool", () => {
    expect(forbiddenReason('/node_modules/prebuild-install/index.js')).toBe("keytar's install-only dependency prebuild-install");
    expect(forbiddenReason('/node_modules/keytar/node_modules/node-addon-api/napi.h')).toBe("keytar's install-only dependency node-addon-api");
    expect(forbiddenReason('/node_modules/tar-fs/index.js')).toBe("keytar's install-only dependency tar-fs");
    expect(forbiddenReason('/node_modules/vite/dist/node/index.js')).toBe('build tool vite');
    expect(keytarBuildOnly).toEqual(expect.arrayContaining(installOnlyDependencies));
  });

  it('refuses source maps, Markdown docs and native build inputs', () => {
    expect(forbiddenReason('/out/main/index.js.map')).toBe('source map');
    expect(forbiddenReason('/node_modules/semver/README.md')).toBe('documentation');
    expect(forbiddenReason('/node_modules/keytar/binding.gyp')).toBe('native build input or leftover');
    expect(forbiddenReason('/node_modules/keytar/src/keytar_posix.cc')).toBe('native build input or leftover');
    expect(forbiddenReason('/node_modules/keytar/build/Release/obj.target/keytar/src/main.o')).toBe('native build input or leftover');
  });

  it('lets the app, its licences and its run-time packages through', () => {
    expectReason(
      [
        '/package.json',
        '/out/main/index.js',
        '/out/renderer/assets/index-abc.js',
        '/node_modules/keytar/build/Release/keytar.node',
        '/node_modules/keytar/LICENSE.md',
        '/node_modules/ms/license.md',
        '/node_modules/electron-updater/out/main.js',
        '/node_modules/semver/functions/satisfies.js',
      ],
      null,
    );
  });

  it('groups what it found by reason', () => {
    const found = forbiddenEntries(['/out/main/index.js', '/node_modules/zod/src/a.ts', '/node_modules/zod/src/b.ts', '/node_modules/rc/index.js']);
    expect([...found.keys()]).toEqual(['TypeScript source or declaration']);
    expect(found.get('TypeScript source or declaration')).toHaveLength(2);
    expect(packagesInPath('/node_modules/a/node_modules/@s/b/x.js')).toEqual(['a', '@s/b']);
  });
});

describe('the packages the app loads at run time (resources/packaging/shipped-modules.mjs)', () => {
  const leftOut = packagesLeftOut(root);

  it('leaves out what main bundles (zod, electron-store, conf and ajv) and what keytar needs only to install', () => {
    expect(leftOut).toEqual(expect.arrayContaining(['zod', 'electron-store', 'conf', 'ajv', 'prebuild-install', 'node-addon-api', 'tar-fs', 'rc']));
  });

  it('keeps every run-time package and what they need at run time', () => {
    for (const name of [...runtimeExternals, 'semver', 'js-yaml', 'builder-util-runtime', 'fs-extra']) expect(leftOut).not.toContain(name);
  });

  it('names only installed production packages (every run-time external is a dependency of package.json)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of runtimeExternals) expect(Object.keys(manifest.dependencies)).toContain(name);
    for (const name of leftOut) expect(fs.existsSync(path.join(root, 'node_modules', name, 'package.json')), name).toBe(true);
  });
});

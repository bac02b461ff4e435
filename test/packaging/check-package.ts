// Packaging proof (a step of `npm test`): builds, packages the Linux `dir` target with electron-builder over a stub Electron, checks the
// packaged file set, fuses and size, boots the packaged main under the fake Electron (the desktop app, then `--cli`), plans the deb and
// rpm with electron-builder's own targets (metadata, maintainer scripts), and validates the release workflow.
// Run: npx tsx test/packaging/check-package.ts   (KEEP_PACKAGE=1 keeps the temp folder)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { validateWorkflow } from '@action-validator/core';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { fuseSettings } from '../../src-main/packaging/fuses';
import { packagesShipped, runtimeExternals } from '../../resources/packaging/shipped-modules.mjs';
import { planLinuxPackages } from './linux-targets';
import { renderTemplate } from './maintainer-scripts';
import { forbiddenEntries, packagesInPath } from './package-contents';
import { makeStubElectronDist } from './stub-electron-dist';

const root = path.resolve(import.meta.dirname, '../..');
const configFile = 'resources/electron-builder.config.mjs';
const workflowFile = '.github/workflows/release.yml';
/** The app's share of the package (app.asar + app.asar.unpacked), without Electron itself: 2.95 MB today (9.5 MB before main bundled zod). */
const sizeBudgetBytes = 4 * 1024 * 1024;

let failures = 0;
const check = (okay: boolean, what: string): void => {
  console.log(`  ${okay ? 'ok  ' : 'FAIL'} ${what}`);
  if (!okay) failures += 1;
};
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const step = (title: string): void => console.log(`\n-- ${title}`);

/** Runs a command in the project folder; on failure prints its output and exits (unless `mayFail`: then the caller checks the status). */
function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; show?: boolean; mayFail?: boolean } = {},
): { output: string; stdout: string; status: number | null } {
  const result = spawnSync(cmd, args, {
    cwd: root,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    stdio: opts.show ? ['ignore', 'inherit', 'inherit'] : 'pipe',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 && !opts.mayFail) {
    if (!opts.show) console.error(output);
    console.error(`FAIL: ${cmd} ${args.join(' ')} exited ${result.status ?? result.signal}`);
    process.exit(1);
  }
  return { output, stdout: result.stdout ?? '', status: result.status };
}

/** Total size of the files under a folder. */
function folderSize(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}

const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-package-'));
try {
  step('build (electron-vite)');
  run(path.join(root, 'node_modules/.bin/electron-vite'), ['build']);
  check(
    ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(root, f))),
    'out/main, out/preload, out/renderer built',
  );

  step(`package: electron-builder --linux dir (${configFile}) over a stub electronDist`);
  const stub = makeStubElectronDist(path.join(tmp, 'electron-dist'));
  const output = path.join(tmp, 'dist');
  const { output: log } = run(path.join(root, 'node_modules/.bin/electron-builder'), [
    '--config',
    configFile,
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${stub}`,
    `-c.directories.output=${output}`,
  ]);
  const appOut = path.join(output, 'linux-unpacked');
  const archive = path.join(appOut, 'resources/app.asar');
  const unpacked = `${archive}.unpacked`;
  check(
    /afterPack|packaging/.test(log) && fs.existsSync(archive),
    `packaged into ${path.relative(tmp, appOut)} (electron-builder ${/version=(\S+)/.exec(log)?.[1] ?? '?'})`,
  );

  step('packaged file set');
  const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  const files = entries.filter((e) => !Object.hasOwn(asar.statFile(archive, e.slice(1)), 'files'));
  for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'])
    check(entries.includes(f), `app.asar holds ${f}`);
  check(
    entries.some((e) => /^\/out\/renderer\/assets\/.+\.js$/.test(e)) && entries.some((e) => /^\/out\/renderer\/assets\/.+\.css$/.test(e)),
    'app.asar holds the renderer assets (js, css)',
  );
  const topLevel = [...new Set(entries.map((e) => e.split('/')[1]))].sort();
  check(
    JSON.stringify(topLevel) === JSON.stringify(['node_modules', 'out', 'package.json']),
    `top level of app.asar is only out/, node_modules/, package.json: ${topLevel.join(', ')}`,
  );
  const forbidden = forbiddenEntries(files);
  check(
    forbidden.size === 0,
    `nothing that must not ship, at any depth (TypeScript, tests, docs, source maps, native build files, keytar's install-only dependencies, build tools)${[
      ...forbidden,
    ]
      .map(([reason, found]) => `\n         ${reason}: ${found.length} (${found.slice(0, 3).join(', ')}${found.length > 3 ? ', ...' : ''})`)
      .join('')}`,
  );
  const modules = [...new Set(entries.flatMap(packagesInPath))].sort();
  const expectedModules = packagesShipped(root);
  check(
    JSON.stringify(modules) === JSON.stringify(expectedModules),
    `node_modules holds only what main loads at run time (${runtimeExternals.join(', ')}) and their run-time dependencies: ${modules.length} packages${
      JSON.stringify(modules) === JSON.stringify(expectedModules)
        ? ''
        : `; extra: ${modules.filter((m) => !expectedModules.includes(m)).join(', ') || '-'}; missing: ${expectedModules.filter((m) => !modules.includes(m)).join(', ') || '-'}`
    }`,
  );
  const mainBundle = files.filter((f) => f.startsWith('/out/main/')).map((f) => asar.extractFile(archive, f.slice(1)).toString());
  const importsOf = (name: string): boolean => mainBundle.some((code) => new RegExp(`from ["']${name}["']|import\\(["']${name}["']\\)`).test(code));
  check(
    ['zod', 'electron-store', 'conf'].every((m) => !modules.includes(m) && !importsOf(m)),
    'zod, electron-store and conf are bundled into out/main (neither imported from node_modules nor shipped there)',
  );
  const nativeInside = files.filter((f) => f.endsWith('.node'));
  const keytarNode = '/node_modules/keytar/build/Release/keytar.node';
  check(
    nativeInside.length > 0 && nativeInside.every((f) => asar.statFile(archive, f.slice(1)).unpacked === true),
    `every .node is unpacked: ${nativeInside.join(', ')}`,
  );
  check(fs.existsSync(path.join(unpacked, keytarNode)), `keytar's native module is in app.asar.unpacked${keytarNode}`);
  const packagedJson = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as Record<string, unknown>;
  check(
    packagedJson['main'] === 'out/main/index.js' && !('devDependencies' in packagedJson) && !('scripts' in packagedJson),
    'packaged package.json: main out/main/index.js, no scripts, no devDependencies',
  );
  const locales = fs.readdirSync(path.join(appOut, 'locales')).sort();
  check(JSON.stringify(locales) === JSON.stringify(['en-US.pak', 'es.pak', 'fr.pak']), `Electron locales kept: ${locales.join(', ')}`);

  step('fuses (applied by resources/packaging/after-pack.mjs, read back from the packaged executable)');
  const wire = (await getCurrentFuseWire(path.join(appOut, 'cloudmc-credentials'))) as unknown as Record<string, number>;
  const states = Object.entries(fuseSettings).map(([i, on]) => ({ name: FuseV1Options[Number(i)], on, actual: wire[i] === 0x31 }));
  check(
    states.every((s) => s.on === s.actual),
    `fuses: ${states.map((s) => `${s.name}=${s.actual ? 'on' : 'off'}`).join(', ')}`,
  );

  step('size');
  const asarSize = fs.statSync(archive).size;
  const unpackedSize = folderSize(unpacked);
  const appSize = asarSize + unpackedSize;
  console.log(
    `     app.asar ${mb(asarSize)} + app.asar.unpacked ${mb(unpackedSize)} = ${mb(appSize)} (budget ${mb(sizeBudgetBytes)}); ${files.length} files in the archive`,
  );
  check(appSize <= sizeBudgetBytes, `the app's share of the package is within the ${mb(sizeBudgetBytes)} budget`);

  step('boot the packaged main bundle under the fake Electron (no D-Bus: keytar must report the keychain unavailable)');
  const appDir = path.join(tmp, 'app');
  asar.extractAll(archive, appDir);
  const userData = path.join(tmp, 'userData');
  fs.mkdirSync(userData);
  const env = { ...process.env };
  delete env['DBUS_SESSION_BUS_ADDRESS'];
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'test/packaging/boot-packaged.ts'), appDir, userData], { env, show: true });

  step('the packaged command line (`cloudmc-credentials --cli ...`) under the fake Electron, on the data the desktop boot left');
  const cli = (...args: string[]) =>
    run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'test/packaging/boot-cli.ts'), appDir, userData, '--cli', ...args], {
      env,
      mayFail: true,
    });
  const version = cli('--version');
  check(
    version.status === 0 && version.stdout === `${packagedJson['version']}\n`,
    `--cli --version prints ${JSON.stringify(version.stdout)} and exits ${version.status}${version.status === 0 ? '' : `: ${version.output}`}`,
  );
  const profiles = cli('profiles', 'list');
  check(
    profiles.status === 0 && /^Packaged\s/m.test(profiles.stdout),
    `--cli profiles list exits ${profiles.status} and lists the profile the desktop boot added: ${profiles.output.trim().split('\n').join(' | ')}`,
  );

  step('the `cloudmc` command: resources/bin/cloudmc in the package, through a /usr/bin-style link, with no display, to the packaged --cli');
  const packagedLauncher = path.join(appOut, 'resources/bin/cloudmc');
  check(
    fs.existsSync(packagedLauncher) && (fs.statSync(packagedLauncher).mode & 0o111) !== 0,
    'resources/bin/cloudmc is in the package, executable (after-install.sh links /usr/bin/cloudmc to it)',
  );
  // A copy of the installed folder whose app binary (the stub here) is replaced by the packaged main under the fake Electron: the
  // launcher's own switches and `--cli` reach main as Electron would pass them.
  const install = path.join(tmp, 'opt-copy');
  fs.mkdirSync(path.join(install, 'resources/bin'), { recursive: true });
  fs.copyFileSync(packagedLauncher, path.join(install, 'resources/bin/cloudmc'));
  fs.chmodSync(path.join(install, 'resources/bin/cloudmc'), fs.statSync(packagedLauncher).mode);
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const bootCli = path.join(root, 'test/packaging/boot-cli.ts');
  const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
  fs.writeFileSync(
    path.join(install, 'cloudmc-credentials'),
    `#!/bin/sh\nexec ${quote(tsx)} ${quote(bootCli)} ${quote(appDir)} ${quote(userData)} "$@"\n`,
    { mode: 0o755 },
  );
  fs.mkdirSync(path.join(tmp, 'usr-bin'));
  fs.symlinkSync(path.join(install, 'resources/bin/cloudmc'), path.join(tmp, 'usr-bin/cloudmc'));
  const viaPath = run(path.join(tmp, 'usr-bin/cloudmc'), ['profiles', 'list'], { env, mayFail: true });
  check(
    viaPath.status === 0 && /^Packaged\s/m.test(viaPath.stdout),
    `cloudmc profiles list (no DISPLAY) exits ${viaPath.status} and lists the profile: ${viaPath.output.trim().split('\n').join(' | ')}`,
  );

  step("deb and rpm as electron-builder's own targets plan them (over the packaged dir; fpm, a download, is not run)");
  const plans = await planLinuxPackages(appOut, path.join(tmp, 'linux-packages'));
  const repository = 'https://github.com/cloudmc-credentials/cloudmc-credentials';
  for (const target of ['deb', 'rpm'] as const) {
    const plan = plans.find((p) => p.target === target);
    check(
      plan?.options['url']?.startsWith(repository) === true &&
        plan.options['license'] === 'MIT' &&
        /<[^>]+@[^>]+>/.test(plan.options['maintainer'] ?? ''),
      `${target}: url ${plan?.options['url']}, license ${plan?.options['license']}, maintainer ${plan?.options['maintainer']}`,
    );
    const script = (file: string): string => renderTemplate(fs.readFileSync(path.join(root, 'resources/packaging/linux', file), 'utf8'));
    check(
      plan?.afterRemove === script('after-remove.sh') && plan.afterInstall === script('after-install.sh'),
      `${target}: its after-install and after-remove are resources/packaging/linux/*.sh as test/unit/packaging/after-remove.test.ts renders and runs them`,
    );
  }

  step(
    `release workflow (${workflowFile}) against GitHub's workflow schema (@action-validator/core; its rules: test/unit/packaging/release-workflow.test.ts)`,
  );
  const workflow = fs.readFileSync(path.join(root, workflowFile), 'utf8');
  // action-validator 0.6 (the latest) bundles a schema older than GitHub's `attestations` permission (2024): that one line is left out.
  const schemaChecked = workflow.replace(/^\s*attestations: write\b.*\n/gm, '');
  check(schemaChecked.length < workflow.length, 'the release job asks for the attestations permission (left out of the schema check only)');
  const validation = validateWorkflow(schemaChecked);
  check(validation.errors.length === 0, `schema-valid${validation.errors.length ? `: ${JSON.stringify(validation.errors, null, 1)}` : ''}`);
  check(validateWorkflow(schemaChecked.replace(/^jobs:/m, 'jobz:')).errors.length > 0, 'the same check refuses a copy with a misspelt key (jobz:)');
  check(/tags:\s*\n\s*-\s*['"]?v\*/.test(workflow), 'runs on tags v*');
} finally {
  if (process.env['KEEP_PACKAGE']) console.log(`\n(kept ${tmp})`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(
  `\npackaging proof: ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failures === 0 ? 0 : 1);

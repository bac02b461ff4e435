// electron-builder config for the installers (`npm run dist` builds the current OS's; the release workflow builds all three).
// Used as `electron-builder --config resources/electron-builder.config.mjs`; paths are relative to the project folder.
import path from 'node:path';
import { packagesLeftOut } from './packaging/shipped-modules.mjs';
import { macSigning, windowsSigning } from './packaging/signing.mjs';

const projectDir = path.resolve(import.meta.dirname, '..');

/** Electron-builder's defaults for the deb, with libsecret named for the keychain (keytar). */
const debDepends = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'];
/** Electron-builder's defaults for the rpm, plus libsecret. */
const rpmDepends = [
  'gtk3',
  'libnotify',
  'nss',
  'libXScrnSaver',
  '(libXtst or libXtst6)',
  'xdg-utils',
  'at-spi2-core',
  '(libuuid or libuuid1)',
  'libsecret',
];
/** deb/rpm scripts: link the launcher, pick the sandbox mode, install Electron's AppArmor profile (Ubuntu 24.04 restricts user namespaces). */
const linuxScripts = {
  afterInstall: 'resources/packaging/linux/after-install.sh',
  afterRemove: 'resources/packaging/linux/after-remove.sh',
  appArmorProfile: 'resources/packaging/linux/apparmor-profile',
};
/** The `cloudmc` command, in the app's resources/bin: a shell launcher on Linux and macOS (linked onto PATH by after-install.sh and the
 * macOS menu), a .cmd shim on Windows (its folder put on the user's PATH by the NSIS include). Each runs the app's binary with `--cli`. */
const commandLauncher = { from: 'resources/packaging/bin/cloudmc', to: 'bin/cloudmc' };

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'com.cloudmc.credentials',
  productName: 'CloudMC Credentials',
  copyright: 'Copyright © 2026 CloudMC Credentials maintainers',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only the build output; electron-builder adds package.json and the production dependencies (never a devDependency), of which only
  // what main loads at run time stays (resources/packaging/shipped-modules.mjs): the rest is bundled into out/main or install-only.
  files: [
    'out/**/*',
    '!**/*.map',
    // The checkout's command-line bundle (`npm run cli`): the packaged app's `--cli` runs inside out/main.
    '!out/cli{,/**}',
    ...packagesLeftOut(projectDir).map((name) => `!**/node_modules/${name}{,/**}`),
    // keytar's build leftovers: only build/Release/keytar.node is needed at run time.
    '!**/node_modules/keytar/{src,binding.gyp}',
    '!**/node_modules/keytar/build/{Makefile,config.gypi,*.mk}',
    '!**/node_modules/keytar/build/Release/{.deps,obj.target,obj}/**',
    // Sources, type declarations, docs and tests that packages publish beside their code (their licence files stay).
    '!**/node_modules/**/*.{ts,mts,cts}',
    '!**/node_modules/**/{README,Readme,readme,CHANGELOG,Changelog,changelog,HISTORY,History,history,CONTRIBUTING,AUTHORS,SECURITY}.{md,markdown}',
    '!**/node_modules/**/{test,tests,__tests__,docs,doc,example,examples}/**',
  ],
  asar: true,
  // A native module cannot be loaded from inside the archive: keytar's .node goes to app.asar.unpacked.
  asarUnpack: ['**/*.node'],
  // keytar uses N-API: the binary npm built works in Electron as is, so no rebuild against Electron's headers (a download).
  npmRebuild: false,
  // The one place fuses are flipped (docs/security.md 9): this hook applies src-main/packaging/fuses.ts and reads them back.
  afterPack: 'resources/packaging/after-pack.mjs',
  electronLanguages: ['en-US', 'fr', 'es'],
  // Updates (electron-updater) come from this project's GitHub Releases: electron-builder writes app-update.yml into the app and
  // latest*.yml (versions, file names, sha512) beside the installers; owner and repo come from package.json's `repository`.
  publish: [{ provider: 'github', releaseType: 'release' }],

  linux: {
    target: ['deb', 'rpm', 'AppImage'],
    executableName: 'cloudmc-credentials',
    icon: 'resources/icons/png',
    category: 'Utility',
    synopsis: 'Manage CloudMC API keys with the OS keychain',
    description: 'A desktop app to list, generate, rename and revoke CloudMC API keys, storing copies in the OS keychain.',
    maintainer: 'CloudMC Credentials maintainers <maintainers@cloudmc-credentials.invalid>',
    desktop: { entry: { StartupWMClass: 'CloudMC Credentials' } },
    extraResources: [commandLauncher],
  },
  deb: { depends: debDepends, ...linuxScripts },
  rpm: { depends: rpmDepends, ...linuxScripts },
  // An AppImage cannot install an AppArmor profile: on Ubuntu 24.04 it starts only with --no-sandbox (see docs/packaging-and-release.md).
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  mac: {
    // The zip is what electron-updater installs on macOS (Squirrel.Mac); the dmg is for a first install.
    target: ['dmg', 'zip'],
    icon: 'resources/icons/icon.icns',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/packaging/mac/entitlements.mac.plist',
    entitlementsInherit: 'resources/packaging/mac/entitlements.mac.plist',
    // Signed with the Developer ID in CSC_LINK (the release workflow's macOS job); an unsigned build then fails (signing.mjs).
    ...macSigning(process.env),
    extraResources: [commandLauncher],
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  // Signed with Azure Trusted Signing or the .pfx in CSC_LINK (the release workflow's Windows job); an unsigned build then fails (signing.mjs).
  win: {
    target: 'nsis',
    icon: 'resources/icons/icon.ico',
    ...windowsSigning(process.env),
    extraResources: [{ from: 'resources/packaging/bin/cloudmc.cmd', to: 'bin/cloudmc.cmd' }],
  },
  // Per user, with the usual wizard (the user may pick the folder); no admin rights needed.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerIcon: 'resources/icons/icon.ico',
    uninstallerIcon: 'resources/icons/icon.ico',
    artifactName: '${productName}-Setup-${version}.${ext}',
    // Adds $INSTDIR\resources\bin (cloudmc.cmd) to the user's PATH on install, takes it out on uninstall.
    include: 'resources/packaging/win/installer.nsh',
  },
};

// electron-builder `afterPack` hook: flips the Electron fuses (docs/security.md 9) in the packaged binary before it is signed.
// Wire it in electron-builder's config: "afterPack": "resources/packaging/after-pack.mjs". The fuse list lives in src-main/packaging/fuses.ts.
import { register } from 'tsx/esm/api';

/** Called by electron-builder with its pack context. */
export default async function afterPack(context) {
  const unregister = register();
  try {
    const { applyFuses, packagedBinaryPath } = await import('../../src-main/packaging/fuses.ts');
    const platform = context.electronPlatformName;
    const binary = packagedBinaryPath(context.appOutDir, platform, context.packager.appInfo.productFilename, context.packager.executableName);
    // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches after the fuse bytes change.
    await applyFuses(binary, { resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 /* Arch.arm64 */ });
  } finally {
    await unregister();
  }
}

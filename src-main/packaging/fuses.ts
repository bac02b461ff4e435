// Electron fuses for the packaged app (docs/security.md 9): flipped in the binary at packaging time, then read back and checked.
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The fuse states the packaged app ships with (true = on). */
export const fuseSettings: Readonly<Record<FuseV1Options, boolean>> = {
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain node
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS=--require evil.js
  [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect / --inspect-brk would open a debugger on main
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true, // no loading an unpacked app folder placed next to the binary
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // the UI is served over app://, file:// needs nothing extra
};

/** The byte @electron/fuses writes for an on / off fuse ('1' / '0'). */
const fuseByte = { on: 0x31, off: 0x30 } as const;

/**
 * Flips the fuses in a packaged Electron binary (the executable on Linux/Windows, the `.app` bundle on macOS),
 * then reads the wire back and throws unless every configured fuse has the intended state.
 * Not strict about fuses newer than this @electron/fuses knows (they keep Electron's default), so an Electron upgrade cannot break packaging.
 */
export async function applyFuses(binaryPath: string, opts: { resetAdHocDarwinSignature?: boolean } = {}): Promise<void> {
  await flipFuses(binaryPath, { version: FuseVersion.V1, resetAdHocDarwinSignature: opts.resetAdHocDarwinSignature ?? false, ...fuseSettings });
  const wire = await getCurrentFuseWire(binaryPath);
  const wrong = Object.entries(fuseSettings).filter(
    ([index, on]) => (wire as unknown as Record<string, number>)[index] !== (on ? fuseByte.on : fuseByte.off),
  );
  if (wrong.length > 0) throw new Error(`fuses not set in ${binaryPath}: ${wrong.map(([i]) => FuseV1Options[Number(i)]).join(', ')}`);
}

/** The file the fuses live in, for an electron-builder output folder, platform and executable name. */
export function packagedBinaryPath(appOutDir: string, platform: string, productFilename: string, executableName: string): string {
  if (platform === 'darwin' || platform === 'mas') return `${appOutDir}/${productFilename}.app`;
  if (platform === 'win32') return `${appOutDir}/${productFilename}.exe`;
  return `${appOutDir}/${executableName}`;
}

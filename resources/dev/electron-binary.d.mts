// Types for electron-binary.mjs, so TypeScript (the Electron scenarios, tests) can import it.

/** node_modules/electron of this checkout. */
export declare const electronPackageDir: string;
/** The one line every Electron scenario is skipped with when the binary is absent. */
export declare const binaryMissingReason: string;
/** The executable path, or null with the reason; never starts a download. */
export declare function electronBinary(
  packageDir?: string,
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): { path: string; reason: null } | { path: null; reason: string };

// Types for shipped-modules.mjs, so TypeScript (electron.vite.config.ts, the packaging tests) can import it.

/** Packages main loads from node_modules at run time. */
export declare const runtimeExternals: string[];
/** Dependencies keytar declares but needs only while npm installs it. */
export declare const installOnlyDependencies: string[];
/** The packages the app loads from node_modules at run time, by name. */
export declare function packagesShipped(root: string): string[];
/** The production packages electron-builder would copy that the app never loads. */
export declare function packagesLeftOut(root: string): string[];

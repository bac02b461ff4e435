// Types for build-cli.mjs, so TypeScript (electron.vite.config.ts, the tests, the bench) can import it.

/** The bundle's path under `root`: out/cli/cloudmc.mjs. */
export declare function cliBundlePath(root: string): string;
/** The folders and files the bundle is built from. */
export declare function cliSources(root: string): string[];
/** Bundles the command line into out/cli/cloudmc.mjs (each file replaced atomically; `clean` empties out/cli first); resolves with its path. */
export declare function buildCli(root: string, options?: { clean?: boolean }): Promise<string>;

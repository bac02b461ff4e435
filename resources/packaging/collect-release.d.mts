// Types for collect-release.mjs, so TypeScript tests can import it.

/** The name GitHub keeps for an uploaded file and electron-builder writes in the update feeds. */
export declare function releaseName(file: string): string;
/** Merges update feed `other` into `base` (same version). */
export declare function mergeUpdateFeeds(base: string, other: string): string;
/** Copies every downloaded file into `releaseDir` under its release name; returns the names. */
export declare function collectRelease(artifactsDir: string, releaseDir: string): string[];
/** Writes SHA256SUMS over every file in `releaseDir`; returns its text. */
export declare function writeChecksums(releaseDir: string): string;

// Until complete-names.ts (owned by another change) imports from the new modules: the two pieces it still takes from here.
export type { CommandEnv } from './command-env';
export { resolveProfile } from './resolve-names';

// Registers the loader hook that makes `import 'electron'` load the fake (call before importing the packaged main).
import { register } from 'node:module';

/** Registers hooks.mjs for every import from now on. */
export function useFakeElectron(): void {
  register('./hooks.mjs', import.meta.url);
}

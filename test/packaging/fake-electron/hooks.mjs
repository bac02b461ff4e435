// Node module loader hook (registered with `module.register`): resolves the bare specifier `electron` to the recording fake.
const fakeUrl = new URL('./electron.ts', import.meta.url).href;

/** Sends `import 'electron'` (from the packaged main, electron-store, anything) to the fake; every other specifier goes on as usual. */
export async function resolve(specifier, context, nextResolve) {
  // Resolved by the next hook (tsx's), so that it also loads the TypeScript file.
  if (specifier === 'electron') return nextResolve(fakeUrl, context);
  return nextResolve(specifier, context);
}

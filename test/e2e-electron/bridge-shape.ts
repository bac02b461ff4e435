// What `window.cloudmc` must look like, derived from the contract's own createBridge (src-preload/contract), not restated here.
import type { Page } from '@playwright/test';
import { createBridge } from '../../src-preload/contract/bridge';

type Tree = { [name: string]: unknown };

/** Every path in a bridge object with the type found there (`app.getState:function`), sorted. */
function pathsOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([name, value]) =>
      typeof value === 'object' && value !== null ? pathsOf(value as Tree, `${prefix}${name}.`) : [`${prefix}${name}:${typeof value}`],
    )
    .sort();
}

/** The bridge the contract builds, with each function's path and the channel it sends on. */
function contractBridge(): { paths: string[]; channelOf: Map<string, string> } {
  let sent = '';
  const bridge = createBridge(async (channel) => {
    sent = channel;
    return { ok: true, value: null } as never;
  }) as unknown as Tree;
  const channelOf = new Map<string, string>();
  const visit = (tree: Tree, prefix: string): void => {
    for (const [name, value] of Object.entries(tree)) {
      if (typeof value === 'function') {
        if (prefix === '' && name === 'on') continue; // `on` subscribes to events: it sends on no channel
        void (value as (input?: unknown) => Promise<unknown>)(undefined);
        channelOf.set(`${prefix}${name}`, sent);
      } else if (typeof value === 'object' && value !== null) visit(value as Tree, `${prefix}${name}.`);
    }
  };
  visit(bridge, '');
  return { paths: pathsOf(bridge), channelOf };
}

/** The paths and types `window.cloudmc` must have: exactly the contract's named functions. */
export function expectedBridgePaths(): string[] {
  return contractBridge().paths;
}

/** The paths and types `window.cloudmc` has in the page. */
export function pageBridgePaths(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // A loop, not a named inner function: whatever transpiles this test must not add helpers the page lacks.
    const found: string[] = [];
    const stack: [unknown, string][] = [[(globalThis as unknown as { cloudmc: unknown }).cloudmc, '']];
    while (stack.length > 0) {
      const [tree, prefix] = stack.pop()!;
      for (const [name, value] of Object.entries(tree as Record<string, unknown>)) {
        if (typeof value === 'object' && value !== null) stack.push([value, `${prefix}${name}.`]);
        else found.push(`${prefix}${name}:${typeof value}`);
      }
    }
    return found.sort();
  });
}

/** Calls the bridge function that reads the app state (channel `app:get-state` or `app:getState`) in the page; true when it answered ok. */
export function appStateAnswers(page: Page): Promise<boolean> {
  const path = [...contractBridge().channelOf].find(([, channel]) => /^app:get-?state$/i.test(channel))?.[0];
  if (!path) throw new Error('the contract has no app-state operation');
  return page.evaluate(async (names) => {
    const fn = names.reduce<unknown>(
      (node, name) => (node as Record<string, unknown>)[name],
      (globalThis as unknown as { cloudmc: unknown }).cloudmc,
    ) as () => Promise<{ ok: boolean }>;
    return (await fn()).ok;
  }, path.split('.'));
}

// Setup file of every test project: waits on a condition give up after 10 s instead of vitest's and Testing Library's 1 s.
// They end as soon as the condition holds, so a quiet machine is as fast as before; a loaded 2-core CI runner, where an
// event through the services and the App takes more than a second, no longer fails a test that would pass.
import { vi } from 'vitest';

const waitTimeoutMs = 10_000;
const vitestWaitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  vitestWaitFor(callback, typeof options === 'number' ? options : { timeout: waitTimeoutMs, ...options })) as typeof vi.waitFor;

if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/svelte');
  configure({ asyncUtilTimeout: waitTimeoutMs });
}

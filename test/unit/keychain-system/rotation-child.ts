// Child process for rotation-kill-sweep.test.ts: the real services on a data dir and the real Secret Service (the parent's private bus),
// starting one rotation. It prints one JSON line per event ("ready", then "started" with where the rotation got) and never exits by itself:
// the parent kills it with SIGKILL at the step under test.
import { createAppServices } from '../../../src-main/services/app-services';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import type { Grace } from '../../../src-preload/contract/rotation';
import { confBackend } from '../../web-host/host-services';

/** What the parent asks for. */
interface ChildOrder {
  dataDir: string;
  profileId: string;
  keyId: string;
  grace: Grace;
}

const say = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);

async function main(): Promise<void> {
  const order = JSON.parse(process.argv[2] ?? '{}') as ChildOrder;
  const app = await createAppServices({
    dataDir: order.dataDir,
    storeBackend: confBackend,
    keychain: createKeytarKeychain({ timeoutMs: 60_000 }),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: () => undefined },
    version: 'kill-sweep-child',
    clientOptions: { attempts: 1, timeoutMs: 60_000, deadlineMs: 60_000 },
    // The parent decides when time passes: this process never retires anything by itself.
    rotationTimers: { setTimeout: () => null, clearTimeout: () => undefined },
  });
  await app.rotationsResumed;
  say({ event: 'ready' });
  const started = await app.rotation.start({ profileId: order.profileId, keyId: order.keyId, grace: order.grace });
  say({ event: 'started', status: started.rotation.status });
  setInterval(() => undefined, 1 << 30); // stays until killed
}

main().catch((e: unknown) => {
  say({ event: 'error', message: e instanceof Error ? e.message : String(e) });
  setInterval(() => undefined, 1 << 30);
});

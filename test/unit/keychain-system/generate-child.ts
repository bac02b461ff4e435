// Child process for generate-kill.test.ts: the app's main-process services on a data dir and the real keychain, running one Generate
// as the key screen asks it (no keychain copy: the value is held in memory for the one-time notification). Prints `done <keyId>` once
// the Generate is handled, then stays up (holding the value) until killed.
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { createAppServices } from '../../../src-main/services/app-services';
import { confBackend } from '../../web-host/host-services';

async function main(): Promise<void> {
  const [dataDir, profileId, name] = process.argv.slice(2) as [string, string, string];
  const app = await createAppServices({
    dataDir,
    storeBackend: confBackend,
    keychain: createKeytarKeychain({ timeoutMs: 10_000 }),
    clipboard: { writeText: async () => {}, readText: async () => '', clear: () => {} },
    version: '0.0.0-generate-child',
    clientOptions: { attempts: 1, timeoutMs: 30_000 },
    generateCheckTimers: null,
  });
  const generated = await app.credentials.generate(profileId, name, false);
  process.stdout.write(`done ${generated.key.id}\n`);
  setInterval(() => undefined, 60_000); // the notification is open: the value stays in this process until it is killed
}

main().catch((e: unknown) => {
  process.stderr.write(`generate-child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

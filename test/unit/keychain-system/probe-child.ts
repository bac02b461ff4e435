// Child process for no-dbus.test.ts: probes the keytar keychain and runs createAppServices with it, printing one JSON line.
// Run by the test with an environment that has no D-Bus session and no display.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKeytarKeychain } from '../../../src-main/services/keychain/keytar-keychain';
import { createAppServices } from '../../../src-main/services/app-services';
import { confBackend } from '../../web-host/host-services';
import { SimState } from '../../cloudmc-sim/state';
import { seedDemo } from '../../cloudmc-sim/seed';
import { startSimulator } from '../../cloudmc-sim/server';

// conf with electron-store's mapping of `name` to `configName`.
const backend = confBackend;

async function main(): Promise<void> {
  const accessKey = process.argv[2] ?? 'no-dbus-child-access-key-0123456789';
  const probe = await createKeytarKeychain({ timeoutMs: 5000 }).probe();

  const state = new SimState();
  seedDemo(state, { apiKey: accessKey });
  const sim = await startSimulator({ state });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-nodbus-'));
  try {
    const app = await createAppServices({
      dataDir,
      storeBackend: backend,
      keychain: createKeytarKeychain({ timeoutMs: 5000 }),
      clipboard: { writeText: async () => {}, readText: async () => '', clear: () => {} },
      version: '0.0.0-no-dbus',
      clientOptions: { attempts: 1 },
    });
    const profile = await app.profiles.add({ name: 'No D-Bus', endpoint: sim.endpoint, apiKey: accessKey });
    const refreshed = await app.credentials.refresh(profile.id);
    const generated = await app.credentials.generate(profile.id, 'no-dbus-key', true);
    const onDisk = (fs.readdirSync(dataDir, { recursive: true }) as string[])
      .map((f) => path.join(dataDir, f))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const result = {
      env: { dbus: process.env['DBUS_SESSION_BUS_ADDRESS'] ?? null, display: process.env['DISPLAY'] ?? null },
      probe,
      keychainStatus: await app.keychainStatus(),
      profile,
      refreshedCount: refreshed.list?.keys.length ?? 0,
      generated: { storedInKeychain: generated.storedInKeychain, storeErrorCode: generated.storeError?.code ?? null },
      secretsOnDisk: onDisk.includes(accessKey) || onDisk.includes(generated.secret),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`probe-child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

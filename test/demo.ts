// `npm run demo`: a seeded CloudMC simulator plus the web host with a demo profile; prints the URL to open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from './cloudmc-sim/server';
import { SimState } from './cloudmc-sim/state';
import { seedDemo } from './cloudmc-sim/seed';
import { startWebHost } from './web-host/server';

const state = new SimState();
const { apiKey } = seedDemo(state);
const sim = await startSimulator({ state });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-demo-'));
const host = await startWebHost({ dataDir, rendererDir: path.resolve(import.meta.dirname, '../out/renderer'), keychain: 'memory' });
await host.services.profiles.add({ name: 'Acme (demo)', endpoint: sim.endpoint, apiKey });
console.log(host.url);
console.log(`CloudMC simulator: ${sim.endpoint}`);
console.log('Open the URL above in a browser. Ctrl+C stops the demo.');

const stop = (): void => {
  void Promise.all([host.close(), sim.close()]).then(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `npm run cli -- ...` from a checkout: the CLI under plain Node (tsx), with conf as the store backend (electron-store's own base, same files) and keytar.
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { createKeytarKeychain } from '../services/keychain/keytar-keychain';
import type { StoreBackendFactory } from '../services/store/json-store';
import { defaultDataDir } from './data-dir';
import { runCli } from './run-cli';

/** conf with electron-store's options: `name` becomes conf's `configName`, the folder is always given. */
const confBackend: StoreBackendFactory = (options) =>
  new Conf<Record<string, unknown>>({ ...options, configName: options.name, projectName: 'cloudmc-credentials' });

const version = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

process.exitCode = await runCli(process.argv.slice(2), {
  storeBackend: confBackend,
  keychain: () => createKeytarKeychain(),
  defaultDataDir: defaultDataDir(),
  version,
  program: 'npm run cli --',
  // A checkout may read a policy from a test's folder; the packaged app's --cli reads only the OS's managed place.
  policyFileOption: true,
});

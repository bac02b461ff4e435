// `npm run cli -- ...` from a checkout: the CLI under plain Node (the bundle out/cli/cloudmc.mjs, or tsx in tests), with conf as the
// store backend (electron-store's own base, same files) and keytar.
import fs from 'node:fs';
import path from 'node:path';
import type { StoreBackendFactory } from '../services/store/json-store';

const version = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

/** Runs one command with the services loaded (a chunk of its own in the bundle, loaded only here). */
async function runWithServices(args: string[]): Promise<number> {
  const [{ default: Conf }, { createKeytarKeychain }, { defaultDataDir }, { runCli }, { envProxyResolver }] = await Promise.all([
    import('conf'),
    import('../services/keychain/keytar-keychain'),
    import('./data-dir'),
    import('./run-cli'),
    import('./env-proxy'),
  ]);
  /** conf with electron-store's options: `name` becomes conf's `configName`, the folder is always given. */
  const confBackend: StoreBackendFactory = (options) =>
    new Conf<Record<string, unknown>>({ ...options, configName: options.name, projectName: 'cloudmc-credentials' });
  return runCli(args, {
    storeBackend: confBackend,
    keychain: () => createKeytarKeychain(),
    defaultDataDir: defaultDataDir(),
    version,
    program: 'npm run cli --',
    // A checkout may read a policy from a test's folder; the packaged app's --cli reads only the OS's managed place.
    policyFileOption: true,
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY for CloudMC calls (the app follows the system's proxy settings instead).
    clientOptions: { resolveProxy: envProxyResolver(process.env) },
  });
}

const args = process.argv.slice(2);
// `--version` alone answers before the services load (runCli gives the same answer to every other form of it).
if (args.length === 1 && args[0] === '--version') process.stdout.write(`${version}\n`);
else process.exitCode = await runWithServices(args);

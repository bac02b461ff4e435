// `npm run web -- --port P [--data-dir D] [--endpoint URL [--api-key K] [--profile-name N]] [--keychain memory|system|none] [--policy-file F]`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';
import type { KeychainMode } from './host-services';

const usage =
  'usage: npm run web -- [--port P] [--data-dir DIR] [--endpoint URL [--api-key KEY] [--profile-name NAME]] [--keychain memory|system|none] [--policy-file FILE]';

function exit(message: string): never {
  console.error(`web-host: ${message}\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      endpoint: { type: 'string' },
      'api-key': { type: 'string' },
      'profile-name': { type: 'string', default: 'Demo' },
      keychain: { type: 'string', default: 'memory' },
      'policy-file': { type: 'string' },
      'renderer-dir': { type: 'string', default: path.resolve(import.meta.dirname, '../../out/renderer') },
    },
    strict: true,
  }).values;
} catch (e) {
  exit((e as Error).message);
}

const port = Number(values['port']);
if (!Number.isInteger(port) || port < 0 || port > 65535) exit(`--port must be an integer from 0 to 65535, got "${values['port']}"`);
const keychain = values['keychain'] as KeychainMode;
if (!['memory', 'system', 'none'].includes(keychain)) exit(`--keychain must be memory, system or none, got "${keychain}"`);
if (values['api-key'] && !values['endpoint']) exit('--api-key needs --endpoint');
const rendererDir = values['renderer-dir'] as string;
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) exit(`no built renderer in ${rendererDir}: run "npm run build" first`);
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'cloudmc-web-'));

const policyFile = values['policy-file'] ? path.resolve(values['policy-file']) : undefined;
const host = await startWebHost({
  port,
  dataDir,
  rendererDir,
  keychain,
  ...(values['endpoint'] ? { defaultEndpoint: values['endpoint'] } : {}),
  ...(policyFile ? { policyFile } : {}),
});
if (values['endpoint'] && values['api-key'] && (await host.services.profiles.list()).length === 0) {
  try {
    await host.services.profiles.add({ name: values['profile-name'] as string, endpoint: values['endpoint'], apiKey: values['api-key'] });
  } catch (e) {
    console.error(
      `web-host: could not add the profile for ${values['endpoint']}: ${(e as { appError?: { code: string } }).appError?.code ?? String(e)}`,
    );
  }
}
console.log(host.url);
console.log(`data dir: ${dataDir}`);
console.log(`keychain: ${keychain}`);
if (policyFile) console.log(`policy: ${policyFile}`);

const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

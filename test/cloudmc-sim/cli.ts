// Command line entry of the CloudMC simulator: seeds data, serves on 127.0.0.1 until SIGINT/SIGTERM.
import { SimState } from './state';
import { loadSeedFile, seedAccessUser, seedDemo } from './seed';
import { startSimulator } from './server';
import { parseArgs, USAGE } from './cli-args';
import type { CliOptions } from './cli-args';

async function main(): Promise<void> {
  let opts: CliOptions;
  const state = new SimState();
  let apiKey: string;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(USAGE);
      return;
    }
    if (opts.seed !== undefined) loadSeedFile(state, opts.seed);
    const seeded =
      opts.seed !== undefined || opts.empty
        ? seedAccessUser(state, opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {})
        : seedDemo(state, opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {});
    apiKey = seeded.apiKey;
  } catch (e) {
    console.error(`cloudmc-sim: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let sim;
  try {
    sim = await startSimulator({ port: opts.port, host: '127.0.0.1', state });
  } catch (e) {
    console.error(`cloudmc-sim: cannot listen on 127.0.0.1:${opts.port}: ${(e as Error).message}`);
    process.exit(1);
  }
  const users = state.listUsers();
  console.log(sim.endpoint);
  console.log(`api key: ${apiKey}`);
  console.log(`CloudMC simulator: ${users.length} user(s), ${state.countKeys()} key(s); the key above belongs to "rwilson".`);
  console.log(`  health:  GET    ${sim.origin}/__sim/health`);
  console.log(`  faults:  POST   ${sim.origin}/__sim/faults  {"fault":{"kind":"status","status":503},"pathPrefix":"/api_keys","times":1}`);
  console.log(`           DELETE ${sim.origin}/__sim/faults  (clear all)`);
  console.log(
    '  kinds: latency{ms} status{status,retryAfterSeconds?} html{status} deep-json{depth} rate-limit{retryAfterSeconds} drop malformed-json oversized{bytes} redirect{location} hang',
  );
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => {
        console.log(`cloudmc-sim: stopped (${signal})`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

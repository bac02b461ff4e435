// Command line parsing of the simulator CLI (kept apart from cli.ts so it can be tested without side effects).
import { existsSync } from 'node:fs';

/** Usage text of the simulator CLI. */
export const USAGE = `usage: tsx test/cloudmc-sim/cli.ts [--port P] [--api-key K] [--seed file.json] [--empty]
  --port P         TCP port on 127.0.0.1 (0 or omitted = a free port)
  --api-key K      value of the access key of user "rwilson" (random if omitted)
  --seed FILE      load users and keys from FILE instead of the demo data
  --empty          no demo data: only user "rwilson" and its access key
  --help           show this help`;

/** Parsed command line options. */
export type CliOptions = { port: number; apiKey?: string; seed?: string; empty: boolean; help: boolean };

/** Parses argv (without node and script); throws an Error with a precise message on bad flags. */
export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 0, empty: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (seen.has(flag)) throw new Error(`${flag} given more than once`);
    seen.add(flag);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isInteger(port) || port > 65535) throw new Error(`--port expects an integer from 0 to 65535, got "${raw}"`);
        opts.port = port;
        break;
      }
      case '--api-key': {
        const key = value();
        if (!/^[\x21-\x7e]+$/.test(key)) throw new Error('--api-key must be non-empty printable ASCII without spaces');
        opts.apiKey = key;
        break;
      }
      case '--seed': {
        const file = value();
        if (!existsSync(file)) throw new Error(`--seed: no such file "${file}"`);
        opts.seed = file;
        break;
      }
      case '--empty':
      case '--help':
        if (inline !== undefined) throw new Error(`${flag} takes no value`);
        if (flag === '--empty') opts.empty = true;
        else opts.help = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}"`);
    }
  }
  return opts;
}

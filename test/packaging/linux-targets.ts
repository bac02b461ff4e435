// electron-builder's own deb and rpm targets over an already packaged app, stopped just before fpm (a download) would run: what each
// package would carry (name, url, licence, maintainer, scripts), computed by the real targets from package.json and the config.
import fs from 'node:fs';
import path from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import config from '../../resources/electron-builder.config.mjs';

/** What electron-builder hands fpm for one package, with the maintainer scripts as it rendered them. */
export interface FpmPlan {
  target: 'deb' | 'rpm';
  /** fpm's metadata options (--name, --url, --license, --maintainer, --vendor, ...): option -> value. */
  options: Record<string, string>;
  afterInstall: string;
  afterRemove: string;
}

/** Runs electron-builder's deb and rpm targets on `prepackaged` (a linux-unpacked dir) and returns their fpm plans; fpm itself never runs. */
export async function planLinuxPackages(prepackaged: string, outputDir: string): Promise<FpmPlan[]> {
  const plans: FpmPlan[] = [];
  await build({
    targets: Platform.LINUX.createTarget(['deb', 'rpm'], Arch.x64),
    config: { ...config, directories: { ...config.directories, output: outputDir } },
    publish: 'never',
    prepackaged,
    // Called with fpm's arguments once everything is computed; `true` stops the target there.
    effectiveOptionComputed: async ([args]: [string[]]) => {
      const value = (option: string): string => args[args.indexOf(option) + 1] ?? '';
      const options: Record<string, string> = {};
      for (let i = 0; i < args.length - 1; i++) if (args[i]!.startsWith('--')) options[args[i]!.slice(2)] = args[i + 1]!;
      plans.push({
        target: path.extname(value('--package')) === '.rpm' ? 'rpm' : 'deb',
        options,
        afterInstall: fs.readFileSync(value('--after-install'), 'utf8'),
        afterRemove: fs.readFileSync(value('--after-remove'), 'utf8'),
      });
      return true;
    },
  });
  return plans;
}

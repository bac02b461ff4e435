// "No rule decided twice": the renderer states none of the contract's lists again (it imports them from the zod-free modules), and
// the preload carries names only (no zod: validation stays in main). Both read the sources and the bundle, so a retyped list fails here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { errorCodes, errorKinds } from '../../../../src-preload/contract/errors';
import { gracePresets, healthKinds, languageChoices, snoozePeriods, themeChoices } from '../../../../src-preload/contract/rules';

const root = path.resolve(import.meta.dirname, '../../../..');

/** The contract's closed lists the renderer must import rather than type out. */
const contractLists: Record<string, readonly string[]> = {
  'error codes': errorCodes,
  'error kinds': errorKinds,
  'finding kinds': healthKinds,
  'grace presets': gracePresets,
  'snooze periods': snoozePeriods,
  languages: languageChoices,
  themes: themeChoices,
};

/** Every .ts and .svelte file under a folder. */
function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(ts|svelte)$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * The quoted string literals of one line (single or double quotes), object keys and `case` labels left out: those are checked by a
 * `Record<ContractType, …>` or a switch's type, which fails to compile when the contract's list changes.
 */
function quotedLiterals(line: string): string[] {
  const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
  const found: string[] = [];
  for (const match of code.matchAll(/(['"])([^'"\\\n]*)\1(\s*:(?!:))?/g)) {
    const [, , text, asKey] = match;
    if (asKey && !/\?\s*$/.test(code.slice(0, match.index))) continue;
    found.push(text!);
  }
  return found;
}

/**
 * Where a file types out a contract list again: two different members of one list within three lines (an array, a Set, an
 * `a === 'x' || a === 'y'` chain, an if-ladder). One member compared on its own is type-checked against the contract's union.
 */
function retypedLists(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const literals = lines.map(quotedLiterals);
  const problems: string[] = [];
  for (const [name, list] of Object.entries(contractLists)) {
    for (let i = 0; i < lines.length; i += 1) {
      const near = new Set(
        literals
          .slice(i, i + 3)
          .flat()
          .filter((t) => list.includes(t)),
      );
      if (near.size < 2) continue;
      problems.push(`${path.relative(root, file)}:${i + 1} types out ${name} (${[...near].join(', ')})`);
      i += 2;
    }
  }
  return problems;
}

describe('no rule decided twice', () => {
  it('the detector finds a retyped list, and lets a single comparison and a typed record pass', () => {
    const sample = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cmc-lists-')), 'sample.ts');
    try {
      fs.writeFileSync(
        sample,
        "const themes = ['system', 'light',\n 'dark'];\nif (kind === 'offline') x();\nconst t: Record<K, string> = { 'rate-limited': 'a', server: 'b' };\n",
      );
      expect(retypedLists(sample)).toEqual([`${path.relative(root, sample)}:1 types out themes (system, light, dark)`]);
    } finally {
      fs.rmSync(path.dirname(sample), { recursive: true, force: true });
    }
  });

  it('the renderer types out none of the contract lists (error codes and kinds, finding kinds, grace presets, languages, themes)', () => {
    const problems = sourceFiles(path.join(root, 'src-renderer/src')).flatMap(retypedLists);
    expect(problems).toEqual([]);
  });

  it('the preload bundle carries names only: no zod, and at most 20 KB', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src-preload/index.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(inputs.every((file) => !/contract\/(models|operations|events|health|rotation)\.ts$/.test(file))).toBe(true);
    const bytes = result.outputFiles[0]!.contents.byteLength;
    expect(bytes).toBeLessThanOrEqual(20 * 1024);
  });
});

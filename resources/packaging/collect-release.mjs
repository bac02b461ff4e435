// The release job's step before publishing: gathers what every OS job uploaded into one folder under the names the update feeds use,
// merges the two macOS feeds (arm64 and x64 are built on their own runners, each writing latest-mac.yml), refuses any other clash,
// and writes SHA256SUMS over everything. No dependencies: it runs on the release runner with Node alone.
// Usage: node resources/packaging/collect-release.mjs <downloaded artifacts dir> <release dir>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The update feeds electron-builder writes (one per OS); two builds of one OS each write theirs, merged here. */
const updateFeed = /^latest(-[a-z]+)?\.yml$/;

/**
 * The name GitHub keeps for an uploaded file and electron-builder writes in the update feeds (its computeSafeArtifactNameIfNeeded:
 * spaces become dashes); GitHub would turn a space into a dot, and the feed would point at a file that does not exist.
 */
export function releaseName(file) {
  const safe = file.replace(/ /g, '-');
  if (!/^[\w.-]+$/.test(safe)) throw new Error(`${file}: GitHub would rename this file, and the update feed would not find it`);
  return safe;
}

/** A feed's top-level keys with their lines, in order (electron-builder writes them with js-yaml: `key: value`, `files:` then `  - ` items). */
function feedBlocks(text) {
  const blocks = [];
  for (const line of text.trimEnd().split('\n')) {
    const key = /^([A-Za-z][\w-]*):/.exec(line)?.[1];
    if (key) blocks.push({ key, lines: [line] });
    else if (blocks.length > 0 && line.startsWith(' ')) blocks.at(-1).lines.push(line);
    else throw new Error(`not an electron-builder update feed: ${JSON.stringify(line)}`);
  }
  return blocks;
}

/** The `files` entries of a feed block, each with its lines and url. */
function feedFiles(block) {
  const items = [];
  for (const line of block.lines.slice(1)) {
    if (line.startsWith('  - ')) items.push({ lines: [line], url: null });
    else items.at(-1).lines.push(line);
    const url = /^\s+(?:- )?url: (.+)$/.exec(line)?.[1];
    if (url) items.at(-1).url = url;
  }
  return items;
}

/** Merges update feed `other` into `base` (same version): base's fields, plus the files only `other` lists (the other arch's zip and dmg). */
export function mergeUpdateFeeds(base, other) {
  const [a, b] = [feedBlocks(base), feedBlocks(other)];
  const version = (blocks) => blocks.find((x) => x.key === 'version')?.lines[0];
  if (version(a) === undefined || version(a) !== version(b)) throw new Error(`update feeds of different versions: ${version(a)} / ${version(b)}`);
  const files = a.find((x) => x.key === 'files');
  const otherFiles = b.find((x) => x.key === 'files');
  if (!files || !otherFiles) throw new Error('an update feed without files');
  const known = new Set(feedFiles(files).map((f) => f.url));
  for (const item of feedFiles(otherFiles)) if (!known.has(item.url)) files.lines.push(...item.lines);
  return `${a.flatMap((x) => x.lines).join('\n')}\n`;
}

/** Every file under a folder, recursively. */
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Copies every downloaded file into `releaseDir` under its release name; merges update feeds; fails on any other clash. Returns the names. */
export function collectRelease(artifactsDir, releaseDir) {
  fs.mkdirSync(releaseDir, { recursive: true });
  for (const file of filesUnder(artifactsDir)) {
    const target = path.join(releaseDir, releaseName(path.basename(file)));
    const content = fs.readFileSync(file);
    if (!fs.existsSync(target)) fs.writeFileSync(target, content);
    else if (updateFeed.test(path.basename(target)))
      fs.writeFileSync(target, mergeUpdateFeeds(fs.readFileSync(target, 'utf8'), content.toString('utf8')));
    else if (!fs.readFileSync(target).equals(content)) throw new Error(`two different files would be published as ${path.basename(target)}`);
  }
  return fs.readdirSync(releaseDir).sort();
}

/** Writes SHA256SUMS (`sha256sum -c` format) over every file in `releaseDir`; returns its text. */
export function writeChecksums(releaseDir) {
  const names = fs
    .readdirSync(releaseDir)
    .filter((n) => n !== 'SHA256SUMS')
    .sort();
  const text = names
    .map(
      (n) =>
        `${createHash('sha256')
          .update(fs.readFileSync(path.join(releaseDir, n)))
          .digest('hex')}  ${n}\n`,
    )
    .join('');
  fs.writeFileSync(path.join(releaseDir, 'SHA256SUMS'), text);
  return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [artifactsDir, releaseDir] = process.argv.slice(2);
  if (!artifactsDir || !releaseDir) throw new Error('usage: collect-release.mjs <artifacts dir> <release dir>');
  const names = collectRelease(artifactsDir, releaseDir);
  writeChecksums(releaseDir);
  console.log(`release files (${names.length}, plus SHA256SUMS):\n${names.map((n) => `  ${n}`).join('\n')}`);
}

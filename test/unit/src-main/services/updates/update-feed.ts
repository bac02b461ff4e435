// A loopback update feed as electron-builder publishes one (latest-linux.yml naming an AppImage with its sha512 and size), an install
// laid out like a packaged AppImage (resources/app-update.yml, $APPIMAGE), and the project's fake Electron under electron-updater's
// own `require('electron')`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire, Module } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as fakeElectron from '../../../../packaging/fake-electron/electron';

/** The feed's controls: what it publishes, whether it serves a tampered file, and every path asked for. */
export interface UpdateFeed {
  url: string;
  /** Publishes `version` with this AppImage content (latest-linux.yml names its sha512). */
  publish(version: string, content: Buffer): void;
  /** Serves other bytes than the ones latest-linux.yml describes (a file changed on its way). */
  tamper: boolean;
  /** Paths requested so far (without query). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** The published AppImage's file name for a version. */
export const appImageName = (version: string): string => `CloudMC-Credentials-${version}-x86_64.AppImage`;

/** Starts the feed on 127.0.0.1. */
export async function startUpdateFeed(): Promise<UpdateFeed> {
  let published: { version: string; content: Buffer } | null = null;
  const requests: string[] = [];
  const feed = { tamper: false } as UpdateFeed;
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(pathname);
    if (!published) return void res.writeHead(404).end();
    const name = appImageName(published.version);
    if (pathname === '/latest-linux.yml') {
      const sha512 = createHash('sha512').update(published.content).digest('base64');
      const yml = [
        `version: ${published.version}`,
        'files:',
        `  - url: ${name}`,
        `    sha512: ${sha512}`,
        `    size: ${published.content.length}`,
        `path: ${name}`,
        `sha512: ${sha512}`,
        "releaseDate: '2026-12-10T08:00:00.000Z'",
        '',
      ].join('\n');
      return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    }
    if (pathname === `/${name}`) {
      const body = feed.tamper ? Buffer.concat([published.content.subarray(0, -8), Buffer.from('#evil!!\n')]) : published.content;
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(feed, {
    url: `http://127.0.0.1:${port}/`,
    requests,
    publish: (version: string, content: Buffer) => void (published = { version, content }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return feed;
}

/** An AppImage-like program: a shell script that records that it was started (and how) in `marker`. */
export function appImageScript(label: string, marker: string): Buffer {
  return Buffer.from(`#!/bin/sh\necho "${label} silent=$APPIMAGE_SILENT_INSTALL" > '${marker}'\n`);
}

/** A packaged AppImage install: resources/app-update.yml pointing at the feed, the running AppImage file, the cache folder. */
export interface AppImageInstall {
  resourcesPath: string;
  appImage: string;
  cacheHome: string;
  userData: string;
}

/** Lays out an install under `root` for version `version` of the app, fed by `feedUrl`. */
export function layOutAppImageInstall(root: string, feedUrl: string, opts: { packageType?: 'deb' | 'rpm' } = {}): AppImageInstall {
  const install = {
    resourcesPath: path.join(root, 'resources'),
    appImage: path.join(root, 'Applications', 'cloudmc-credentials.AppImage'),
    cacheHome: path.join(root, 'cache'),
    userData: path.join(root, 'userData'),
  };
  for (const dir of [install.resourcesPath, path.dirname(install.appImage), install.cacheHome, install.userData])
    fs.mkdirSync(dir, { recursive: true });
  // As electron-builder writes it for a generic feed (the app's own config names the GitHub provider).
  fs.writeFileSync(
    path.join(install.resourcesPath, 'app-update.yml'),
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: cloudmc-credentials-updater\n`,
  );
  if (opts.packageType) fs.writeFileSync(path.join(install.resourcesPath, 'package-type'), opts.packageType);
  fs.writeFileSync(install.appImage, appImageScript('old', path.join(root, 'old-started')), { mode: 0o755 });
  return install;
}

/**
 * Makes `require('electron')` (electron-updater's own, CommonJS) answer the project's fake Electron, ready, with this app version and
 * userData; Electron sets process.resourcesPath and the AppImage runtime $APPIMAGE, so the install's are set too. Returns the fake.
 */
export function useFakeElectronFor(install: AppImageInstall, version: string): typeof fakeElectron {
  const require = createRequire(import.meta.url);
  const electronPath = require.resolve('electron');
  const cached = new Module(electronPath);
  cached.filename = electronPath;
  cached.exports = fakeElectron.default;
  cached.loaded = true;
  require.cache[electronPath] = cached;
  if (!fakeElectron.fake.ready) fakeElectron.emitReady();
  fakeElectron.fake.version = version;
  fakeElectron.fake.paths['userData'] = install.userData;
  (process as { resourcesPath?: string }).resourcesPath = install.resourcesPath;
  process.env['APPIMAGE'] = install.appImage;
  process.env['XDG_CACHE_HOME'] = install.cacheHome;
  return fakeElectron;
}

// Electron's `net` and `autoUpdater` for the fake (what electron-updater uses): `net.request` over Node's http/https with Electron's
// ClientRequest behaviour (redirect modes, `net::ERR_*` errors), typed against node_modules/electron/electron.d.ts.
import type * as Electron from 'electron';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';

/** The fake's own guards, passed in by electron.ts (strict members, ready-only APIs). */
export interface FakeGuards {
  strict<T extends object>(name: string, target: T): T;
  mustBeReady(what: string): void;
}

/** Chromium's net error for a Node socket error code, as Electron's ClientRequest reports it (an Error without `code`). */
function netError(e: NodeJS.ErrnoException): Error {
  const names: Record<string, string> = {
    ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
    ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
    EAI_AGAIN: 'ERR_NAME_NOT_RESOLVED',
    ECONNRESET: 'ERR_CONNECTION_RESET',
    ETIMEDOUT: 'ERR_TIMED_OUT',
  };
  return new Error(`net::${names[e.code ?? ''] ?? 'ERR_FAILED'}`);
}

/** Response headers as Electron's `redirect` event gives them: every value an array. */
function headerArrays(headers: http.IncomingHttpHeaders): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [String(v)]]));
}

/** Electron's ClientRequest: nothing is sent before `end()`; `redirect: 'manual'` emits `redirect` and goes on only if followRedirect() is called in it. */
class FakeClientRequest extends EventEmitter {
  private readonly url_: URL;
  private readonly method_: string;
  private readonly headers_: Record<string, string | string[]>;
  private readonly redirect_: NonNullable<Electron.ClientRequestConstructorOptions['redirect']>;
  private inner_: http.ClientRequest | null = null;
  private aborted_ = false;
  private follow_ = false;

  constructor(options: Electron.ClientRequestConstructorOptions | string) {
    super();
    const o = typeof options === 'string' ? { url: options } : options;
    const host = o.host ?? `${o.hostname ?? 'localhost'}${o.port ? `:${o.port}` : ''}`;
    this.url_ = new URL(o.url ?? `${o.protocol ?? 'http:'}//${host}${o.path ?? '/'}`);
    if (this.url_.protocol !== 'http:' && this.url_.protocol !== 'https:') throw new Error(`net.request: unsupported protocol ${this.url_.protocol}`);
    this.method_ = (o.method ?? 'GET').toUpperCase();
    this.headers_ = { ...(o.headers ?? {}) };
    this.redirect_ = o.redirect ?? 'follow';
  }

  setHeader(name: string, value: string): void {
    this.headers_[name] = value;
  }
  getHeader(name: string): string {
    return String(this.headers_[name] ?? '');
  }
  removeHeader(name: string): void {
    delete this.headers_[name];
  }
  end(): this {
    this.send(this.url_, 0);
    return this;
  }
  abort(): void {
    if (this.aborted_) return;
    this.aborted_ = true;
    this.inner_?.destroy();
    this.emit('abort');
    this.emit('close');
  }
  followRedirect(): void {
    this.follow_ = true;
  }

  private send(url: URL, hops: number): void {
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: this.method_, headers: this.headers_ }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status < 300 || status >= 400 || location === undefined) {
        this.emit('response', response);
        return;
      }
      response.resume();
      const next = new URL(location, url);
      if (this.redirect_ === 'error' || hops >= 20) {
        this.emit('error', new Error(hops >= 20 ? 'net::ERR_TOO_MANY_REDIRECTS' : 'net::ERR_FAILED'));
        return;
      }
      if (this.redirect_ === 'manual') {
        this.follow_ = false;
        this.emit('redirect', status, this.method_, next.href, headerArrays(response.headers));
        if (!this.follow_) {
          this.abort(); // not followed during the event: Electron cancels the request
          return;
        }
      }
      this.send(next, hops + 1);
    });
    request.on('error', (e: NodeJS.ErrnoException) => {
      if (!this.aborted_) this.emit('error', netError(e));
    });
    this.inner_ = request;
    request.end();
  }
}

/** Electron's `net` (requests only) and `autoUpdater` (Linux: Electron's native updater does nothing there; it is an event emitter). */
export function createNetParts(guards: FakeGuards): { net: Electron.Net; autoUpdater: Electron.AutoUpdater } {
  const net = guards.strict('net', {
    request(options: Electron.ClientRequestConstructorOptions | string): Electron.ClientRequest {
      guards.mustBeReady('net.request');
      return guards.strict('ClientRequest', new FakeClientRequest(options)) as unknown as Electron.ClientRequest;
    },
  }) as unknown as Electron.Net;
  const autoUpdater = guards.strict(
    'autoUpdater',
    Object.assign(new EventEmitter(), {
      feedUrl: '',
      setFeedURL(options: Electron.FeedURLOptions): void {
        autoUpdater.feedUrl = options.url;
      },
      getFeedURL(): string {
        return autoUpdater.feedUrl;
      },
      checkForUpdates(): void {},
      quitAndInstall(): void {},
    }),
  );
  return { net, autoUpdater: autoUpdater as unknown as Electron.AutoUpdater };
}

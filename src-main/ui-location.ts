// Where the window loads its UI from: always the packaged app:// files, except in development where electron-vite's dev server serves it (with reload on save).
import { appOrigin } from './app-protocol';
import { isLoopbackHost } from './services/cloudmc/endpoint-url';

/** The UI's page and the origin IPC and navigation trust. */
export interface UiLocation {
  url: string;
  origin: string;
  /** True when the dev server serves the UI (never in a packaged app). */
  devServer: boolean;
}

/** `app://ui/index.html`, unless the app is not packaged and electron-vite's dev server (on loopback http) is given. */
export function uiLocation(isPackaged: boolean, devServerUrl: string | undefined): UiLocation {
  const packaged: UiLocation = { url: `${appOrigin}/index.html`, origin: appOrigin, devServer: false };
  if (isPackaged || !devServerUrl) return packaged;
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    return packaged;
  }
  // Only a dev server on this machine: an environment variable must never point the window at the network.
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return packaged;
  return { url: url.href, origin: url.origin, devServer: true };
}

// Sends main's events to the app's own windows: only a live page whose main frame is at the app origin (the sender check's rule, applied
// to the receiver); a window that closed, crashed to another page or navigated away gets nothing, and nothing throws.
import type { EventName } from '../../src-preload/contract/names';
import type { EventSink } from '../services/app-events';
import { isTrustedSender } from './sender-check';

/** The parts of a window's webContents the delivery uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  readonly mainFrame: { readonly url: string } | null | undefined;
  send(channel: EventName, payload: unknown): void;
}

/** True when `target` shows the app's own page now (not destroyed, main frame at `origin`). */
export function isAppPage(target: EventTarget, origin: string): boolean {
  if (target.isDestroyed()) return false;
  return isTrustedSender({ frameUrl: target.mainFrame?.url, isMainFrame: true }, origin);
}

/** A sink sending each event to every target that shows the app's page; `targets` is read at each event (windows come and go). */
export function sendToAppWindows(targets: () => Iterable<EventTarget>, origin: string, onError?: (e: unknown) => void): EventSink {
  return (name, payload) => {
    for (const target of targets()) {
      try {
        if (isAppPage(target, origin)) target.send(name, payload);
      } catch (e) {
        onError?.(e); // a window torn down between the check and the send
      }
    }
  };
}

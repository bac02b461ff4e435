// Decides whether an IPC message comes from our own UI: the main frame of a window we made, at the app origin.
/** What the check needs to know about a message's sender. */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  frameUrl: string | undefined;
  /** True when that frame is its page's top frame. */
  isMainFrame: boolean;
}

/** True only for the app's own top frame served from `origin`. */
export function isTrustedSender(sender: SenderInfo, origin: string): boolean {
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  try {
    const url = new URL(sender.frameUrl);
    return `${url.protocol}//${url.host}` === origin;
  } catch {
    return false;
  }
}

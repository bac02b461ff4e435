// The web host's `window.cloudmc`: the same named bridge functions, carried over HTTP to the host instead of Electron IPC, and `on` for
// main's events, which the host streams as server-sent events.
import { createBridge } from '../../src-preload/contract/bridge';
import type { IpcResult } from '../../src-preload/contract/errors';

/** A side effect the host asks the browser to perform (the clipboard lives in the browser here). */
type Effect = { kind: 'clipboard-write'; text: string; clearAfterSeconds: number | null };

declare const __HOST_TOKEN__: string;

async function applyEffect(effect: Effect): Promise<void> {
  if (effect.kind !== 'clipboard-write') return;
  await navigator.clipboard.writeText(effect.text);
  if (effect.clearAfterSeconds === null) return;
  setTimeout(() => {
    void navigator.clipboard
      .readText()
      .then((current) => (current === effect.text ? navigator.clipboard.writeText('') : undefined))
      .catch(() => undefined);
  }, effect.clearAfterSeconds * 1000);
}

/** The host's event stream, opened as the page loads (before the app asks for anything), with the per-run token. */
const eventStream = new EventSource(`./__host/events?token=${encodeURIComponent(__HOST_TOKEN__)}`);

window.cloudmc = createBridge(async (channel, input) => {
  const response = await fetch(`./__host/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-host-token': __HOST_TOKEN__ },
    body: JSON.stringify({ input: input === undefined ? null : input, hasInput: input !== undefined }),
  });
  const body = (await response.json()) as { result: IpcResult<unknown>; effects?: Effect[] };
  for (const effect of body.effects ?? []) await applyEffect(effect);
  return body.result;
}, listen);

/** Delivers one event's payloads from the stream until unsubscribed. */
function listen(event: string, deliver: (payload: unknown) => void): () => void {
  const listener = (message: MessageEvent<string>): void => deliver(JSON.parse(message.data));
  eventStream.addEventListener(event, listener);
  return () => eventStream.removeEventListener(event, listener);
}

// Main's events reach the app's own windows only (security.md 7, applied to the receiver): a live page whose main frame is at the app
// origin. A window that closed, a crash page, a page navigated elsewhere get nothing, and nothing throws.
import { describe, expect, it } from 'vitest';
import { isAppPage, sendToAppWindows, type EventTarget } from '../../../../src-main/ipc/electron-events';

const origin = 'app://ui';

/** A webContents as the delivery sees it; `sent` records what reached it. */
function page(url: string, opts: { destroyed?: boolean; sendThrows?: boolean; noFrame?: boolean } = {}): EventTarget & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return {
    sent,
    isDestroyed: () => opts.destroyed ?? false,
    mainFrame: opts.noFrame ? null : { url },
    send(channel, payload) {
      if (opts.sendThrows) throw new Error('Object has been destroyed');
      sent.push([channel, payload]);
    },
  };
}

describe('events to windows', () => {
  it('go to every open page of the app, with the event name as channel and the payload alone', () => {
    const a = page('app://ui/index.html');
    const b = page('app://ui/index.html#keys');
    sendToAppWindows(() => [a, b], origin)('keychain:did-change', { status: { available: true, backend: 'x' } });
    expect(a.sent).toEqual([['keychain:did-change', { status: { available: true, backend: 'x' } }]]);
    expect(b.sent).toEqual(a.sent);
  });

  it('skip a closed window, a page of another origin, a crash page, a page with no frame; a send that throws is reported, not thrown', () => {
    const errors: unknown[] = [];
    const targets = [
      page('app://ui/index.html', { destroyed: true }),
      page('https://evil.example/'),
      page('data:text/html,crashed'),
      page('app://ui.evil/index.html'),
      page('', { noFrame: true }),
      page('app://ui/index.html', { sendThrows: true }),
    ];
    const good = page('app://ui/index.html');
    const sink = sendToAppWindows(
      () => [...targets, good],
      origin,
      (e) => errors.push(e),
    );
    expect(() => sink('secrets:did-change', { pending: [] })).not.toThrow();
    for (const target of targets) expect(target.sent).toEqual([]);
    expect(good.sent).toEqual([['secrets:did-change', { pending: [] }]]);
    expect(errors).toHaveLength(1);
  });

  it('read the windows at each event: one closed since gets nothing more', () => {
    const windows = new Set([page('app://ui/index.html'), page('app://ui/index.html')]);
    const [first, second] = [...windows];
    const sink = sendToAppWindows(() => windows, origin);
    sink('keychain:did-change', { status: { available: true, backend: 'x' } });
    windows.delete(second!);
    sink('keychain:did-change', { status: { available: true, backend: 'y' } });
    expect(first!.sent).toHaveLength(2);
    expect(second!.sent).toHaveLength(1);
    expect(isAppPage(first!, origin)).toBe(true);
  });
});

// registerIpc (docs/security.md 7) through a mocked `electron` ipcMain: one handler per channel, untrusted senders refused before dispatch.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  type Listener = (event: unknown, input: unknown) => Promise<unknown>;
  /** Stands in for ipcMain: keeps handlers by channel and refuses a second one, as Electron does. */
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handlers,
    handle(channel: string, listener: Listener): void {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
  };
  return { ipcMain, default: { ipcMain } };
});

const { ipcMain } = await import('electron');
const { registerIpc } = await import('../../../../src-main/ipc/electron-ipc');
const { allChannels, errorCodes } = await import('../../../../src-preload/contract');
const { appOrigin } = await import('../../../../src-main/app-protocol');

const handlers = (ipcMain as unknown as { handlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>> }).handlers;

/** An invoke event as Electron builds it: the sending frame with its URL and parent. */
function eventFrom(url: string | undefined, parent: object | null): unknown {
  return { senderFrame: url === undefined ? null : { url, parent } };
}

function setUp(): { calls: Array<[string, unknown]>; unregister: () => void } {
  const calls: Array<[string, unknown]> = [];
  const unregister = registerIpc(
    ipcMain,
    async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: 'dispatched' };
    },
    appOrigin,
  );
  return { calls, unregister };
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, and unregisters them all', () => {
    const { unregister } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...allChannels].sort());
    expect(new Set(allChannels).size).toBe(allChannels.length);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes a message from the app main frame to dispatch, channel and input unchanged', async () => {
    const { calls, unregister } = setUp();
    for (const channel of allChannels) {
      const answer = await handlers.get(channel)!(eventFrom('app://ui/index.html', null), { n: 1 });
      expect(answer).toEqual({ ok: true, value: 'dispatched' });
    }
    expect(calls).toEqual(allChannels.map((c) => [c, { n: 1 }]));
    unregister();
  });

  it.each([
    ['a subframe at the app origin', 'app://ui/index.html', {}],
    ['a main frame at another origin', 'https://evil.example/', null],
    ['a subframe at another origin', 'https://evil.example/', {}],
    ['a look-alike app origin', 'app://ui.evil/index.html', null],
    ['a file: page', 'file:///tmp/x.html', null],
    ['a destroyed frame', undefined, null],
  ])('refuses %s with sender-refused, never dispatching', async (_name, url, parent) => {
    const { calls, unregister } = setUp();
    for (const channel of allChannels) {
      const answer = (await handlers.get(channel)!(eventFrom(url, parent), { secret: 'x' })) as { ok: boolean; error: { code: string } };
      expect(answer).toEqual({
        ok: false,
        error: { code: 'sender-refused', kind: 'invalid', messageKey: 'errors.sender-refused' },
      });
      expect(errorCodes).toContain(answer.error.code);
    }
    expect(calls).toEqual([]);
    unregister();
  });
});

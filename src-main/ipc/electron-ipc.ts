// Registers one ipcMain handler per contract channel; every message's sender is checked before it is dispatched.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { allChannels, type IpcResult } from '../../src-preload/contract';
import { isTrustedSender } from './sender-check';
import type { Dispatch } from './dispatcher';

/** Registers the handlers; returns a function that removes them. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, origin: string): () => void {
  for (const channel of allChannels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<IpcResult<unknown>> => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender({ frameUrl: frame?.url, isMainFrame: frame !== null && frame !== undefined && frame.parent === null }, origin);
      if (!trusted)
        return Promise.resolve({
          ok: false,
          error: { code: 'sender-refused', kind: 'invalid', messageKey: 'errors.sender-refused' },
        });
      return dispatch(channel, input);
    });
  }
  return () => allChannels.forEach((c) => ipcMain.removeHandler(c));
}

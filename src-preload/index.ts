// The preload: exposes the named bridge functions over ipcRenderer.invoke, and `on` for main's events, and nothing else.
// It carries names only (contract/names.ts, no zod): main validates every input, answer and event payload.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './contract/bridge';

contextBridge.exposeInMainWorld(
  'cloudmc',
  createBridge(
    (channel, input) => ipcRenderer.invoke(channel, input),
    (event, deliver) => {
      // The page gets the payload only, never Electron's event object (its `sender` is ipcRenderer itself).
      const listener = (_event: unknown, payload: unknown): void => deliver(payload);
      ipcRenderer.on(event, listener);
      return () => void ipcRenderer.removeListener(event, listener);
    },
  ),
);

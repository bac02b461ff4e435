// The preload: exposes the named bridge functions over ipcRenderer.invoke, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './contract/bridge';

contextBridge.exposeInMainWorld(
  'cloudmc',
  createBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);

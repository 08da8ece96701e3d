// Exposes the contract to the page as `window.avatarWatch`: one named method per command and one
// subscription per event, built from the contract's map (preload/api.ts CONTRACT), so a new
// command needs no line here. Nothing else crosses: no ipcRenderer, no event objects, no generic send.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNELS, COMMAND_NAMES, EVENT_CHANNELS, EVENT_NAMES, eventMethod, type AvatarWatchApi } from './api';

/** Listens on one event channel, handing the listener the payload only; returns an unsubscribe. */
function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: Record<string, (...args: never[]) => unknown> = {};
for (const name of COMMAND_NAMES) {
  const channel = COMMAND_CHANNELS[name];
  // Only the arguments the page passed, each its own parameter: never the IPC event or a channel it picks.
  api[name] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}
for (const name of EVENT_NAMES) {
  const channel = EVENT_CHANNELS[name];
  api[eventMethod(name)] = (listener: (payload: unknown) => void) => subscribe(channel, listener);
}

contextBridge.exposeInMainWorld('avatarWatch', api as unknown as AvatarWatchApi);

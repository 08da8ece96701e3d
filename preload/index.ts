// Exposes the contract to the page as `window.avatarWatch`: one named method per command and one
// subscription per event. Nothing else crosses: no ipcRenderer, no event objects, no generic send.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNELS, EVENT_CHANNELS, type AvatarWatchApi } from './api';

/** Listens on one event channel, handing the listener the payload only; returns an unsubscribe. */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: AvatarWatchApi = {
  getSnapshot: () => ipcRenderer.invoke(COMMAND_CHANNELS.getSnapshot),
  saveApiKey: (key, place) => ipcRenderer.invoke(COMMAND_CHANNELS.saveApiKey, key, place ?? 'keychain'),
  removeApiKey: () => ipcRenderer.invoke(COMMAND_CHANNELS.removeApiKey),
  refreshAccount: () => ipcRenderer.invoke(COMMAND_CHANNELS.refreshAccount),
  addPhotos: (text) => ipcRenderer.invoke(COMMAND_CHANNELS.addPhotos, text),
  removePhoto: (photoId) => ipcRenderer.invoke(COMMAND_CHANNELS.removePhoto, photoId),
  checkNow: (photoId) => ipcRenderer.invoke(COMMAND_CHANNELS.checkNow, photoId),
  dismissNotice: (noticeId) => ipcRenderer.invoke(COMMAND_CHANNELS.dismissNotice, noticeId),
  openImage: (url) => ipcRenderer.invoke(COMMAND_CHANNELS.openImage, url),
  getDesktopSettings: () => ipcRenderer.invoke(COMMAND_CHANNELS.getDesktopSettings),
  setDesktopSettings: (patch) => ipcRenderer.invoke(COMMAND_CHANNELS.setDesktopSettings, patch),
  checkAll: () => ipcRenderer.invoke(COMMAND_CHANNELS.checkAll),
  setCheckingPaused: (paused) => ipcRenderer.invoke(COMMAND_CHANNELS.setCheckingPaused, paused),
  sendTestNotification: () => ipcRenderer.invoke(COMMAND_CHANNELS.sendTestNotification),
  // labels
  setLabel: (photoId, labels) => ipcRenderer.invoke(COMMAND_CHANNELS.setLabel, photoId, labels),
  importPhotos: (entries) => ipcRenderer.invoke(COMMAND_CHANNELS.importPhotos, entries),
  saveExport: (fileName, content) => ipcRenderer.invoke(COMMAND_CHANNELS.saveExport, fileName, content),
  // results
  copyImage: (photoId, url) => ipcRenderer.invoke(COMMAND_CHANNELS.copyImage, photoId, url),
  saveImage: (photoId, url) => ipcRenderer.invoke(COMMAND_CHANNELS.saveImage, photoId, url),
  saveAllImages: (photoId) => ipcRenderer.invoke(COMMAND_CHANNELS.saveAllImages, photoId),
  resultFilesOf: (photoIds) => ipcRenderer.invoke(COMMAND_CHANNELS.resultFilesOf, photoIds),
  deleteResultFiles: (photoIds) => ipcRenderer.invoke(COMMAND_CHANNELS.deleteResultFiles, photoIds),
  deleteUnlistedResultFiles: () => ipcRenderer.invoke(COMMAND_CHANNELS.deleteUnlistedResultFiles),
  onStateChanged: (listener) => subscribe(EVENT_CHANNELS.stateChanged, listener),
  onFocusItem: (listener) => subscribe(EVENT_CHANNELS.focusItem, listener),
  // settings
  getSettings: () => ipcRenderer.invoke(COMMAND_CHANNELS.getSettings),
  updateSettings: (patch) => ipcRenderer.invoke(COMMAND_CHANNELS.updateSettings, patch),
  onFocusItems: (listener) => subscribe(EVENT_CHANNELS.focusItems, listener),
  onOpenSettings: (listener) => subscribe(EVENT_CHANNELS.openSettings, listener),
  // selection
  removePhotos: (photoIds) => ipcRenderer.invoke(COMMAND_CHANNELS.removePhotos, photoIds),
  restorePhotos: (undo) => ipcRenderer.invoke(COMMAND_CHANNELS.restorePhotos, undo),
  checkPhotos: (photoIds) => ipcRenderer.invoke(COMMAND_CHANNELS.checkPhotos, photoIds),
  onEditCommand: (listener) => subscribe(EVENT_CHANNELS.editCommand, listener),
};

contextBridge.exposeInMainWorld('avatarWatch', api);

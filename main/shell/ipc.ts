// The main-process end of the contract: one `ipcMain.handle` per command. Every call must come
// from our own renderer, and every argument is checked before it reaches the core.
import { ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  COMMAND_CHANNELS,
  EVENT_CHANNELS,
  answersWithResult,
  isCoreCommand,
  type CommandHandlers,
  type CommandName,
  type CoreCommand,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type Result,
  type TestNotificationResult,
} from '../../preload/api';
import { checkCommandArgs } from '../core/command-args';
import type { Logger } from '../core/ports';
import { checkImageUrl } from '../core/safe-url';
import type { AvatarWatchService } from '../core/service';
import { isRendererUrl, type RendererLocation } from './window';
import { saveExport } from './export-save';
import { createResultActions, type ResultActions } from './result-actions';
import { createMainText, type Translate } from './text';

export interface IpcOptions {
  service: AvatarWatchService;
  renderer: RendererLocation;
  /** The window that receives state patches; null while there is none. */
  getWindow: () => BrowserWindow | null;
  /** Shows a sample notification on this desktop ("Send a test notification"); see notifier.ts. */
  sendTestNotification?: () => Promise<Result<TestNotificationResult>>;
  /** Start at login and the menu-bar start: the OS's business, so the shell's (see desktop-settings.ts). */
  desktopSettings?: {
    get(): Promise<DesktopSettings>;
    set(patch: DesktopSettingsPatch): Promise<Result<DesktopSettings>>;
  };
  /** Copy and save of result images (clipboard, dialogs); defaults to Electron's. */
  resultActions?: ResultActions;
  /** Settles when the service has started; commands wait for it so the first snapshot is whole. */
  ready?: Promise<unknown>;
  logger: Logger;
  // zh2
  /** Main's words for the native file dialogs, in the user's language (text.ts); English when not given. */
  translate?: Translate;
}

/** What the Electron shell answers itself: every command of the contract the core does not. */
export type ShellHandlers = CommandHandlers<Exclude<CommandName, CoreCommand>>;

/** Registers every command handler and the state-patch forwarding; returns an undo. */
export function registerIpc(options: IpcOptions): () => void {
  const { service, renderer, getWindow, logger } = options;
  // A failed start is reported by whoever started the service; commands then answer as they can.
  const ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
  const translate = options.translate ?? createMainText(['en']).t;
  const resultActions = options.resultActions ?? createResultActions(service.results, getWindow, undefined, translate);

  // Arguments arrive here already checked (type, count, length) by checkCommandArgs. The core's
  // commands go to the service as they are; the shell answers the rest itself, one handler each
  // (the mapped type makes a command of the contract without one a compile error).
  const shellHandlers: ShellHandlers = {
    openImage: (url) => openImage(url),
    getDesktopSettings: () => desktopSettings.get(),
    setDesktopSettings: (patch) => desktopSettings.set(patch),
    sendTestNotification: () =>
      options.sendTestNotification?.() ??
      Promise.resolve({ ok: false, error: { kind: 'invalid-input', message: 'This host cannot show notifications.', input: { code: 'host-cannot-notify' } } }),
    // labels
    saveExport: (fileName, content) => saveExport(getWindow(), fileName, content, translate),
    // results
    copyImage: (photoId, url) => resultActions.copyImage(photoId, url),
    saveImage: (photoId, url) => resultActions.saveImage(photoId, url),
    saveAllImages: (photoId) => resultActions.saveAllImages(photoId),
  };
  const core = service as unknown as Record<CoreCommand, (...args: unknown[]) => Promise<unknown>>;
  const handlerOf = (name: CommandName) =>
    (isCoreCommand(name) ? (...args: unknown[]) => core[name](...args) : shellHandlers[name]) as (...args: unknown[]) => Promise<unknown>;

  const desktopSettings = options.desktopSettings ?? {
    get: async (): Promise<DesktopSettings> => ({ startAtLogin: false, startInMenuBar: false, loginItem: 'not-supported', platform: 'other' }),
    set: async (): Promise<Result<DesktopSettings>> => ({ ok: false, error: { kind: 'invalid-input', message: 'This host has no desktop settings.', input: { code: 'host-has-no-settings' } } }),
  };

  async function openImage(url: string): Promise<Result<null>> {
    const checked = checkImageUrl(url);
    if (!checked.ok) return checked;
    if (!service.isResultImage(url)) {
      logger.warn('Refused to open a link that is not a result image of a watched photo.');
      return { ok: false, error: { kind: 'invalid-input', message: 'Only result images of watched photos can be opened.', input: { code: 'link-not-result' } } };
    }
    try {
      await shell.openExternal(checked.value.href);
      return { ok: true, value: null };
    } catch (error) {
      logger.warn(`Could not open an image in the browser: ${errorText(error)}`);
      return { ok: false, error: { kind: 'invalid-input', message: 'The image could not be opened in your browser.', input: { code: 'link-not-opened' } } };
    }
  }

  const channels = Object.entries(COMMAND_CHANNELS) as [CommandName, string][];
  for (const [name, channel] of channels) {
    const handler = handlerOf(name);
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, renderer, getWindow())) {
        logger.warn(`Refused "${name}" from a frame that is not the app's window.`);
        throw new Error('Refused: this request did not come from the Avatar Watch window.');
      }
      // Never log the arguments: one of them may be the API key.
      const checked = checkCommandArgs(name, args);
      if (!checked.ok) {
        logger.warn(`Rejected "${name}": ${checked.error.message}`);
        if (answersWithResult(name)) return checked;
        throw new Error(checked.error.message);
      }
      try {
        await ready;
        return await handler(...checked.value);
      } catch (error) {
        // Core failures are logged here; their messages never carry the key.
        logger.error(`"${name}" failed: ${errorText(error)}`);
        throw new Error(`Avatar Watch could not finish "${name}". See the log for details.`, { cause: error });
      }
    });
  }

  const stopForwarding = service.onStateChanged((patch) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(EVENT_CHANNELS.stateChanged, patch);
  });

  return () => {
    stopForwarding();
    for (const [, channel] of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * The caller must be the top frame of our own window, showing our renderer (the built file or
 * the dev server): not an iframe, not another window, not a page that navigated elsewhere.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, renderer: RendererLocation, window: BrowserWindow | null): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || window === null || window.isDestroyed() || event.sender !== window.webContents) return false;
    if (frame.parent !== null) return false;
    return isRendererUrl(renderer, frame.url);
  } catch {
    // A frame that navigated away or was destroyed mid-call throws on access.
    return false;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

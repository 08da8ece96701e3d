// Windows shutdown, restart and log-off. Windows asks each top-level window first
// (`query-session-end`, which another program may still veto) and then tells it the session ends
// (`session-end`), after which the process can be killed at any moment: `before-quit` may never
// come. So both events save synchronously, while nothing else can run in between. Only a window
// receives these events, which is why one exists even when the app starts hidden in the tray.
import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/ports';

export interface SessionEndSavers {
  /** The watchlist (service.flushSync). */
  flushWatchlist(): void;
  /** The window's size and place (WindowStateTracker.saveSync). */
  saveWindowState?(): void;
}

/** Windows only emits these; on other systems the listeners simply never run. */
export function saveOnSessionEnd(window: Pick<BrowserWindow, 'on'>, savers: SessionEndSavers, logger: Logger): void {
  const save = (reason: string) => {
    // Each save on its own: a failed window-state write must not cost the watchlist.
    try {
      savers.flushWatchlist();
    } catch (error) {
      logger.error(`Could not save the watchlist at ${reason}: ${(error as Error).message}`);
    }
    try {
      savers.saveWindowState?.();
    } catch (error) {
      logger.warn(`Could not save the window's place at ${reason}: ${(error as Error).message}`);
    }
  };
  window.on('query-session-end', () => save('query-session-end'));
  window.on('session-end', () => save('session-end'));
}

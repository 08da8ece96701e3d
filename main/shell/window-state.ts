// The window opens where the user left it, at the size they left it, maximized if it was, but
// never off-screen: a monitor unplugged since (or a laptop now without its dock) must not leave
// the window on a display that no longer exists.
import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/ports';
import type { SettingsFile, WindowBounds } from '../core/settings/settings-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 980, height: 720 } as const;
export const MIN_SIZE = { width: 560, height: 420 } as const;
/** A saved window counts as on a display when at least this share of it is there. */
export const MIN_VISIBLE_SHARE = 0.3;
/** Moves and resizes come in bursts (a drag): one write after they stop. */
export const SAVE_DELAY_MS = 500;

export type PlacedBounds = Rect & { maximized: boolean };

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Size no larger than the work area (nor smaller than the window's minimum, if the area allows). */
function fitSize(width: number, height: number, area: Rect): { width: number; height: number } {
  return {
    width: Math.max(Math.min(width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(height, area.height), Math.min(MIN_SIZE.height, area.height)),
  };
}

function centreOn(area: Rect, width: number, height: number): Rect {
  const size = fitSize(width, height, area);
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

/**
 * Where to open the window: the saved rectangle moved fully into the display that holds most of
 * it (size clamped to that display's work area), or, when no display holds enough of it (or
 * nothing was saved), centred on the primary display. `workAreas[0]` is not assumed primary.
 */
export function placeWindow(saved: WindowBounds | null, workAreas: readonly Rect[], primary: Rect): PlacedBounds {
  if (saved === null) return { ...centreOn(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const area = saved.width * saved.height;
  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const candidate of workAreas) {
    const shared = overlap(saved, candidate);
    if (shared > bestOverlap) {
      best = candidate;
      bestOverlap = shared;
    }
  }
  if (best === null || bestOverlap < area * MIN_VISIBLE_SHARE) {
    return { ...centreOn(primary, saved.width, saved.height), maximized: saved.maximized };
  }
  const size = fitSize(saved.width, saved.height, best);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized: saved.maximized };
}

/** The parts of a BrowserWindow the tracker reads. */
type TrackedWindow = Pick<BrowserWindow, 'on' | 'isDestroyed' | 'isMaximized' | 'getNormalBounds'>;

export interface WindowStateTracker {
  /** Writes the current size and place before returning (close, session end). */
  saveSync(): void;
  dispose(): void;
}

/**
 * Remembers the window's normal bounds and maximized state: a debounced write after moves and
 * resizes, an immediate one on maximize/unmaximize, and a synchronous one on close (the app may
 * be quitting, and a promise might not settle in time).
 */
export function trackWindowState(
  window: TrackedWindow,
  settings: Pick<SettingsFile, 'update' | 'updateSync' | 'path'>,
  logger: Logger,
  delayMs = SAVE_DELAY_MS,
): WindowStateTracker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const current = (): WindowBounds | null => {
    if (window.isDestroyed()) return null;
    // Normal bounds: a maximized or minimized window still reports the size it returns to.
    const bounds = window.getNormalBounds();
    return {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(1, Math.round(bounds.width)),
      height: Math.max(1, Math.round(bounds.height)),
      maximized: window.isMaximized(),
    };
  };

  const saveLater = () => {
    if (disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const bounds = current();
      if (bounds === null) return;
      settings.update({ window: bounds }).catch((error: unknown) => {
        logger.warn(`Could not remember the window's place in ${settings.path}: ${(error as Error).message}`);
      });
    }, delayMs);
  };

  const saveSync = () => {
    if (disposed) return;
    clearTimeout(timer);
    timer = undefined;
    const bounds = current();
    if (bounds === null) return;
    try {
      settings.updateSync({ window: bounds });
    } catch (error) {
      logger.warn(`Could not remember the window's place in ${settings.path}: ${(error as Error).message}`);
    }
  };

  window.on('move', saveLater);
  window.on('resize', saveLater);
  window.on('maximize', saveLater);
  window.on('unmaximize', saveLater);
  window.on('close', saveSync);

  return {
    saveSync,
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}

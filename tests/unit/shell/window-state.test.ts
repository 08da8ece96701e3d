// Where the window opens: saved size and place, clamped to the displays that exist now.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsFile } from '../../../main/core/settings/settings-file';
import { BrowserWindow, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { placeWindow, trackWindowState, DEFAULT_SIZE } = await import('../../../main/shell/window-state');

const LAPTOP = { x: 0, y: 0, width: 1440, height: 860 };
const LEFT_MONITOR = { x: -1920, y: -200, width: 1920, height: 1050 };
const ABOVE_MONITOR = { x: 0, y: -1080, width: 1920, height: 1050 };
const RIGHT_MONITOR = { x: 1440, y: 0, width: 2560, height: 1400 };
const saved = (x: number, y: number, width = 1000, height = 700, maximized = false) => ({ x, y, width, height, maximized });
const inside = (r: { x: number; y: number; width: number; height: number }, area: typeof LAPTOP) =>
  r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;

describe('placeWindow', () => {
  it('opens a first-time window at the default size, centred on the primary display', () => {
    expect(placeWindow(null, [LAPTOP], LAPTOP)).toEqual({ x: 230, y: 70, ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps a window that is fully on a display where it was', () => {
    expect(placeWindow(saved(100, 50), [LAPTOP, RIGHT_MONITOR], LAPTOP)).toEqual(saved(100, 50));
    expect(placeWindow(saved(2000, 300, 1200, 900), [LAPTOP, RIGHT_MONITOR], LAPTOP)).toEqual(saved(2000, 300, 1200, 900));
  });

  it('keeps windows on monitors at negative coordinates (left of or above the primary)', () => {
    expect(placeWindow(saved(-1500, -100), [LAPTOP, LEFT_MONITOR], LAPTOP)).toEqual(saved(-1500, -100));
    expect(placeWindow(saved(200, -900), [LAPTOP, ABOVE_MONITOR], LAPTOP)).toEqual(saved(200, -900));
  });

  it('centres on the primary display a window left on a monitor that is unplugged now', () => {
    const placed = placeWindow(saved(2000, 300, 1200, 900, true), [LAPTOP], LAPTOP);
    expect(placed).toEqual({ x: 120, y: 0, width: 1200, height: 860, maximized: true });
    expect(inside(placed, LAPTOP)).toBe(true);
    const fromLeft = placeWindow(saved(-1500, -100), [LAPTOP], LAPTOP);
    expect(inside(fromLeft, LAPTOP)).toBe(true);
  });

  it('moves a window that hangs off an edge fully onto the display holding most of it', () => {
    expect(placeWindow(saved(800, 300), [LAPTOP], LAPTOP)).toEqual(saved(440, 160));
    expect(placeWindow(saved(-200, -50), [LAPTOP], LAPTOP)).toEqual(saved(0, 0));
  });

  it('picks the display with the larger share when the window straddles two', () => {
    // 300 px on the laptop, 700 px on the right monitor.
    const placed = placeWindow(saved(1140, 100), [LAPTOP, RIGHT_MONITOR], LAPTOP);
    expect(placed).toEqual(saved(1440, 100));
  });

  it('does not trust a sliver: too little on any display means centred on the primary', () => {
    const placed = placeWindow(saved(1400, 100), [LAPTOP], LAPTOP); // 40 of 1000 px visible
    expect(placed).toEqual({ x: 220, y: 80, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than the work area to fit it, but not below the minimum the area allows', () => {
    expect(placeWindow(saved(0, 0, 3000, 2000), [LAPTOP], LAPTOP)).toEqual(saved(0, 0, 1440, 860));
    const tiny = { x: 0, y: 0, width: 500, height: 400 };
    expect(placeWindow(saved(0, 0, 3000, 2000), [tiny], tiny)).toEqual(saved(0, 0, 500, 400));
  });

  it('uses the primary display given, not the first in the list', () => {
    const placed = placeWindow(null, [LEFT_MONITOR, LAPTOP], LAPTOP);
    expect(inside(placed, LAPTOP)).toBe(true);
  });
});

describe('trackWindowState', () => {
  let dir: string;
  let settings: SettingsFile;
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  beforeEach(async () => {
    resetElectronFakes();
    vi.useFakeTimers();
    dir = await mkdtemp(join(tmpdir(), 'aw-window-state-'));
    settings = new SettingsFile(dir);
    await settings.load();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  const onDisk = async () => (JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { window: unknown }).window;

  it('saves once after a burst of moves, with the normal bounds and the maximized state', async () => {
    const window = new BrowserWindow({ x: 10, y: 20, width: 900, height: 700 });
    const update = vi.spyOn(settings, 'update');
    trackWindowState(window as never, settings, logger, 500);
    for (let x = 10; x < 300; x += 10) window.setBounds({ x });
    expect(update).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(update).toHaveBeenCalledTimes(1);
    expect(settings.get().window).toEqual({ x: 290, y: 20, width: 900, height: 700, maximized: false });

    window.maximize();
    await vi.advanceTimersByTimeAsync(500);
    expect(settings.get().window).toMatchObject({ x: 290, width: 900, maximized: true });
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await onDisk()).toMatchObject({ maximized: true }));
  });

  it('writes synchronously on close, so a quit right after loses nothing', async () => {
    const window = new BrowserWindow({ x: 10, y: 20, width: 900, height: 700 });
    trackWindowState(window as never, settings, logger, 500);
    window.setBounds({ width: 1111 });
    window.close();
    // No timer ran and nothing was awaited: the file is already there.
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).window).toEqual({ x: 10, y: 20, width: 1111, height: 700, maximized: false });
  });

  it('stops after dispose', async () => {
    const window = new BrowserWindow({});
    const tracker = trackWindowState(window as never, settings, logger, 500);
    const update = vi.spyOn(settings, 'update');
    tracker.dispose();
    window.setBounds({ x: 5 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(update).not.toHaveBeenCalled();
  });
});

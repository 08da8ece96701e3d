// In-memory stand-ins for the parts of `electron` the shell and the preload use. Each test file
// mocks 'electron' with this module and calls resetElectronFakes() before every test.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron-style event: records preventDefault and carries extra fields (e.g. url). */
export function fakeEvent<T extends object>(extra: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  return {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  destroyed = false;
  loading = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** What happens when the page asks for `url` in a new window. */
  openWindow(url: string): { action: string } {
    if (!this.windowOpenHandler) throw new Error('no window open handler');
    return this.windowOpenHandler({ url });
  }
  /** Emits will-navigate; true when the navigation was allowed. */
  navigate(url: string): boolean {
    const event = fakeEvent({ url });
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  maximized = false;
  /** The normal (not maximized) bounds, as Electron's getNormalBounds() gives them. */
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) };
    BrowserWindow.instances.push(this);
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  /** Test control: the user moved or resized the window (emits like Electron). */
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
    // Like Electron on Windows: maximizing a hidden window shows it.
    this.visible = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.emit('show');
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The user (or app.quit) closes the window; a listener may prevent it. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    // Like Electron: a second handler on one channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  /** Like Electron: resolves with an error text, '' on success. */
  openPath: vi.fn(async (_path: string) => ''),
  /** Windows .lnk files by path; readShortcutLink throws for a missing one, like Electron. */
  shortcuts: new Map<string, ShortcutDetails>(),
  readShortcutLink: vi.fn((path: string): ShortcutDetails => {
    const found = shell.shortcuts.get(path);
    if (!found) throw new Error(`Failed to read shortcut link: ${path}`);
    return { ...found };
  }),
  writeShortcutLink: vi.fn((path: string, operation: 'create' | 'update' | 'replace', options: ShortcutDetails): boolean => {
    if (operation === 'create' && shell.shortcuts.has(path)) return false;
    shell.shortcuts.set(path, { ...options });
    return true;
  }),
};
type ShortcutDetails = { target: string; appUserModelId?: string; [key: string]: unknown };

/** protocol: handlers by scheme; `privileged` records registerSchemesAsPrivileged. */
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export const protocol = {
  handlers: new Map<string, ProtocolHandler>(),
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
    protocol.handlers.set(scheme, handler);
  }),
  registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
    protocol.privileged.push(...schemes);
  }),
};

type Rect = { x: number; y: number; width: number; height: number };
/** Displays by work area; the first is the primary one. */
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as { workArea: Rect }[],
  getAllDisplays: vi.fn(() => screen.displays),
  getPrimaryDisplay: vi.fn(() => screen.displays[0]!),
};

/** What the app set as the theme for Electron's own drawing ('system' unless told). */
export const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };

export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly title: string;
  readonly body: string;
  constructor(readonly options: { title: string; body: string; icon?: string; silent?: boolean }) {
    super();
    this.title = options.title;
    this.body = options.body;
  }
  /** Taken down by the app (a later summary replaced it). */
  closed = false;
  show(): void {
    Notification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  tooltip = '';
  menu: { template: FakeMenuItem[] } | null = null;
  /** How many times a menu was set (the tray rebuilds it only when something shown changed). */
  menuBuilds = 0;
  destroyed = false;
  constructor(public image: unknown) {
    super();
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Tray['menu']): void {
    this.menu = menu;
    this.menuBuilds += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Clicks the context-menu item with this label. */
  clickMenu(label: string): void {
    const item = this.menu?.template.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}"`);
    item.click();
  }
}

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  applicationMenu: null as { template: unknown[] } | null,
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    Menu.applicationMenu = menu;
  },
};
export const clipboard = {
  text: '',
  writeText: vi.fn((text: string) => void (clipboard.text = text)),
  // results
  /** What the last write() put on the clipboard. */
  items: [] as ClipboardItem[],
  write: vi.fn(async (items: ClipboardItem[]) => void (clipboard.items = items)),
};
// results
export class ClipboardItem {
  constructor(readonly entries: Record<string, Blob>) {}
  get types(): string[] {
    return Object.keys(this.entries);
  }
}
export const nativeImage = {
  createFromPath: (path: string) => ({
    path,
    template: false,
    setTemplateImage(on: boolean) {
      this.template = on;
    },
  }),
  // results
  /** Decodes PNG and JPEG (by their first bytes), like Electron; anything else is an empty image. */
  createFromBuffer: (buffer: Buffer) => ({
    isEmpty: () => !(buffer[0] === 0x89 || (buffer[0] === 0xff && buffer[1] === 0xd8)),
    toPNG: () => Buffer.from('png made from the decoded image'),
  }),
};

type PermissionHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionHandler | null,
    permissionCheckHandler: null as ((webContents: unknown, permission: string) => boolean) | null,
    headersListener: null as HeadersListener | null,
    beforeRequestListener: null as BeforeRequestListener | null,
    setPermissionRequestHandler(handler: PermissionHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        session.defaultSession.headersListener = listener;
      },
      onBeforeRequest(listener: BeforeRequestListener) {
        session.defaultSession.beforeRequestListener = listener;
      },
    },
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
}
export const ipcRenderer = new FakeIpcRenderer();

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  gotLock = true;
  quitted = false;
  exitCode: number | null = null;
  paths = new Map<string, string>([['userData', '/fake/user-data']]);
  private readyResolve: () => void = () => {};
  private readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  setAppUserModelId = vi.fn();
  /** What setLoginItemSettings was last told; getLoginItemSettings answers from it (plus `loginStatus`). */
  loginItem: { openAtLogin: boolean; path?: string; args?: string[] } = { openAtLogin: false };
  loginStatus: string | undefined = undefined;
  setLoginItemSettings = vi.fn((settings: { openAtLogin: boolean; path?: string; args?: string[] }) => {
    this.loginItem = { ...settings };
  });
  getLoginItemSettings = vi.fn((_options?: { path?: string; args?: string[] }) => ({
    openAtLogin: this.loginItem.openAtLogin,
    executableWillLaunchAtLogin: this.loginItem.openAtLogin,
    ...(this.loginStatus ? { status: this.loginStatus } : {}),
  }));
  version = '0.1.0';
  locale = 'en-US';
  appPath = '/fake/app';
  getVersion(): string {
    return this.version;
  }
  getName(): string {
    return 'Avatar Watch';
  }
  getLocale(): string {
    return this.locale;
  }
  /** The OS's languages, most preferred first (Electron's own list; empty where the OS gives none). */
  preferredSystemLanguages: string[] = ['en-US'];
  getPreferredSystemLanguages(): string[] {
    return this.preferredSystemLanguages;
  }
  getAppPath(): string {
    return this.appPath;
  }
  relaunch = vi.fn();
  getPath(name: string): string {
    return this.paths.get(name) ?? `/fake/${name}`;
  }
  setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test control: Electron finished starting. */
  becomeReady(): void {
    this.ready = true;
    this.readyResolve();
  }
  /** Like Electron: before-quit may be prevented; otherwise windows close and the app ends. */
  quit = vi.fn(() => {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const window of BrowserWindow.instances) if (!window.isDestroyed()) window.close();
    this.quitted = true;
  });
  exit = vi.fn((code = 0) => {
    this.exitCode = code;
  });
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.ready = false;
    this.gotLock = true;
    this.quitted = false;
    this.exitCode = null;
    this.paths = new Map([['userData', '/fake/user-data']]);
    this.version = '0.1.0';
    this.locale = 'en-US';
    this.appPath = '/fake/app';
    this.relaunch.mockClear();
    this.readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
    this.requestSingleInstanceLock.mockClear();
    this.setAppUserModelId.mockClear();
    this.loginItem = { openAtLogin: false };
    this.loginStatus = undefined;
    this.setLoginItemSettings.mockClear();
    this.getLoginItemSettings.mockClear();
    this.setPath.mockClear();
    this.quit.mockClear();
    this.exit.mockClear();
  }
}
export const app = new FakeApp();

export const dialog = {
  showErrorBox: vi.fn(),
  /** Answers with the first button unless a test scripts otherwise; called as (options) or (window, options). */
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  // labels
  /** Cancelled unless a test scripts a path; called as (options) or (window, options). */
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
  // results
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
};

/** Emit 'suspend' / 'resume' to play the computer sleeping and waking. */
export const powerMonitor = new EventEmitter();

/** `online` is what the OS says about the network; flip it to play a cable pulled out. */
export const net = {
  online: true,
  isOnline: vi.fn((): boolean => net.online),
  fetch: vi.fn(async (_input: string | URL | Request, _init?: RequestInit) => new Response('{}')),
};

export function resetElectronFakes(): void {
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  shell.openExternal.mockReset();
  shell.openExternal.mockImplementation(async () => {});
  shell.openPath.mockReset();
  shell.openPath.mockImplementation(async () => '');
  Menu.applicationMenu = null;
  clipboard.text = '';
  clipboard.writeText.mockClear();
  clipboard.items = [];
  clipboard.write.mockClear();
  dialog.showSaveDialog.mockReset();
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
  dialog.showOpenDialog.mockReset();
  dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  Notification.supported = true;
  Notification.shown = [];
  nativeTheme.themeSource = 'system';
  Tray.instances = [];
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  session.defaultSession.headersListener = null;
  session.defaultSession.beforeRequestListener = null;
  shell.shortcuts.clear();
  shell.readShortcutLink.mockClear();
  shell.writeShortcutLink.mockClear();
  protocol.handlers.clear();
  protocol.privileged = [];
  protocol.handle.mockClear();
  protocol.registerSchemesAsPrivileged.mockClear();
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockReset();
  ipcRenderer.invoke.mockImplementation(async () => undefined);
  app.reset();
  dialog.showErrorBox.mockClear();
  dialog.showMessageBox.mockReset();
  dialog.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
  powerMonitor.removeAllListeners();
  net.online = true;
  net.isOnline.mockClear();
  net.fetch.mockClear();
}

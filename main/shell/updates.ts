// Help > Check for updates. Only when the user asks, and only with their consent at each step:
// nothing is downloaded before they say "Download", nothing is installed before they say
// "Restart and install" (electron-updater's autoDownload and autoInstallOnAppQuit are off).
//
// Which builds can update themselves (electron-updater replaces the running copy):
// - Windows NSIS installs. Not the portable exe (electron-builder's portable stub sets
//   PORTABLE_EXECUTABLE_FILE): there is no installation to replace.
// - Linux AppImages (the AppImage runtime sets APPIMAGE to the file to replace).
// - macOS builds signed with a Developer ID. Squirrel.Mac checks that the update is signed by the
//   same identity as the running app, so an ad-hoc signed build (our default without Apple
//   credentials, see electron-builder.yml) can never install one. We ask `codesign` about the
//   running bundle rather than trusting a build-time flag: it is what Squirrel.Mac itself will
//   look at, it costs one bounded call, and only when the user asks for updates.
// Everything else (.deb, running from source, unsigned Mac) gets the download page instead.
import { app, dialog, type BrowserWindow } from 'electron';
import { AppImageUpdater, MacUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/ports';
import type { Translate } from './text';

export type SelfUpdateTarget = 'nsis' | 'appimage' | 'mac';
export type ManualReason = 'unpackaged' | 'portable' | 'deb' | 'mac-unsigned' | 'other';
export type UpdateRoute = { kind: 'self'; target: SelfUpdateTarget } | { kind: 'manual'; reason: ManualReason };

export type MacSignature = 'developer-id' | 'ad-hoc' | 'unsigned' | 'unknown';

export interface BuildFacts {
  platform: NodeJS.Platform;
  packaged: boolean;
  env: { PORTABLE_EXECUTABLE_FILE?: string; APPIMAGE?: string };
  /** Linux: electron-builder writes resources/package-type ("deb", "rpm", …) into system packages. */
  linuxPackageType: string | null;
  /** macOS: how the running bundle is signed (asked only there). */
  macSignature: () => Promise<MacSignature>;
}

export async function chooseUpdateRoute(facts: BuildFacts): Promise<UpdateRoute> {
  if (!facts.packaged) return { kind: 'manual', reason: 'unpackaged' };
  switch (facts.platform) {
    case 'win32':
      return facts.env.PORTABLE_EXECUTABLE_FILE
        ? { kind: 'manual', reason: 'portable' }
        : { kind: 'self', target: 'nsis' };
    case 'linux':
      if (facts.env.APPIMAGE) return { kind: 'self', target: 'appimage' };
      return { kind: 'manual', reason: facts.linuxPackageType === 'deb' ? 'deb' : 'other' };
    case 'darwin':
      return (await facts.macSignature()) === 'developer-id'
        ? { kind: 'self', target: 'mac' }
        : { kind: 'manual', reason: 'mac-unsigned' };
    default:
      return { kind: 'manual', reason: 'other' };
  }
}

/** One line for diagnostics: how this copy gets its updates. */
export function describeRoute(route: UpdateRoute): string {
  if (route.kind === 'self') {
    const name = { nsis: 'Windows installer (NSIS)', appimage: 'AppImage', mac: 'macOS, Developer ID signed' }[route.target];
    return `${name}: updates itself when the user agrees`;
  }
  const why = {
    unpackaged: 'running from source',
    portable: 'Windows portable exe',
    deb: '.deb package',
    'mac-unsigned': 'macOS build without a Developer ID signature',
    other: 'this kind of build',
  }[route.reason];
  return `by hand from the download page (${why})`;
}

/**
 * Reads `codesign -dv --verbose=2` output (it writes to stderr). A Developer ID build names its
 * authority chain ("Authority=Developer ID Application: …"); an ad-hoc one says
 * "Signature=adhoc" and has no authority; an unsigned one says "not signed at all".
 */
export function parseCodesignOutput(output: string): MacSignature {
  if (/code object is not signed at all/i.test(output)) return 'unsigned';
  if (/^Signature=adhoc$/im.test(output)) return 'ad-hoc';
  if (/^Authority=Developer ID Application:/im.test(output) && /^TeamIdentifier=(?!not set)\S+/im.test(output)) {
    return 'developer-id';
  }
  return /^Executable=/im.test(output) ? 'ad-hoc' : 'unknown';
}

const CODESIGN_TIMEOUT_MS = 5_000;

/** How the running .app bundle is signed; 'unknown' when codesign fails or takes too long. */
export function readMacSignature(executablePath: string): Promise<MacSignature> {
  // <bundle>.app/Contents/MacOS/<executable> → <bundle>.app
  const bundle = resolve(executablePath, '..', '..', '..');
  return new Promise((done) => {
    execFile('/usr/bin/codesign', ['-dv', '--verbose=2', bundle], { timeout: CODESIGN_TIMEOUT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      // codesign exits 1 for an unsigned bundle but still says so: let the parser decide.
      done(error !== null && !/not signed at all/i.test(output) ? 'unknown' : parseCodesignOutput(output));
    });
  });
}

export type UpdateErrorCode = 'offline' | 'not-found' | 'checksum' | 'server' | 'unknown';

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'EPIPE',
]);

/** What went wrong, as a code the dialog words (electron-updater's errors carry `code`s of their own). */
export function classifyUpdateError(error: unknown): UpdateErrorCode {
  const { code, statusCode, message } = (error ?? {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(text)) return 'checksum';
  if (
    code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' ||
    code === 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND' ||
    code === 'ERR_UPDATER_NO_PUBLISHED_VERSIONS' ||
    statusCode === 404
  ) {
    return 'not-found';
  }
  if (typeof statusCode === 'number' && statusCode >= 400) return 'server';
  // Node's errors carry the socket error code; Electron's net module puts it in the message.
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || /net::ERR_|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(text)) {
    return 'offline';
  }
  return 'unknown';
}

/** The part of electron-updater's AppUpdater the flow uses (a test can hand in a real one). */
export type Updater = Pick<AppUpdater, 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'>;

export type MessageBox = (options: {
  type: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
  buttons: string[];
  defaultId?: number;
  cancelId?: number;
}) => Promise<{ response: number }>;

/** What one check ended with: for logs and tests (the user saw a dialog for each). */
export type UpdateOutcome =
  | 'busy'
  | 'manual'
  | 'up-to-date'
  | 'declined'
  | 'downloaded-later'
  | 'installing'
  | `check-failed:${UpdateErrorCode}`
  | `download-failed:${UpdateErrorCode}`;

export interface UpdateFlowOptions {
  t: Translate;
  logger: Logger;
  currentVersion: string;
  route: () => Promise<UpdateRoute>;
  createUpdater: (target: SelfUpdateTarget) => Updater;
  showMessageBox: MessageBox;
  openDownloadPage: () => void;
  /** Runs right before electron-updater installs and quits (the Electron flow releases the single-instance lock). */
  beforeInstall?: () => void;
}

export interface UpdateFlow {
  /** The whole conversation: check, ask, download, ask, install. Resolves when it ends. */
  check(): Promise<UpdateOutcome>;
  /** How this build gets its updates (worked out once). */
  route(): Promise<UpdateRoute>;
}

export function createUpdateFlow(options: UpdateFlowOptions): UpdateFlow {
  const { t, logger } = options;
  let routePromise: Promise<UpdateRoute> | null = null;
  let updater: Updater | null = null;
  let busy = false;

  const route = (): Promise<UpdateRoute> => (routePromise ??= options.route());

  function getUpdater(target: SelfUpdateTarget): Updater {
    if (updater === null) {
      updater = options.createUpdater(target);
      // The user decides every step; never behind their back.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = false;
      updater.logger = logger;
    }
    return updater;
  }

  /** A question with two buttons, `yes` first (the default) and `no` (also Esc). True for `yes`. */
  async function ask(type: 'info' | 'warning' | 'error', message: string, detail: string, yes: string, no: string): Promise<boolean> {
    const { response } = await options.showMessageBox({ type, message, detail, buttons: [yes, no], defaultId: 0, cancelId: 1 });
    return response === 0;
  }

  async function offerDownloadPage(message: string, detail: string, type: 'info' | 'error'): Promise<void> {
    if (await ask(type, message, detail, t('updates.openDownloadPage'), t('updates.close'))) options.openDownloadPage();
  }

  async function failed(stage: 'check' | 'download', error: unknown): Promise<UpdateOutcome> {
    const code = classifyUpdateError(error);
    logger.warn(`Update ${stage} failed (${code}): ${error instanceof Error ? error.message : String(error)}`);
    const message = stage === 'check' ? t('updates.checkFailed') : t('updates.downloadFailed');
    const reason = t(`updates.error.${code}`, { message: error instanceof Error ? error.message : String(error) });
    await offerDownloadPage(message, `${reason}\n\n${t('updates.errorDetail')}`, 'error');
    return `${stage}-failed:${code}`;
  }

  async function run(): Promise<UpdateOutcome> {
    const chosen = await route();
    if (chosen.kind === 'manual') {
      await offerDownloadPage(t('updates.manual'), t(`updates.manualReason.${chosen.reason}`), 'info');
      return 'manual';
    }
    const current = getUpdater(chosen.target);
    let result: Awaited<ReturnType<Updater['checkForUpdates']>>;
    try {
      result = await current.checkForUpdates();
    } catch (error) {
      return failed('check', error);
    }
    if (result === null) {
      // electron-updater found this build not updatable after all (e.g. APPIMAGE unset).
      await offerDownloadPage(t('updates.manual'), t('updates.manualReason.other'), 'info');
      return 'manual';
    }
    const version = result.updateInfo.version;
    if (!result.isUpdateAvailable) {
      await options.showMessageBox({
        type: 'info',
        message: t('updates.upToDate', { version: options.currentVersion }),
        buttons: [t('updates.close')],
      });
      return 'up-to-date';
    }
    const wanted = await ask(
      'info',
      t('updates.available', { version, current: options.currentVersion }),
      t('updates.availableDetail'),
      t('updates.download'),
      t('updates.later'),
    );
    if (!wanted) return 'declined';

    // Not awaited: the user may close it or leave it open while the download runs.
    void options
      .showMessageBox({
        type: 'info',
        message: t('updates.downloading', { version }),
        detail: t('updates.downloadingDetail'),
        buttons: [t('updates.close')],
      })
      .catch(() => {});
    try {
      await current.downloadUpdate(result.cancellationToken);
    } catch (error) {
      return failed('download', error);
    }
    const install = await ask('info', t('updates.ready', { version }), t('updates.readyDetail'), t('updates.restart'), t('updates.later'));
    if (!install) return 'downloaded-later';
    logger.info(`Restarting to install version ${version}.`);
    options.beforeInstall?.();
    // Quits through app.quit, so the watchlist is flushed by the usual before-quit path.
    current.quitAndInstall();
    return 'installing';
  }

  return {
    route,
    async check() {
      if (busy) {
        await options.showMessageBox({ type: 'info', message: t('updates.busy'), buttons: [t('updates.close')] });
        return 'busy';
      }
      busy = true;
      try {
        const outcome = await run();
        logger.info(`Update check: ${outcome}`);
        return outcome;
      } finally {
        busy = false;
      }
    },
  };
}

function readLinuxPackageType(): string | null {
  try {
    return readFileSync(join(process.resourcesPath, 'package-type'), 'utf8').trim();
  } catch {
    return null;
  }
}

export interface ElectronUpdateFlowOptions {
  t: Translate;
  logger: Logger;
  openDownloadPage: () => void;
  /** The window to attach dialogs to, or null when it is hidden (then they stand alone). */
  parentWindow: () => BrowserWindow | null;
  /** Lets the app know the coming quit is real (a window that hides to the tray on close must close). */
  beforeQuitForUpdate: () => void;
}

/** The flow wired to Electron: the real build facts, electron-updater, native dialogs. */
export function createElectronUpdateFlow(options: ElectronUpdateFlowOptions): UpdateFlow {
  return createUpdateFlow({
    t: options.t,
    logger: options.logger,
    currentVersion: app.getVersion(),
    route: () =>
      chooseUpdateRoute({
        platform: process.platform,
        packaged: app.isPackaged,
        env: { PORTABLE_EXECUTABLE_FILE: process.env.PORTABLE_EXECUTABLE_FILE, APPIMAGE: process.env.APPIMAGE },
        linuxPackageType: process.platform === 'linux' && app.isPackaged ? readLinuxPackageType() : null,
        macSignature: () => readMacSignature(app.getPath('exe')),
      }),
    // Each reads resources/app-update.yml (from electron-builder's `publish` setting).
    createUpdater: (target) => {
      switch (target) {
        case 'nsis':
          return new NsisUpdater();
        case 'appimage':
          return new AppImageUpdater();
        case 'mac':
          return new MacUpdater();
      }
    },
    showMessageBox: (box) => {
      const parent = options.parentWindow();
      const settings = { ...box, title: options.t('updates.title'), noLink: true };
      return parent === null ? dialog.showMessageBox(settings) : dialog.showMessageBox(parent, settings);
    },
    openDownloadPage: options.openDownloadPage,
    // The AppImage updater starts the new version at once, while this one is still quitting:
    // holding the lock, we would make it leave as a "second instance" and nothing would be
    // running. The installer (Windows) and ShipIt (macOS) wait for us to exit anyway.
    // On macOS, Squirrel closes every window before it quits: a window that hides to the tray
    // instead would stop the install, so the app is told first that this quit is real.
    beforeInstall: () => {
      options.beforeQuitForUpdate();
      app.releaseSingleInstanceLock();
    },
  });
}

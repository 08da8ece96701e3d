// Help > Check for updates. The decision table (which builds update themselves), the error codes,
// and the whole conversation run against the real electron-updater (AppImageUpdater with its
// generic provider, YAML parsing, version comparison, download and sha512 check) reading a
// local update feed served on 127.0.0.1. Electron itself is replaced by the fake app behind
// electron-updater's own ElectronAppAdapter, and its Electron `net` transport by a Node one.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import { ElectronAppAdapter } from 'electron-updater/out/ElectronAppAdapter';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import en from '../../../renderer/src/i18n/en';
import type { Logger } from '../../../main/core/ports';
import { createTranslator } from '../../../main/shell/text';
import { app, resetElectronFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const {
  chooseUpdateRoute,
  classifyUpdateError,
  createUpdateFlow,
  describeRoute,
  parseCodesignOutput,
} = await import('../../../main/shell/updates');
type UpdateFlowOptions = Parameters<typeof createUpdateFlow>[0];
type MessageBox = UpdateFlowOptions['showMessageBox'];

const t = createTranslator('en');
const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('which builds update themselves', () => {
  const base = { packaged: true, env: {}, linuxPackageType: null, macSignature: async () => 'unknown' as const };

  it('Windows: the NSIS install does, the portable exe does not', async () => {
    expect(await chooseUpdateRoute({ ...base, platform: 'win32' })).toEqual({ kind: 'self', target: 'nsis' });
    expect(await chooseUpdateRoute({ ...base, platform: 'win32', env: { PORTABLE_EXECUTABLE_FILE: 'C:\\x\\Avatar Watch.exe' } })).toEqual({
      kind: 'manual',
      reason: 'portable',
    });
  });

  it('Linux: the AppImage does, the .deb does not', async () => {
    expect(await chooseUpdateRoute({ ...base, platform: 'linux', env: { APPIMAGE: '/home/a/Avatar.AppImage' } })).toEqual({
      kind: 'self',
      target: 'appimage',
    });
    expect(await chooseUpdateRoute({ ...base, platform: 'linux', linuxPackageType: 'deb' })).toEqual({ kind: 'manual', reason: 'deb' });
    expect(await chooseUpdateRoute({ ...base, platform: 'linux' })).toEqual({ kind: 'manual', reason: 'other' });
  });

  it('macOS: only a Developer ID signed build does', async () => {
    const mac = (signature: 'developer-id' | 'ad-hoc' | 'unsigned' | 'unknown') =>
      chooseUpdateRoute({ ...base, platform: 'darwin', macSignature: async () => signature });
    expect(await mac('developer-id')).toEqual({ kind: 'self', target: 'mac' });
    for (const other of ['ad-hoc', 'unsigned', 'unknown'] as const) expect(await mac(other)).toEqual({ kind: 'manual', reason: 'mac-unsigned' });
  });

  it('running from source never does, and never asks codesign', async () => {
    const macSignature = vi.fn(async () => 'developer-id' as const);
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      expect(await chooseUpdateRoute({ ...base, platform, packaged: false, env: { APPIMAGE: '/x' }, macSignature })).toEqual({
        kind: 'manual',
        reason: 'unpackaged',
      });
    }
    expect(macSignature).not.toHaveBeenCalled();
  });

  it('reads how a Mac bundle is signed from codesign', () => {
    const developerId = [
      'Executable=/Applications/Avatar Watch.app/Contents/MacOS/Avatar Watch',
      'Identifier=com.avatarwatch.app',
      'Format=app bundle with Mach-O universal (x86_64 arm64)',
      'Authority=Developer ID Application: Avatar Watch team (ABCDE12345)',
      'Authority=Developer ID Certification Authority',
      'Authority=Apple Root CA',
      'TeamIdentifier=ABCDE12345',
    ].join('\n');
    const adHoc = [
      'Executable=/Applications/Avatar Watch.app/Contents/MacOS/Avatar Watch',
      'Identifier=com.avatarwatch.app',
      'Signature=adhoc',
      'TeamIdentifier=not set',
    ].join('\n');
    expect(parseCodesignOutput(developerId)).toBe('developer-id');
    expect(parseCodesignOutput(adHoc)).toBe('ad-hoc');
    expect(parseCodesignOutput('/Applications/Avatar Watch.app: code object is not signed at all')).toBe('unsigned');
    // A Developer ID authority without a team is not something Squirrel.Mac will accept.
    expect(parseCodesignOutput(developerId.replace('TeamIdentifier=ABCDE12345', 'TeamIdentifier=not set'))).toBe('ad-hoc');
    expect(parseCodesignOutput('')).toBe('unknown');
  });

  it('says in one line how this copy is updated (for diagnostics)', () => {
    expect(describeRoute({ kind: 'self', target: 'appimage' })).toBe('AppImage: updates itself when the user agrees');
    expect(describeRoute({ kind: 'manual', reason: 'deb' })).toBe('by hand from the download page (.deb package)');
  });
});

describe('update error codes', () => {
  it('tells a feed that cannot be reached, a missing feed, a server error and a damaged download apart', () => {
    expect(classifyUpdateError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('offline');
    expect(classifyUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('offline');
    expect(classifyUpdateError(Object.assign(new Error('Cannot find channel'), { code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' }))).toBe('not-found');
    expect(classifyUpdateError(Object.assign(new Error('HTTP error: Bad Gateway'), { statusCode: 502 }))).toBe('server');
    expect(classifyUpdateError(Object.assign(new Error('sha512 checksum mismatch'), { code: 'ERR_CHECKSUM_MISMATCH' }))).toBe('checksum');
    expect(classifyUpdateError(new Error('something else'))).toBe('unknown');
    expect(classifyUpdateError(undefined)).toBe('unknown');
  });
});

// ---------------------------------------------------------------------------------------------
// The loopback update feed.

/** Node's http in place of Electron's net (which needs the Electron binary); loopback only. */
class LoopbackHttpExecutor extends HttpExecutor<ClientRequest> {
  override createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    if (options.hostname !== '127.0.0.1' && options.host !== '127.0.0.1') {
      throw new Error(`The update test may only talk to 127.0.0.1, not ${options.hostname ?? options.host}`);
    }
    return request(options, callback);
  }

  /** As electron-updater's ElectronHttpExecutor does it; the base class streams, hashes and checks. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, responseHandler: null, callback: (error) => (error ? reject(error) : resolve(destination)) },
        0,
      );
    });
  }
}

interface Feed {
  url: string;
  /** Request paths in order (query strings dropped). */
  requests: string[];
  close(): Promise<void>;
}

const PAYLOAD = Buffer.from(`#!/bin/sh\necho "Avatar Watch 0.2.0"\n${'x'.repeat(4096)}\n`);
const FILE_NAME = 'Avatar-Watch-0.2.0.AppImage';

function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** A generic-provider feed: latest*.yml naming `FILE_NAME` with its size and sha512. */
async function startFeed(options: { version: string; sha512?: string; missing?: boolean }): Promise<Feed> {
  const requests: string[] = [];
  const yml = [
    `version: ${options.version}`,
    'files:',
    `  - url: ${FILE_NAME}`,
    `    sha512: ${options.sha512 ?? sha512(PAYLOAD)}`,
    `    size: ${PAYLOAD.length}`,
    `path: ${FILE_NAME}`,
    `sha512: ${options.sha512 ?? sha512(PAYLOAD)}`,
    "releaseDate: '2026-11-29T10:00:00.000Z'",
    '',
  ].join('\n');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    // latest-linux.yml here; latest.yml / latest-mac.yml when the suite runs on Windows / macOS.
    if (/^\/latest[\w-]*\.yml$/.test(path) && !options.missing) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    } else if (path === `/${FILE_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': PAYLOAD.length }).end(PAYLOAD);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, then closed again. */
async function deadFeedUrl(): Promise<string> {
  const feed = await startFeed({ version: '0.2.0' });
  await feed.close();
  return feed.url;
}

describe('checking for updates against a local feed', () => {
  let folder: string;
  let feed: Feed | null = null;
  let dialogs: { message: string; detail?: string; buttons: string[] }[];
  let answers: string[];
  let openDownloadPage: Mock<() => void>;
  let updater: AppImageUpdater | null = null;
  let quitAndInstall: Mock<() => void>;
  let beforeInstall: Mock<() => void>;

  beforeEach(() => {
    resetElectronFakes();
    folder = mkdtempSync(join(tmpdir(), 'aw-updates-'));
    // What electron-updater reads through the fake app and the environment.
    app.isPackaged = true;
    app.version = '0.1.0';
    app.paths.set('userData', join(folder, 'user-data'));
    app.becomeReady();
    const appImage = join(folder, 'Avatar-Watch-0.1.0.AppImage');
    writeFileSync(appImage, 'the running AppImage');
    vi.stubEnv('APPIMAGE', appImage);
    // The download cache (electron-updater's getAppCacheDir) goes to the temp folder on any OS.
    vi.stubEnv('XDG_CACHE_HOME', join(folder, 'cache'));
    vi.stubEnv('LOCALAPPDATA', join(folder, 'cache'));
    vi.stubEnv('HOME', folder);
    dialogs = [];
    answers = [];
    openDownloadPage = vi.fn<() => void>();
    quitAndInstall = vi.fn<() => void>();
    beforeInstall = vi.fn<() => void>();
    updater = null;
  });

  afterEach(async () => {
    await feed?.close();
    feed = null;
    vi.unstubAllEnvs();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The real AppImageUpdater reading app-update.yml that points at `url`, as a packaged build would. */
  function realUpdater(url: string): AppImageUpdater {
    const config = join(folder, 'app-update.yml');
    writeFileSync(config, `provider: generic\nurl: ${url}\nupdaterCacheDirName: avatar-watch-updater\n`);
    const created = new AppImageUpdater(undefined, new ElectronAppAdapter(app as unknown as Electron.App));
    (created as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new LoopbackHttpExecutor();
    created.updateConfigPath = config;
    // Full downloads only: the differential path needs a real AppImage with an embedded block map.
    created.disableDifferentialDownload = true;
    // Installing would replace the AppImage and start it; the test only checks it was asked for.
    created.quitAndInstall = quitAndInstall;
    updater = created;
    return created;
  }

  /** Answers each dialog with the button whose text comes next in `answers` (the first otherwise). */
  const showMessageBox: MessageBox = async (box) => {
    dialogs.push({ message: box.message, detail: box.detail, buttons: box.buttons });
    if (box.buttons.length === 1) return { response: 0 };
    const wanted = answers.shift();
    const index = wanted === undefined ? 0 : box.buttons.indexOf(wanted);
    if (index < 0) throw new Error(`no button "${wanted}" in ${JSON.stringify(box.buttons)}`);
    return { response: index };
  };

  function flow(url: string) {
    return createUpdateFlow({
      t,
      logger: quietLogger,
      currentVersion: '0.1.0',
      route: async () => ({ kind: 'self', target: 'appimage' }),
      createUpdater: () => realUpdater(url),
      showMessageBox,
      openDownloadPage,
      beforeInstall,
    });
  }

  function cachedFiles(): string[] {
    const cache = join(folder, 'cache', 'avatar-watch-updater');
    if (!existsSync(cache)) return [];
    return readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  }

  it('offers a newer version and downloads nothing when the user says "Not now"', async () => {
    feed = await startFeed({ version: '0.2.0' });
    answers = [en.updates.later];
    expect(await flow(feed.url).check()).toBe('declined');
    expect(dialogs).toEqual([
      {
        message: 'Avatar Watch 0.2.0 is available. You have 0.1.0.',
        detail: en.updates.availableDetail,
        buttons: [en.updates.download, en.updates.later],
      },
    ]);
    expect(feed.requests.every((path) => path.endsWith('.yml'))).toBe(true);
    expect(feed.requests).not.toContain(`/${FILE_NAME}`);
    expect(cachedFiles()).toEqual([]);
    // Never automatic, whatever electron-updater's defaults are.
    expect(updater?.autoDownload).toBe(false);
    expect(updater?.autoInstallOnAppQuit).toBe(false);
  });

  it('downloads only after "Download", checks the sha512, and installs only after "Restart and install"', async () => {
    feed = await startFeed({ version: '0.2.0' });
    answers = [en.updates.download, en.updates.later];
    const updates = flow(feed.url);
    expect(await updates.check()).toBe('downloaded-later');
    expect(feed.requests).toContain(`/${FILE_NAME}`);
    const downloaded = join(folder, 'cache', 'avatar-watch-updater', 'pending', FILE_NAME);
    expect(readFileSync(downloaded)).toEqual(PAYLOAD);
    expect(dialogs.map((box) => box.message)).toEqual([
      'Avatar Watch 0.2.0 is available. You have 0.1.0.',
      'Downloading Avatar Watch 0.2.0…',
      'Avatar Watch 0.2.0 is downloaded and ready to install.',
    ]);
    expect(dialogs[2]?.buttons).toEqual([en.updates.restart, en.updates.later]);
    expect(quitAndInstall).not.toHaveBeenCalled();
    expect(beforeInstall).not.toHaveBeenCalled();

    // Asked again later: the verified download is reused, and this time the user restarts.
    const downloadsBefore = feed.requests.filter((path) => path === `/${FILE_NAME}`).length;
    answers = [en.updates.download, en.updates.restart];
    expect(await updates.check()).toBe('installing');
    expect(quitAndInstall).toHaveBeenCalledOnce();
    expect(beforeInstall).toHaveBeenCalledOnce();
    expect(beforeInstall.mock.invocationCallOrder[0]).toBeLessThan(quitAndInstall.mock.invocationCallOrder[0]!);
    expect(feed.requests.filter((path) => path === `/${FILE_NAME}`)).toHaveLength(downloadsBefore);
  });

  it('throws away a download whose sha512 does not match, and says so', async () => {
    feed = await startFeed({ version: '0.2.0', sha512: sha512(Buffer.from('something else')) });
    answers = [en.updates.download, en.updates.close];
    expect(await flow(feed.url).check()).toBe('download-failed:checksum');
    expect(dialogs.at(-1)).toMatchObject({
      message: en.updates.downloadFailed,
      detail: `${en.updates.error.checksum}\n\n${en.updates.errorDetail}`,
    });
    expect(cachedFiles()).not.toContain(FILE_NAME);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('says "up to date" when the feed has the same version', async () => {
    feed = await startFeed({ version: '0.1.0' });
    expect(await flow(feed.url).check()).toBe('up-to-date');
    expect(dialogs).toEqual([{ message: 'You have the latest version of Avatar Watch (0.1.0).', detail: undefined, buttons: [en.updates.close] }]);
    expect(feed.requests).not.toContain(`/${FILE_NAME}`);
  });

  it('does not offer an older version', async () => {
    feed = await startFeed({ version: '0.0.9' });
    expect(await flow(feed.url).check()).toBe('up-to-date');
  });

  it('gives a clear "cannot reach" error when the feed is down, with the download page as a way out', async () => {
    const url = await deadFeedUrl();
    answers = [en.updates.openDownloadPage];
    expect(await flow(url).check()).toBe('check-failed:offline');
    expect(dialogs).toEqual([
      {
        message: en.updates.checkFailed,
        detail: `${en.updates.error.offline}\n\n${en.updates.errorDetail}`,
        buttons: [en.updates.openDownloadPage, en.updates.close],
      },
    ]);
    expect(openDownloadPage).toHaveBeenCalledOnce();
  });

  it('says the feed has no update information when it answers 404', async () => {
    feed = await startFeed({ version: '0.2.0', missing: true });
    answers = [en.updates.close];
    expect(await flow(feed.url).check()).toBe('check-failed:not-found');
    expect(dialogs[0]?.detail).toContain(en.updates.error['not-found']);
    expect(openDownloadPage).not.toHaveBeenCalled();
  });

  it('runs one check at a time', async () => {
    feed = await startFeed({ version: '0.2.0' });
    let release: (answer: { response: number }) => void = () => {};
    const updates = createUpdateFlow({
      t,
      logger: quietLogger,
      currentVersion: '0.1.0',
      route: async () => ({ kind: 'self', target: 'appimage' }),
      createUpdater: () => realUpdater(feed!.url),
      showMessageBox: async (box) => {
        dialogs.push({ message: box.message, buttons: box.buttons });
        // The first dialog stays open until released; "busy" answers at once.
        return box.buttons.length === 1 ? { response: 0 } : new Promise((resolve) => (release = resolve));
      },
      openDownloadPage,
    });
    const first = updates.check();
    await vi.waitFor(() => expect(dialogs).toHaveLength(1));
    expect(await updates.check()).toBe('busy');
    expect(dialogs[1]?.message).toBe(en.updates.busy);
    release({ response: 1 });
    expect(await first).toBe('declined');
  });
});

describe('builds that cannot update themselves', () => {
  it('offer the download page with the reason, and never build an updater', async () => {
    const createUpdater = vi.fn<UpdateFlowOptions['createUpdater']>();
    const openDownloadPage = vi.fn<() => void>();
    const shown: { message: string; detail?: string }[] = [];
    const updates = createUpdateFlow({
      t,
      logger: quietLogger,
      currentVersion: '0.1.0',
      route: async () => ({ kind: 'manual', reason: 'mac-unsigned' }),
      createUpdater,
      showMessageBox: async (box) => {
        shown.push(box);
        return { response: 1 };
      },
      openDownloadPage,
    });
    expect(await updates.check()).toBe('manual');
    expect(shown).toMatchObject([{ message: en.updates.manual, detail: en.updates.manualReason['mac-unsigned'] }]);
    expect(createUpdater).not.toHaveBeenCalled();
    expect(openDownloadPage).not.toHaveBeenCalled();
  });
});

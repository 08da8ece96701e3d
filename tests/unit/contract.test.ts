// The contract's one map (preload/api.ts CONTRACT) and what is derived from it. The type checks
// run in `vue-tsc --build` (this file is in tsconfig.node.json): each `@ts-expect-error` line must
// fail to compile, so a host table missing a command, or a map that disagrees with the interface,
// is a build error rather than a call that hangs or is refused at run time.
import { describe, expect, it } from 'vitest';
import {
  COMMAND_CHANNELS,
  COMMAND_NAMES,
  CONTRACT,
  EVENT_CHANNELS,
  EVENT_NAMES,
  answersNothing,
  answersWithResult,
  eventMethod,
  runsIn,
  type AvatarWatchApi,
  type CommandHandlers,
  type CoreCommand,
  type EventName,
  type HostCommand,
  type PageCommand,
  type ResultAnsweringCommand,
  type ResultCommand,
} from '../../preload/api';
import type { ServiceCommands } from '../../main/core/service';
import type { ShellHandlers } from '../../main/shell/ipc';
import type { PreviewHostHandlers } from '../../main/web-host/preview-server';

const noAnswer = () => Promise.resolve(undefined as never);

describe('the contract map', () => {
  it('names every command and event of the API once, each on its own channel', () => {
    const api: Record<keyof AvatarWatchApi, true> = Object.fromEntries(
      [...COMMAND_NAMES, ...EVENT_NAMES.map(eventMethod)].map((name) => [name, true]),
    ) as Record<keyof AvatarWatchApi, true>;
    expect(Object.keys(api)).toHaveLength(COMMAND_NAMES.length + EVENT_NAMES.length);
    const channels = [...Object.values(COMMAND_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(channels).size).toBe(channels.length);
    for (const name of COMMAND_NAMES) expect(COMMAND_CHANNELS[name]).toBe(CONTRACT.commands[name].channel);
    for (const name of EVENT_NAMES) expect(EVENT_CHANNELS[name]).toBe(CONTRACT.events[name].channel);
  });

  it('says who runs each command and how it answers, as the hosts need it', () => {
    expect(COMMAND_NAMES.filter((name) => runsIn(name) === 'page').sort()).toEqual(['openImage', 'saveExport', 'sendTestNotification']);
    expect(COMMAND_NAMES.filter((name) => runsIn(name) === 'host').sort()).toEqual(['copyImage', 'getDesktopSettings', 'saveAllImages', 'saveImage', 'setDesktopSettings']);
    // Electron's former hand list (ANSWERS_WITH_RESULT) plus removeApiKey, the preview's updateSettings among them.
    expect(COMMAND_NAMES.filter(answersWithResult).sort()).toEqual(
      ['openImage', 'removeApiKey', 'saveApiKey', 'saveExport', 'sendTestNotification', 'setDesktopSettings', 'setLabel', 'updateSettings'].sort(),
    );
    expect(COMMAND_NAMES.filter(answersNothing).sort()).toEqual(['checkAll', 'checkNow', 'checkPhotos', 'dismissNotice', 'removePhoto', 'setCheckingPaused']);
    expect(eventMethod('stateChanged')).toBe('onStateChanged');
  });

  it('fails to compile when a host lacks a handler or the map disagrees with the interface', () => {
    // Each host's table is typed by the map: leaving one command out does not compile.
    // @ts-expect-error saveExport has no handler in the Electron shell
    const shell: ShellHandlers = { openImage: noAnswer, sendTestNotification: noAnswer, getDesktopSettings: noAnswer, setDesktopSettings: noAnswer, copyImage: noAnswer, saveImage: noAnswer, saveAllImages: noAnswer };
    // @ts-expect-error saveAllImages has no handler in the preview host
    const preview: PreviewHostHandlers = { getDesktopSettings: noAnswer, setDesktopSettings: noAnswer, copyImage: noAnswer, saveImage: noAnswer };
    // @ts-expect-error the preview page must open images itself
    const page: CommandHandlers<PageCommand> = { sendTestNotification: noAnswer, saveExport: noAnswer };
    // A core command the service does not answer does not compile either.
    // @ts-expect-error the service lacks getSnapshot
    const service: Pick<ServiceCommands, 'getSnapshot' | 'checkNow'> = { checkNow: noAnswer };
    // A handler must take the command's own arguments.
    // @ts-expect-error checkNow takes a photo ID (a string), not a number
    const wrongArgs: CommandHandlers<'checkNow'> = { checkNow: (photoId: number) => Promise.resolve(void photoId) };
    // The map's `answers: 'result'` is exactly the set of methods answering a Result.
    const answers: [ResultCommand] extends [ResultAnsweringCommand] ? ([ResultAnsweringCommand] extends [ResultCommand] ? true : false) : false = true;
    // @ts-expect-error a command outside the map is no event
    const notAnEvent: EventName = 'checkNow';
    // Every command is run by exactly one of the three.
    const everyCommand: Record<CoreCommand | HostCommand | PageCommand, true> = Object.fromEntries(COMMAND_NAMES.map((name) => [name, true])) as Record<CoreCommand | HostCommand | PageCommand, true>;
    expect([shell, preview, page, service, wrongArgs, answers, notAnEvent, Object.keys(everyCommand).length]).toHaveLength(8);
  });
});

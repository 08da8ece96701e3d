import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { net, powerMonitor, resetElectronFakes } from './fake-electron';
import { createFakeService, type FakeService } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const { NETWORK_POLL_MS, watchConnectivity } = await import('../../../main/shell/connectivity');

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
let service: FakeService;
let stop: (() => void) | null = null;

beforeEach(() => {
  resetElectronFakes();
  vi.useFakeTimers();
  service = createFakeService();
  logger.error.mockClear();
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

describe('connectivity', () => {
  it('polls every 10 seconds', () => {
    expect(NETWORK_POLL_MS).toBe(10_000);
  });

  it('forwards sleep and wake', () => {
    stop = watchConnectivity(service, { logger });
    powerMonitor.emit('suspend');
    expect(service.suspend).toHaveBeenCalledTimes(1);
    expect(service.wake).not.toHaveBeenCalled();
    powerMonitor.emit('resume');
    expect(service.wake).toHaveBeenCalledTimes(1);
  });

  it('tells the first network reading at once', () => {
    net.online = false;
    stop = watchConnectivity(service, { logger });
    expect(vi.mocked(service.setNetworkAvailable).mock.calls).toEqual([[false]]);
  });

  it('forwards each change once and says nothing while the network stays the same', () => {
    stop = watchConnectivity(service, { logger });
    expect(vi.mocked(service.setNetworkAvailable).mock.calls).toEqual([[true]]);

    vi.advanceTimersByTime(3 * NETWORK_POLL_MS);
    expect(net.isOnline).toHaveBeenCalledTimes(4);
    expect(service.setNetworkAvailable).toHaveBeenCalledTimes(1);

    net.online = false;
    vi.advanceTimersByTime(NETWORK_POLL_MS - 1);
    expect(service.setNetworkAvailable).toHaveBeenCalledTimes(1); // not read yet
    vi.advanceTimersByTime(1);
    expect(service.setNetworkAvailable).toHaveBeenLastCalledWith(false);
    vi.advanceTimersByTime(5 * NETWORK_POLL_MS);
    expect(service.setNetworkAvailable).toHaveBeenCalledTimes(2);

    net.online = true;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    expect(vi.mocked(service.setNetworkAvailable).mock.calls).toEqual([[true], [false], [true]]);
  });

  it('reads the network again on wake, before the core plans its catch-up', () => {
    stop = watchConnectivity(service, { logger });
    net.online = false;
    powerMonitor.emit('resume');
    expect(vi.mocked(service.setNetworkAvailable).mock.calls).toEqual([[true], [false]]);
    const told = vi.mocked(service.setNetworkAvailable).mock.invocationCallOrder[1]!;
    expect(told).toBeLessThan(vi.mocked(service.wake).mock.invocationCallOrder[0]!);
  });

  it('does not keep the app alive with its timer', () => {
    const unref = vi.fn();
    const realSetInterval = globalThis.setInterval;
    const spy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
      const timer = realSetInterval(...args);
      timer.unref = unref.mockReturnValue(timer);
      return timer;
    }) as typeof setInterval);
    stop = watchConnectivity(service, { logger });
    spy.mockRestore();
    expect(unref).toHaveBeenCalledTimes(1);
  });

  it('stops polling and listening once disposed (twice is fine)', () => {
    stop = watchConnectivity(service, { logger });
    stop();
    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(powerMonitor.listenerCount('suspend')).toBe(0);
    expect(powerMonitor.listenerCount('resume')).toBe(0);

    net.online = false;
    vi.advanceTimersByTime(5 * NETWORK_POLL_MS);
    powerMonitor.emit('suspend');
    expect(service.setNetworkAvailable).toHaveBeenCalledTimes(1);
    expect(service.suspend).not.toHaveBeenCalled();
  });

  it('logs a core that throws instead of breaking the timer', () => {
    vi.mocked(service.setNetworkAvailable).mockImplementation(() => {
      throw new Error('boom');
    });
    stop = watchConnectivity(service, { logger });
    net.online = false;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[1]?.[0]).toMatch(/network is gone: boom/);
  });
});

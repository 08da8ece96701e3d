// Tells the core what only the desktop knows: the computer is going to sleep or waking up, and
// whether the OS has a network at all. Electron reports sleep as events but the network only as
// `net.isOnline()`, so that one is polled (cheap: no request goes out) and passed on when it flips.
import { net, powerMonitor } from 'electron';
import type { Logger } from '../core/ports';
import type { AvatarWatchService } from '../core/service';

export const NETWORK_POLL_MS = 10_000;

export type ConnectivityTarget = Pick<AvatarWatchService, 'suspend' | 'wake' | 'setNetworkAvailable'>;

export interface ConnectivityOptions {
  logger: Logger;
  pollMs?: number;
}

/** Starts forwarding at once (the first network reading included); the returned function stops it. */
export function watchConnectivity(service: ConnectivityTarget, options: ConnectivityOptions): () => void {
  const { logger } = options;
  let known: boolean | null = null;
  let disposed = false;

  // A throw here would surface far from its cause (an Electron event, a timer): log it instead.
  function tell(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      logger.error(`Could not tell the checker that ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function readNetwork(): void {
    if (disposed) return;
    const online = net.isOnline();
    if (online === known) return;
    known = online;
    tell(online ? 'the network is back' : 'the network is gone', () => service.setNetworkAvailable(online));
  }

  const onSuspend = () => tell('the computer is going to sleep', () => service.suspend());
  const onResume = () => {
    // The network often changed during sleep; let the core know before it plans its catch-up round.
    readNetwork();
    tell('the computer woke up', () => service.wake());
  };

  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  readNetwork();
  const timer = setInterval(readNetwork, options.pollMs ?? NETWORK_POLL_MS);
  // Never the reason the app stays alive.
  timer.unref();

  return () => {
    if (disposed) return;
    disposed = true;
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
  };
}

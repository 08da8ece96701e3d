// Whether checks may go out right now, as far as JoggAI and the computer are concerned: a 429's
// wait, JoggAI or the network being down (then one probe at a time), sleep or no network. The
// tracker asks before every dispatch and reports every answer; the gate never sends anything.
import type { AppError, ConnectionState, Result } from '../../../preload/api';
import { CONNECTION_ERROR_KINDS } from '../../../preload/api';

/** Why the host holds every check. */
export type HoldReason = 'asleep' | 'no-network';

export type GateDecision =
  /** Held by the host, or a probe is already out: send nothing, arm nothing. */
  | { kind: 'closed' }
  /** Nothing may go out before `until` (a 429's wait, or the next probe). */
  | { kind: 'wait'; until: number }
  /** Offline: exactly one check may go out, and its answer decides. */
  | { kind: 'probe' }
  | { kind: 'open' };

/** Consecutive connection failures (any photos) that mean JoggAI or the network is down. */
export const OFFLINE_AFTER_FAILURES = 3;
const PROBE_FIRST_MS = 5_000;
const PROBE_MAX_MS = 30_000;

/** Failures that say JoggAI or the network is unreachable (a 404 or other 4xx says the address is wrong, not down). */
const CONNECTION_FAILURES = new Set<AppError['kind']>(CONNECTION_ERROR_KINDS);
const ONLINE: ConnectionState = { state: 'online', retryAt: null, error: null };

export class ConnectionGate {
  private connection: ConnectionState = ONLINE;
  private readonly holds = new Set<HoldReason>();
  private failuresInARow = 0;
  /** After a 429, nothing at all is sent before this time, whatever else happens. */
  private coolDownUntilMs = 0;
  private lastRateLimit: AppError | null = null;
  private probeDelayMs = PROBE_FIRST_MS;
  /** The photo whose request is the offline probe, if one is out. */
  private probeId: string | null = null;

  constructor(
    private readonly onChange: (connection: ConnectionState) => void,
    private readonly defaultRetryAfterMs: number,
  ) {}

  state(): ConnectionState {
    return this.connection;
  }

  get coolDownUntil(): number {
    return this.coolDownUntilMs;
  }

  /** Asleep, or the host says there is no network: nothing may go out at all. */
  get held(): boolean {
    return this.holds.size > 0;
  }

  /** Sleep, or the host says there is no network. */
  hold(reason: HoldReason): void {
    if (this.holds.has(reason)) return;
    this.holds.add(reason);
    this.set({ state: 'asleep', retryAt: null, error: null });
  }

  /** True when this ended the last hold: the caller checks every unfinished photo soon. */
  release(reason: HoldReason, now: number): boolean {
    if (!this.holds.delete(reason) || this.holds.size > 0) return false;
    this.failuresInARow = 0;
    // A 429's wait outlives a nap.
    const rateLimited = now < this.coolDownUntilMs && this.lastRateLimit !== null;
    this.set(rateLimited ? { state: 'rate-limited', retryAt: this.coolDownUntilMs, error: this.lastRateLimit } : ONLINE);
    return true;
  }

  decide(now: number): GateDecision {
    if (this.holds.size > 0) return { kind: 'closed' };
    if (now < this.coolDownUntilMs) return { kind: 'wait', until: this.coolDownUntilMs };
    if (this.connection.state === 'rate-limited') this.set(ONLINE);
    if (this.connection.state !== 'offline') return { kind: 'open' };
    if (this.probeId !== null) return { kind: 'closed' };
    const retryAt = this.connection.retryAt!;
    return now < retryAt ? { kind: 'wait', until: retryAt } : { kind: 'probe' };
  }

  startProbe(photoId: string): void {
    this.probeId = photoId;
  }

  /** Offline with nothing left to check (all finished or removed): nothing to be offline for. */
  nothingToProbe(): void {
    this.set(ONLINE);
  }

  /** Call when a request comes back; true when it was the probe. */
  finished(photoId: string): boolean {
    if (this.probeId !== photoId) return false;
    this.probeId = null;
    return true;
  }

  /**
   * What an answer says about JoggAI itself. `restored`: it ended an offline spell (the caller
   * catches up). `rejectedKey`: the key was refused (the caller pauses everything).
   */
  noteAnswer(answer: Result<unknown>, wasProbe: boolean, now: number): { restored: boolean; rejectedKey: AppError | null } {
    const reachedJogg = answer.ok || !CONNECTION_FAILURES.has(answer.error.kind);
    const restored = reachedJogg && this.reachable();
    if (answer.ok) return { restored, rejectedKey: null };
    const error = answer.error;
    if (error.kind === 'invalid-key' || error.kind === 'no-permission') return { restored, rejectedKey: error };
    if (error.kind === 'rate-limited') {
      this.lastRateLimit = error;
      const retryAt = now + (error.retryAfterS !== undefined ? error.retryAfterS * 1000 : this.defaultRetryAfterMs);
      this.coolDownUntilMs = Math.max(this.coolDownUntilMs, retryAt);
      this.set({ state: 'rate-limited', retryAt: this.coolDownUntilMs, error });
    } else if (!reachedJogg) {
      this.unreachable(error, now, wasProbe);
    }
    return { restored, rejectedKey: null };
  }

  /** Any real answer proves JoggAI is reachable. True when that ends an offline spell. */
  private reachable(): boolean {
    this.failuresInARow = 0;
    if (this.connection.state !== 'offline') return false;
    this.set(ONLINE);
    this.probeDelayMs = PROBE_FIRST_MS;
    return true;
  }

  /** Many failures in a row across photos: JoggAI or the network is down. Probe instead of polling. */
  private unreachable(error: AppError, now: number, wasProbe: boolean): void {
    // Failures of requests that were out when the host held everything say nothing new.
    if (this.holds.size > 0) return;
    this.failuresInARow += 1;
    if (this.connection.state === 'offline') {
      if (wasProbe) this.probeDelayMs = Math.min(PROBE_MAX_MS, this.probeDelayMs * 2);
    } else if (this.failuresInARow >= OFFLINE_AFTER_FAILURES) {
      this.probeDelayMs = PROBE_FIRST_MS;
    } else {
      return;
    }
    // A 429's wait still holds: the probe never goes out before it ends.
    this.set({ state: 'offline', retryAt: Math.max(now + this.probeDelayMs, this.coolDownUntilMs), error });
  }

  private set(next: ConnectionState): void {
    const prev = this.connection;
    if (prev.state === next.state && prev.retryAt === next.retryAt && prev.error === next.error) return;
    this.connection = next;
    this.onChange(next);
  }
}

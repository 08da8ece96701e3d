// Gathers state changes into one patch per interval, carrying only what changed: a check
// round over a long list costs the renderer one message, sized by the changes, not the list.
import type { StatePatch, WatchItem } from '../../preload/api';
import type { Clock } from './ports';

type Fields = Pick<StatePatch, 'pause' | 'checkingPaused' | 'connection' | 'account' | 'notices' | 'durations'>;

export class PatchBatcher {
  private upserted = new Map<string, WatchItem>();
  private removed = new Set<string>();
  private fields: Fields = {};
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly emit: (patch: StatePatch) => void,
  ) {}

  upsert(items: readonly WatchItem[]): void {
    for (const item of items) {
      this.removed.delete(item.photoId);
      this.upserted.set(item.photoId, item);
    }
    this.arm();
  }

  remove(photoId: string): void {
    this.upserted.delete(photoId);
    this.removed.add(photoId);
    this.arm();
  }

  set(fields: Fields): void {
    this.fields = { ...this.fields, ...fields };
    this.arm();
  }

  /** Sends what is pending now. */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const patch: StatePatch = { ...this.fields };
    if (this.upserted.size > 0) patch.upserted = [...this.upserted.values()];
    if (this.removed.size > 0) patch.removed = [...this.removed];
    this.upserted = new Map();
    this.removed = new Set();
    this.fields = {};
    if (Object.keys(patch).length > 0) this.emit(patch);
  }

  stop(): void {
    this.flush();
  }

  private arm(): void {
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
  }
}

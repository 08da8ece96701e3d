// Items ordered by when their next check is due: a binary min-heap with lazy deletion, so
// rescheduling one item of 10,000 costs O(log n) and a scheduler pass never scans the list.

interface Slot {
  at: number;
  key: string;
  version: number;
}

export class DueQueue {
  private heap: Slot[] = [];
  /** The live version per key; heap slots with another version are stale and skipped. */
  private versions = new Map<string, number>();
  private counter = 0;

  /** Schedules `key` at `at`, replacing any earlier schedule for it. */
  set(key: string, at: number): void {
    const version = ++this.counter;
    this.versions.set(key, version);
    this.push({ at, key, version });
  }

  delete(key: string): void {
    this.versions.delete(key);
  }

  has(key: string): boolean {
    return this.versions.has(key);
  }


  get size(): number {
    return this.versions.size;
  }

  /** The earliest live entry, without removing it. */
  peek(): { key: string; at: number } | undefined {
    this.dropStale();
    const top = this.heap[0];
    return top && { key: top.key, at: top.at };
  }

  /** Removes and returns the earliest live entry. */
  pop(): { key: string; at: number } | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (!top) return undefined;
    this.versions.delete(top.key);
    this.removeTop();
    return { key: top.key, at: top.at };
  }


  private dropStale(): void {
    while (this.heap.length > 0 && this.versions.get(this.heap[0]!.key) !== this.heap[0]!.version) this.removeTop();
    // Stale slots pile up when items are rescheduled often; rebuild when they outnumber live ones.
    if (this.heap.length > 64 && this.heap.length > 4 * this.versions.size) this.compact();
  }

  private compact(): void {
    const live = this.heap.filter((slot) => this.versions.get(slot.key) === slot.version);
    this.heap = [];
    for (const slot of live) this.push(slot);
  }

  private push(slot: Slot): void {
    const heap = this.heap;
    heap.push(slot);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

/** Earlier first; ties by insertion order, so equal due times are served first come, first served. */
function less(a: Slot, b: Slot): boolean {
  return a.at < b.at || (a.at === b.at && a.version < b.version);
}

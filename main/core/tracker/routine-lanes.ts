// Routine checks in two lanes that take turns. Earliest-due-first alone lets a paste of 20,000
// new photos (all due at once) hold back every photo already in progress for hours: at 2 requests
// a second their first checks take 2.8 h, and a photo finishing meanwhile is noticed last. With
// lanes, whenever both have a check due they alternate, so follow-ups of photos JoggAI is working
// on keep (at least) half the budget and the new photos still get the other half.
import { DueQueue } from './due-queue';

/** `first`: never answered yet (added, or loaded unchecked). `follow-up`: JoggAI answered about it before. */
export type Lane = 'first' | 'follow-up';

export interface DueCheck {
  key: string;
  at: number;
  /** Takes this check out of its lane and gives the turn to the other lane. */
  pop(): void;
}

export class RoutineLanes {
  private readonly lanes: Record<Lane, DueQueue> = { first: new DueQueue(), 'follow-up': new DueQueue() };
  /** Whose turn it is when both lanes have a check due now. */
  private turn: Lane = 'follow-up';

  set(key: string, at: number, lane: Lane): void {
    this.lanes[lane === 'first' ? 'follow-up' : 'first'].delete(key);
    this.lanes[lane].set(key, at);
  }

  delete(key: string): void {
    this.lanes.first.delete(key);
    this.lanes['follow-up'].delete(key);
  }

  has(key: string): boolean {
    return this.lanes.first.has(key) || this.lanes['follow-up'].has(key);
  }

  get size(): number {
    return this.lanes.first.size + this.lanes['follow-up'].size;
  }

  /** The check to start at `now`: the turn's lane when both have one due, else the earliest of either. */
  peek(now: number): DueCheck | undefined {
    const first = this.lanes.first.peek();
    const followUp = this.lanes['follow-up'].peek();
    let lane: Lane;
    if (first && followUp) {
      const bothDue = first.at <= now && followUp.at <= now;
      lane = bothDue ? this.turn : first.at < followUp.at ? 'first' : 'follow-up';
    } else if (first) lane = 'first';
    else if (followUp) lane = 'follow-up';
    else return undefined;
    const head = (lane === 'first' ? first : followUp)!;
    return {
      ...head,
      pop: () => {
        this.lanes[lane].pop();
        this.turn = lane === 'first' ? 'follow-up' : 'first';
      },
    };
  }
}

// Account calls (whoami, remaining credits) waiting for their turn in the one request budget.
// The tracker serves them before any photo check: someone is waiting on them (saving a key,
// Refresh), while routine checks can wait a token longer.
import type { AppError, Result } from '../../../preload/api';

interface Waiting {
  /** Runs the call and hands its answer to whoever asked; never throws. */
  run: () => Promise<Result<unknown>>;
  cancel: (error: AppError) => void;
}

export class AccountLane {
  private readonly waiting: Waiting[] = [];

  /** Queues `work`; the promise settles with its answer once the tracker has run it. */
  enqueue<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    return new Promise<Result<T>>((resolve) => {
      this.waiting.push({
        run: async () => {
          let answer: Result<T>;
          try {
            answer = await work();
          } catch (error) {
            // The client never throws by contract; this guards the budget against a broken port.
            answer = { ok: false, error: { kind: 'network', message: String(error) } };
          }
          resolve(answer);
          return answer;
        },
        cancel: (error) => resolve({ ok: false, error }),
      });
    });
  }

  get size(): number {
    return this.waiting.length;
  }

  /** The oldest waiting call, removed from the lane. */
  take(): (() => Promise<Result<unknown>>) | undefined {
    return this.waiting.shift()?.run;
  }

  /** Answers every waiting call with `error` instead of sending it (the tracker stopped, a long rate-limit wait). */
  answerAll(error: AppError): void {
    for (const call of this.waiting.splice(0)) call.cancel(error);
  }
}

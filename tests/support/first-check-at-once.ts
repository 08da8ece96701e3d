// The learned schedule with its first check at once, for tests that drive the core in real time
// and are about its plumbing, not about when a first check falls (the app waits the guide's 10 s;
// tests/unit/completion-model.test.ts proves that).
import { learnedSchedule, type Schedule } from '../../main/core/tracker/schedule';

export function firstCheckAtOnce(schedule: Schedule = learnedSchedule()): Schedule {
  return { ...schedule, firstDelayMs: () => 0 };
}

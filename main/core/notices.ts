// What the user must be told once (a corrupt watchlist kept aside, a save that failed, no tray
// icons…), until they dismiss it or its cause goes away. Each notice has a code the window words in
// the user's language; `message` is the log's English only.
import type { Notice } from '../../preload/api';

export type NoticeCode = NonNullable<Notice['code']>;
/** A notice as a room or a host raises it: every one has a code. */
export type CodedNotice = Pick<Notice, 'level' | 'message'> & { code: NoticeCode };

export class Notices {
  private readonly list: Notice[] = [];
  private count = 0;

  /** `changed` hears the whole list after every change (the window's patch). */
  constructor(private readonly changed: (notices: Notice[]) => void) {}

  add(level: Notice['level'], message: string, code: NoticeCode, params?: Notice['params']): Notice {
    const notice: Notice = { id: `notice-${++this.count}`, level, message, code, ...(params ? { params } : {}) };
    this.list.push(notice);
    this.changed([...this.list]);
    return notice;
  }

  dismiss(noticeId: string): void {
    const index = this.list.findIndex((n) => n.id === noticeId);
    if (index < 0) return;
    this.list.splice(index, 1);
    this.changed([...this.list]);
  }

  all(): Notice[] {
    return [...this.list];
  }
}

// The list's row keys for the virtualizer. It keeps every row's position (10,000 objects) until
// its key function changes, and a patch that only updates photos in place must not cost a
// rebuild: the function is replaced only when the shown photos or their order change.
import type { WatchItem } from '../../../preload/api';

export type RowKey = (index: number) => string | number;

/** Gives, per shown list, a key function that stays the same one while the order of IDs does. */
export function stableRowKeys(): (shown: readonly WatchItem[]) => RowKey {
  let keyed: readonly WatchItem[] = [];
  let key: RowKey = (index) => index;
  return (shown) => {
    if (!sameOrder(shown, keyed)) {
      const ids = shown.map((item) => item.photoId);
      key = (index) => ids[index] ?? index;
    }
    keyed = shown;
    return key;
  };
}

function sameOrder(a: readonly WatchItem[], b: readonly WatchItem[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.photoId !== b[i]!.photoId) return false;
  return true;
}

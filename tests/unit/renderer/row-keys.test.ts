// The list's key function stays the same while a patch only updates photos in place (so the
// virtualizer keeps its 10,000 row positions), and changes when the shown order does.
import { describe, expect, it } from 'vitest';
import { stableRowKeys } from '../../../renderer/src/stores/row-keys';
import { makeItem } from './fake-api';

describe('row keys', () => {
  const list = ['a', 'b', 'c'].map((id) => makeItem(id));

  it('keeps the key function across a patch that changes photos but not their order', () => {
    const keys = stableRowKeys();
    const first = keys(list);
    const patched = list.map((item, i) => (i === 1 ? { ...item, checks: item.checks + 1 } : item));
    expect(keys(patched)).toBe(first);
    expect([0, 1, 2].map(first)).toEqual(['a', 'b', 'c']);
  });

  it('gives a new one when the order or the set of photos changes', () => {
    const keys = stableRowKeys();
    const first = keys(list);
    const reordered = keys([list[2]!, list[0]!, list[1]!]);
    expect(reordered).not.toBe(first);
    expect([0, 1, 2].map(reordered)).toEqual(['c', 'a', 'b']);
    expect([0, 1].map(keys(list.slice(0, 2)))).toEqual(['a', 'b']);
  });
});

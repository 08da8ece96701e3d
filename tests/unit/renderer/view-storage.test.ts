// @vitest-environment happy-dom
// The search is kept across restarts without a blocking storage write per keystroke.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIEW_STORAGE_KEY, useViewStore } from '../../../renderer/src/stores/view';
import { createFakeApi, freshPinia, installApi } from './fake-api';

describe('keeping the view', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    installApi(createFakeApi());
    freshPinia();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('writes a typed search once typing pauses, not per keystroke', async () => {
    const view = useViewStore();
    const writes = vi.spyOn(Storage.prototype, 'setItem');
    for (const text of ['p', 'ph', 'ph_', 'ph_a', 'ph_al']) {
      view.setQuery(text);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(writes).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem(VIEW_STORAGE_KEY)!)).toMatchObject({ query: 'ph_al' });
  });

  it('keeps a typed search at once when the page goes away', async () => {
    const view = useViewStore();
    view.setQuery('ph_7');
    await vi.advanceTimersByTimeAsync(0);
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(VIEW_STORAGE_KEY)!)).toMatchObject({ query: 'ph_7' });
  });
});

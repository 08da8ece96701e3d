// @vitest-environment happy-dom
// Acting on many rows: selection by click, Shift-click and keys; the list as one Tab stop; removals
// with a toast that offers Undo (and Ctrl/Cmd+Z); Ctrl/Cmd+A and Undo stay a text field's own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WatchList from '../../../renderer/src/components/WatchList.vue';
import { useSelectionStore } from '../../../renderer/src/stores/selection';
import { useUndoStore } from '../../../renderer/src/stores/undo';
import { useWatchlistStore } from '../../../renderer/src/stores/watchlist';
import { NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf, type FakeApi } from './fake-api';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `ph_${i}`);

async function mountList(count: number, overrides: (i: number) => Partial<Parameters<typeof makeItem>[1]> = () => ({})) {
  const items = ids(count).map((id, i) => makeItem(id, { addedAt: NOW - i * 1000, ...overrides(i) }));
  const api = createFakeApi(snapshotOf({ items }));
  // Main answers a removal with a patch, as the real core does.
  api.removePhotos.mockImplementation(async (photoIds: string[]) => {
    setTimeout(() => api.emitState({ removed: photoIds }), 0);
    return { removed: photoIds, undo: `undo-${photoIds.join(',')}` };
  });
  installApi(api);
  const pinia = freshPinia();
  await useWatchlistStore().start();
  const wrapper = mountWithApp(WatchList, { pinia });
  mounted.push(wrapper);
  await settle();
  return { wrapper, api };
}

const slot = (id: string) => document.querySelector<HTMLElement>(`[data-photo-id="${id}"]`)!;
const checkbox = (id: string) => slot(id).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
function key(target: Element, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
function clickBox(id: string, init: MouseEventInit = {}) {
  checkbox(id).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
}
const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

let undoLayout: () => void;
/** Unmounted after each test: a list left mounted would keep its document-wide shortcuts. */
const mounted: { unmount(): void }[] = [];
beforeEach(() => {
  undoLayout = fakeLayout(600, 100);
});
afterEach(() => {
  undoLayout();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('the selection store', () => {
  it('selects ranges in the order shown, selects all shown, and forgets photos that leave the list', async () => {
    const api = createFakeApi(snapshotOf({ items: ids(5).map((id) => makeItem(id)) }));
    installApi(api);
    freshPinia();
    await useWatchlistStore().start();
    const selection = useSelectionStore();
    const shown = ['ph_4', 'ph_2', 'ph_0', 'ph_1', 'ph_3'].map((photoId) => ({ photoId }));
    selection.toggle('ph_2');
    selection.selectRange('ph_1', shown);
    expect(selection.ids()).toEqual(['ph_2', 'ph_0', 'ph_1']);
    selection.selectAll(shown.slice(0, 2));
    expect([...selection.selected]).toEqual(['ph_4', 'ph_2']);
    api.emitState({ removed: ['ph_4'] });
    await settle();
    expect([...selection.selected]).toEqual(['ph_2']);
  });
});

describe('the list', () => {
  it('Shift-click selects a range; Remove takes the three out, and Undo in the toast brings them back', async () => {
    const { wrapper, api } = await mountList(6);
    clickBox('ph_1');
    clickBox('ph_3', { shiftKey: true });
    await settle();
    expect(wrapper.text()).toContain('3 selected');
    expect(['ph_1', 'ph_2', 'ph_3'].map((id) => checkbox(id).checked)).toEqual([true, true, true]);
    expect(checkbox('ph_4').checked).toBe(false);

    const remove = button('Remove' /* the bar's, before the rows' */)!;
    expect(remove.closest('[role="group"]')).not.toBeNull();
    remove.focus();
    remove.click();
    await settle();
    expect(api.removePhotos).toHaveBeenCalledWith(['ph_1', 'ph_2', 'ph_3']);
    const toast = document.querySelector('[role="status"][aria-live="polite"]')!;
    expect(toast.textContent).toContain('Removed 3 photos');
    // Focus is not lost: the row after the removed ones has it.
    expect(document.activeElement).toBe(slot('ph_4'));

    button('Undo')!.click();
    await settle();
    expect(api.restorePhotos).toHaveBeenCalledWith('undo-ph_1,ph_2,ph_3');
  });

  it('offers to delete the saved images of removed photos, only when they have some, and says what went', async () => {
    const { api } = await mountList(4);
    api.resultFilesOf.mockImplementation(async (photoIds: string[]) => (photoIds.includes('ph_0') ? { files: 8, bytes: 3 * 1024 ** 2 } : { files: 0, bytes: 0 }));
    api.deleteResultFiles.mockImplementation(async () => ({ files: 8, bytes: 3 * 1024 ** 2 }));

    clickBox('ph_2');
    await settle();
    button('Remove')!.click();
    await settle();
    expect(api.resultFilesOf).toHaveBeenCalledWith(['ph_2']);
    expect(button('Delete their saved images (3 MB)')).toBeUndefined();

    clickBox('ph_0');
    await settle();
    button('Remove')!.click();
    await settle();
    button('Delete their saved images (3 MB)')!.click();
    await settle();
    expect(api.deleteResultFiles).toHaveBeenCalledWith(['ph_0']);
    expect(document.querySelector('[role="status"][aria-live="polite"]')!.textContent).toContain('Deleted 8 files (3 MB).');
  });

  it('keeps the toast at least 10 seconds, and longer while keyboard focus is in it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await mountList(3);
    clickBox('ph_0');
    await vi.advanceTimersByTimeAsync(10);
    button('Remove')!.click();
    await vi.advanceTimersByTimeAsync(50);
    const toast = () => document.querySelector('.toast');
    expect(toast()?.textContent).toContain('Removed 1 photo');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(toast()).not.toBeNull();
    // happy-dom knows no :focus-within; Chromium does (the e2e suite runs the real thing).
    const matches = Element.prototype.matches;
    vi.spyOn(Element.prototype, 'matches').mockImplementation(function (this: Element, selector: string) {
      return selector === ':hover, :focus-within' ? this.contains(document.activeElement) : matches.call(this, selector);
    });
    button('Dismiss')!.focus();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(toast()).not.toBeNull();
    slot('ph_1').focus();
    await vi.advanceTimersByTimeAsync(5_500);
    expect(toast()).toBeNull();
  });

  it('is one Tab stop; arrows, End and Home move focus; Space selects; Delete removes; Ctrl+Z undoes; Escape clears', async () => {
    const { api } = await mountList(8);
    const stops = () => [...document.querySelectorAll<HTMLElement>('[data-photo-id]')].filter((el) => el.tabIndex === 0).map((el) => el.dataset.photoId);
    expect(stops()).toEqual(['ph_0']);
    slot('ph_0').focus();
    /** Presses a key on a row and answers the row focus went to (a frame later, once it is in view). */
    async function press(id: string, name: string) {
      key(slot(id), name);
      await settle();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return (document.activeElement as HTMLElement).dataset.photoId;
    }
    expect(await press('ph_0', 'ArrowDown')).toBe('ph_1');
    expect(stops()).toEqual(['ph_1']);
    expect(await press('ph_1', 'End')).toBe('ph_7');
    expect(await press('ph_7', 'Home')).toBe('ph_0');
    // A page is as many rows as the list shows (600 px of about 100 px rows here).
    expect(await press('ph_0', 'PageDown')).toBe('ph_5');
    expect(await press('ph_5', 'PageUp')).toBe('ph_0');
    expect(await press('ph_0', 'End')).toBe('ph_7');
    expect(await press('ph_7', 'ArrowUp')).toBe('ph_6');

    key(slot('ph_6'), ' ');
    await settle();
    expect(checkbox('ph_6').checked).toBe(true);
    key(slot('ph_6'), 'Escape');
    await settle();
    expect(checkbox('ph_6').checked).toBe(false);
    key(slot('ph_6'), ' ');
    key(slot('ph_6'), 'Delete');
    await settle();
    expect(api.removePhotos).toHaveBeenCalledWith(['ph_6']);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(document.activeElement).toBe(slot('ph_7'));

    key(document.activeElement!, 'z', { ctrlKey: true });
    await settle();
    expect(api.restorePhotos).toHaveBeenCalledWith('undo-ph_6');
  });

  it('Ctrl+A selects every row shown, but in the search box it is the box’s own', async () => {
    const { wrapper } = await mountList(5);
    const search = wrapper.find('#list-search').element as HTMLInputElement;
    search.focus();
    const inBox = key(search, 'a', { ctrlKey: true });
    expect(inBox.defaultPrevented).toBe(false);
    expect(useSelectionStore().size).toBe(0);
    slot('ph_2').focus();
    const inList = key(slot('ph_2'), 'a', { ctrlKey: true });
    await settle();
    expect(inList.defaultPrevented).toBe(true);
    expect(wrapper.text()).toContain('5 selected');
  });

  it('follows the Edit menu: Select All and Undo act on the list, or on the focused text field', async () => {
    const { wrapper, api } = await mountList(4);
    slot('ph_0').focus();
    (api as FakeApi).emitEdit('selectAll');
    await settle();
    expect(wrapper.text()).toContain('4 selected');
    const exec = vi.fn(() => true);
    document.execCommand = exec;
    const search = wrapper.find('#list-search').element as HTMLInputElement;
    search.focus();
    (api as FakeApi).emitEdit('undo');
    expect(exec).toHaveBeenCalledWith('undo');
    expect(api.restorePhotos).not.toHaveBeenCalled();
  });

  it('removes all finished and retries failed and stuck photos, saying what each does', async () => {
    const { api } = await mountList(6, (i) =>
      i === 0 ? { status: 'ready', finishedAt: NOW, nextCheckAt: null } : i === 1 ? { status: 'failed', finishedAt: NOW, nextCheckAt: null } : {},
    );
    expect(document.getElementById('remove-finished-hint')?.textContent).toContain('ready, failed or not found photo (2)');
    button('Retry failed')!.click();
    await settle();
    expect(api.checkPhotos).toHaveBeenCalledWith(['ph_1']);
    expect(document.getElementById('retry-failed-hint')?.textContent).toBe('Checks again now every photo that failed or needs attention (1).');
    button('Remove all finished')!.click();
    await settle();
    expect(api.removePhotos).toHaveBeenCalledWith(['ph_0', 'ph_1']);
    expect(useUndoStore().toast).toMatchObject({ kind: 'removed', n: 2 });
  });
});

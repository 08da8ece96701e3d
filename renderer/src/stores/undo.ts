// Every removal can be taken back: main keeps the removed records under a token, this store keeps
// the tokens (newest last) and the toast that offers Undo. Ctrl/Cmd+Z takes back the newest
// removal still held; an Undo that main can no longer honour says so rather than doing nothing.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { RestorePhotosResult } from '../../../preload/api';

/** As many as main keeps (main/core/watchlist/removal.ts); older tokens would only answer "expired". */
const MAX_HELD = 20;

export type UndoToast = { seq: number } & (
  | { kind: 'removed'; n: number; token: string | null }
  | { kind: 'restored'; n: number; noRoom: number }
  | { kind: 'expired' }
  | { kind: 'failed'; message: string }
);
type ToastBody = UndoToast extends infer T ? (T extends { seq: number } ? Omit<T, 'seq'> : never) : never;

export const useUndoStore = defineStore('undo', () => {
  const held: { token: string; n: number }[] = [];
  const toast = shallowRef<UndoToast | null>(null);
  let seq = 0;

  function show(body: ToastBody) {
    seq += 1;
    toast.value = { ...body, seq } as UndoToast;
  }

  function dismiss() {
    toast.value = null;
  }

  /** A call to main that failed: said in the toast, where the user is already looking. */
  function fail(cause: unknown) {
    show({ kind: 'failed', message: cause instanceof Error ? cause.message : String(cause) });
  }

  /** Removes these photos; answers the IDs main removed (none when the call failed, which the toast says). */
  async function remove(photoIds: string[]): Promise<string[]> {
    if (photoIds.length === 0) return [];
    try {
      const result = await window.avatarWatch.removePhotos(photoIds);
      if (result.undo !== null) {
        held.push({ token: result.undo, n: result.removed.length });
        if (held.length > MAX_HELD) held.shift();
      }
      if (result.removed.length > 0) show({ kind: 'removed', n: result.removed.length, token: result.undo });
      return result.removed;
    } catch (cause) {
      fail(cause);
      return [];
    }
  }

  /**
   * Takes back one removal (the toast's, or the newest held); answers what came back, or null when
   * there was nothing to undo.
   */
  async function undo(token?: string | null): Promise<RestorePhotosResult | null> {
    const index = token ? held.findIndex((h) => h.token === token) : held.length - 1;
    if (index < 0) return null;
    const [taken] = held.splice(index, 1);
    let result: RestorePhotosResult;
    try {
      result = await window.avatarWatch.restorePhotos(taken!.token);
    } catch (cause) {
      held.splice(index, 0, taken!);
      fail(cause);
      return null;
    }
    // What did not fit stays undoable in main: keep its token for another try.
    if (result.noRoom > 0) held.push(taken!);
    show(result.expired ? { kind: 'expired' } : { kind: 'restored', n: result.restored.length, noRoom: result.noRoom });
    return result;
  }

  return { toast, remove, undo, dismiss, fail };
});

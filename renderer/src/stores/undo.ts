// Every removal can be taken back: main keeps the removed records under a token, this store keeps
// the tokens (newest last) and the toast that offers Undo. Ctrl/Cmd+Z takes back the newest removal
// still held; an Undo that main can no longer honour says so rather than doing nothing.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { RestorePhotosResult, ResultFilesSize } from '../../../preload/api';

/** As many as main keeps (main/core/watchlist/removal.ts); older tokens would only answer "expired". */
const MAX_HELD = 20;

type ToastBody =
  /** `files`: what the removed photos keep on disk (local copies of results), once main has said. */
  | { kind: 'removed'; n: number; token: string; photoIds: string[]; files: ResultFilesSize | null }
  | { kind: 'files-deleted'; deleted: ResultFilesSize }
  | { kind: 'restored'; n: number; noRoom: number }
  | { kind: 'expired' }
  | { kind: 'failed'; message: string };
/** `seq` tells a new toast from the same words again (its 10 s start over). */
export type UndoToast = ToastBody & { seq: number };

export const useUndoStore = defineStore('undo', () => {
  const held: string[] = [];
  const toast = shallowRef<UndoToast | null>(null);
  let seq = 0;

  const show = (body: ToastBody): UndoToast => (toast.value = { ...body, seq: ++seq });
  const dismiss = () => (toast.value = null);
  /** A call to main that failed: said in the toast, where the user is already looking. */
  const fail = (cause: unknown) => show({ kind: 'failed', message: cause instanceof Error ? cause.message : String(cause) });

  /** Removes these photos; answers the IDs main removed (none when the call failed, which the toast says). */
  async function remove(photoIds: string[]): Promise<string[]> {
    try {
      const { removed, undo } = await window.avatarWatch.removePhotos(photoIds);
      if (undo !== null) {
        if (held.push(undo) > MAX_HELD) held.shift();
        const shown = show({ kind: 'removed', n: removed.length, token: undo, photoIds: removed, files: null });
        // Removing a photo offers to delete its kept images too (they stay until asked: Undo brings
        // the photo back with them).
        void window.avatarWatch
          .resultFilesOf(removed)
          .then((files) => {
            if (toast.value === shown && shown.kind === 'removed' && files.files > 0) toast.value = { ...shown, files };
          })
          .catch(() => undefined);
      }
      return removed;
    } catch (cause) {
      fail(cause);
      return [];
    }
  }

  /** Takes back one removal (the toast's, or the newest held); null when there was nothing to undo or the call failed. */
  async function undo(token = held.at(-1)): Promise<RestorePhotosResult | null> {
    const at = token === undefined ? -1 : held.indexOf(token);
    if (at < 0) return null;
    held.splice(at, 1);
    try {
      const result = await window.avatarWatch.restorePhotos(token!);
      // What did not fit stays undoable in main: keep its token for another try.
      if (result.noRoom > 0) held.push(token!);
      show(result.expired ? { kind: 'expired' } : { kind: 'restored', n: result.restored.length, noRoom: result.noRoom });
      return result;
    } catch (cause) {
      held.push(token!);
      fail(cause);
      return null;
    }
  }

  /** The toast's "Delete their saved images": an Undo after it brings the photos back without them. */
  async function deleteFiles(): Promise<void> {
    const now = toast.value;
    if (now?.kind !== 'removed') return;
    try {
      show({ kind: 'files-deleted', deleted: await window.avatarWatch.deleteResultFiles(now.photoIds) });
    } catch (cause) {
      fail(cause);
    }
  }

  return { toast, remove, undo, dismiss, fail, deleteFiles };
});

// The list as one Tab stop: the active row holds tabindex 0 (the others -1), Tab goes through that
// row's own controls and then out of the list; arrows, Home/End and PageUp/PageDown move between
// rows, Space selects, Delete removes, Escape clears the selection.
// (A click on a row's checkbox toggles it, with Shift selects a range: see WatchList.vue.)
import { computed, type Ref } from 'vue';
import { useSelectionStore } from '../stores/selection';
import { isTextField } from './shortcuts';

export interface RovingListOptions {
  scroller: Ref<HTMLElement | null>;
  shown: () => readonly { photoId: string }[];
  focusRow(photoId: string): Promise<void> | void;
  remove(photoIds: string[]): Promise<void> | void;
}

/** What a person can Tab to. */
const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
/** A typical row's height, for how far PageUp/PageDown go. */
const ROW_PX = 104;

const isTabbable = (el: HTMLElement) => el.tabIndex >= 0 && !el.hasAttribute('disabled');

export function useRovingList(options: RovingListOptions) {
  const selection = useSelectionStore();

  /** The row with the Tab stop: the one last focused while it is shown, else the first. */
  const activeId = computed(() => {
    const shown = options.shown();
    const id = selection.active;
    if (id !== null && shown.some((item) => item.photoId === id)) return id;
    return shown[0]?.photoId ?? null;
  });

  function slotOf(el: EventTarget | null): HTMLElement | null {
    return el instanceof Element ? el.closest<HTMLElement>('[data-photo-id]') : null;
  }

  function moveTo(index: number) {
    const shown = options.shown();
    const to = shown[Math.max(0, Math.min(shown.length - 1, index))]?.photoId;
    if (to === undefined) return;
    selection.active = to;
    void options.focusRow(to);
  }

  /**
   * Leaving the active row by Tab leaves the list: focus steps onto the list's edge (a sentinel
   * with tabindex -1 before or after the rows) and the browser's own Tab goes on from there.
   */
  function onTab(event: KeyboardEvent, slot: HTMLElement) {
    const stops = [slot, ...[...slot.querySelectorAll<HTMLElement>(TABBABLE)].filter(isTabbable)];
    const at = stops.indexOf(event.target as HTMLElement);
    if (event.shiftKey ? at <= 0 : at === stops.length - 1) options.scroller.value?.querySelector<HTMLElement>(event.shiftKey ? '.edge' : '.edge:last-child')?.focus({ preventScroll: true });
  }

  function onKeydown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (isTextField(target) || event.altKey) return;
    const slot = slotOf(target);
    if (slot === null) return;
    if (event.key === 'Tab') return onTab(event, slot);
    const photoId = slot.dataset.photoId ?? '';
    const onRow = target === slot;
    const index = Number(slot.dataset.index);
    const page = Math.max(1, Math.floor((options.scroller.value?.clientHeight ?? ROW_PX) / ROW_PX));
    const last = options.shown().length - 1;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last, PageDown: index + page, PageUp: index - page };
    if (event.key in moves && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      moveTo(moves[event.key]!);
      return;
    }
    // Space and Delete on a button are the button's own.
    if (event.key === ' ' && onRow) {
      event.preventDefault();
      selection.toggle(photoId);
    } else if (event.key === 'Delete' && onRow) {
      event.preventDefault();
      void options.remove(selection.isSelected(photoId) ? selection.ids() : [photoId]);
    } else if (event.key === 'Escape' && selection.size > 0) {
      event.preventDefault();
      selection.clear();
    }
  }

  /**
   * Keyboard focus arriving from outside the list (Shift+Tab from below) into a row that is not the
   * active one goes to the active row, as one Tab stop should; a click (focus that is not
   * focus-visible) makes its row the active one.
   */
  function onFocusIn(event: FocusEvent) {
    const slot = slotOf(event.target);
    if (slot === null) return;
    const photoId = slot.dataset.photoId ?? null;
    const byKeyboard = (event.target as HTMLElement).matches(':focus-visible');
    const fromOutside = !(event.relatedTarget instanceof Node && options.scroller.value?.contains(event.relatedTarget));
    if (byKeyboard && fromOutside && photoId !== activeId.value && activeId.value !== null) {
      void options.focusRow(activeId.value);
      return;
    }
    selection.active = photoId;
  }

  return { activeId, onKeydown, onFocusIn };
}

// Whether the window is narrow enough that the list comes first and the side panels fold away.
// One media query, shared by the layout (CSS uses the same width) and whatever must know it.
import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Under this width (px) the account and paste box fold behind buttons. Keep in step with App.vue's CSS. */
export const NARROW_BELOW_PX = 800;

export function useNarrow(): Ref<boolean> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(`(max-width: ${NARROW_BELOW_PX - 1}px)`) : null;
  const narrow = ref(query?.matches ?? false);
  const follow = (event: MediaQueryListEvent) => (narrow.value = event.matches);
  query?.addEventListener('change', follow);
  onBeforeUnmount(() => query?.removeEventListener('change', follow));
  return narrow;
}

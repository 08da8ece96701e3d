// One shared ticker for every "3 min ago" on screen: a single timer, not one per row.
// It idles while the window is hidden and catches up at once when it shows again.
import { defineStore } from 'pinia';
import { ref } from 'vue';

const TICK_MS = 1000;

export const useClockStore = defineStore('clock', () => {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  let users = 0;

  function tick() {
    if (typeof document !== 'undefined' && document.hidden) return;
    now.value = Date.now();
  }

  function onVisibility() {
    tick();
  }

  /** Starts the ticker for one more user; the returned function releases it. */
  function use(): () => void {
    users += 1;
    if (timer === null) {
      now.value = Date.now();
      timer = setInterval(tick, TICK_MS);
      document.addEventListener('visibilitychange', onVisibility);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      users -= 1;
      if (users === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
        document.removeEventListener('visibilitychange', onVisibility);
      }
    };
  }

  return { now, use, tick };
});

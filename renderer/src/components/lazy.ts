// Components the first screen rarely or never shows, loaded on first use so the window's first
// load stays small (npm run size lists each chunk). Until its chunk is in, such a component renders
// nothing: a few milliseconds from disk or loopback.
import { defineAsyncComponent, watch, type Component, type Ref } from 'vue';
import { loadWords } from '../i18n';

/** A component loaded on first use; its words are in the first screen's part of the catalogue. */
export function lazy<T extends Component>(load: () => Promise<{ default: T }>): T {
  return defineAsyncComponent(async () => (await load()).default) as T;
}

/**
 * A component loaded on first use together with the words only an action shows (the `later`
 * part of the catalogue, i18n/parts.ts), so it never renders a key for a missing word.
 */
export function lazyWithWords<T extends Component>(load: () => Promise<{ default: T }>): T {
  return defineAsyncComponent(async () => {
    // A words chunk that fails to load still lets the component show.
    const [component] = await Promise.all([load(), loadWords('later').catch(() => undefined)]);
    return component.default;
  }) as T;
}

/**
 * The instance a template ref will hold once a lazily loaded component has mounted, for the
 * caller that moves focus into it; null if it is not there within `waitMs` (not shown after all).
 */
export function whenMounted<T>(target: Ref<T | null>, waitMs = 5_000): Promise<T | null> {
  if (target.value !== null) return Promise.resolve(target.value);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, waitMs);
    const stop = watch(target, (value) => {
      if (value === null) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

/**
 * An element a lazily loaded part will hold (found by `find`), once it is in the page: for focus
 * that moves to a control in a part shown for the first time. Null if it does not appear in `waitMs`.
 */
export function whenShown(find: () => HTMLElement | null, waitMs = 5_000): Promise<HTMLElement | null> {
  const now = find();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const found = find();
      if (found !== null) done(found);
    });
    const timer = setTimeout(() => done(null), waitMs);
    function done(found: HTMLElement | null) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(found);
    }
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

// The window's lazily loaded parts (renderer/src/components/lazy-parts.ts, and the result images'
// actions, results/image-actions.ts), loaded before each
// renderer test file (those with a DOM), as a page has them once their chunks came in: component
// tests then see a part in the same tick it is shown. That they load on demand, with their words,
// is the build's and the end-to-end suite's to prove (renderer-bundle.test.ts, tests/e2e).
import type { Component } from 'vue';

/** Vue's own hook on an async component: loads it, after which it renders at once. */
type AsyncComponent = Component & { __asyncLoader?: () => Promise<unknown> };

if (typeof document !== 'undefined') {
  const parts: Record<string, AsyncComponent> = await import('../../../renderer/src/components/lazy-parts');
  await Promise.all([...Object.values(parts).map((part) => part.__asyncLoader?.()), import('../../../renderer/src/results/image-actions')]);
}

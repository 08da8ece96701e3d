// One axe-core pass over the page as it stands, with the rules a reviewer holds the window to:
// WCAG 2.0/2.1/2.2 A and AA plus axe's best practices. A failure lists every violation with the
// elements it hit and axe's help link, so the report alone says what to fix and where.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export interface AxeViolationReport {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** The violations axe finds in the page now (all of it, or `include` only). */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolationReport[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include !== undefined) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : ''}`),
  }));
}

export function describeViolations(stateName: string, violations: AxeViolationReport[]): string {
  if (violations.length === 0) return `${stateName}: no axe violations`;
  const lines = violations.map(
    (v) => `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.targets.map((t) => `    - ${t}`).join('\n')}`,
  );
  return `${stateName}: ${violations.length} axe violation(s)\n${lines.join('\n')}`;
}

/**
 * Waits (at most 3 s) for finite CSS transitions and animations to end: right after a theme
 * switch a row's background is still fading, and axe would judge a colour nobody sees for long.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  });
}

/** Fails the test with a readable list when axe finds anything in the page in this state. */
export async function expectNoAxeViolations(page: Page, stateName: string): Promise<void> {
  await settleAnimations(page);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(stateName, violations)).toEqual([]);
}

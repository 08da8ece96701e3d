// Where keyboard focus goes when the control that had it disappears (its banner closed, its
// notice dismissed): somewhere sensible, never the page; and only if focus really was lost, so a
// user who has moved on meanwhile is left where they are.

export function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/** Focuses the first of `candidates` that exists, if focus was lost. */
export function refocus(...candidates: (HTMLElement | null | undefined)[]): void {
  if (!focusLost()) return;
  candidates.find((el): el is HTMLElement => el != null)?.focus();
}

export const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-test="${CSS.escape(id)}"]`);
export const listHeading = () => document.getElementById('list-heading');

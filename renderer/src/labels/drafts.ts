// What was typed in a label form and not yet saved, by photo ID. The list is virtual: a row
// scrolled out of view is unmounted with its open form, and what it held would be gone. The form
// leaves its draft here when it goes and takes it back when its row is drawn again; Save and
// Cancel end a draft. Plain data, not reactive: only a form being mounted ever reads it.
export interface LabelDraft {
  label: string;
  note: string;
}

const drafts = new Map<string, LabelDraft>();

/** Keeps an open form's text for when its row comes back. */
export function keepLabelDraft(photoId: string, draft: LabelDraft): void {
  drafts.set(photoId, { label: draft.label, note: draft.note });
}

/** The text a form left for this photo, handed over once (the form keeps it from then on). */
export function takeLabelDraft(photoId: string): LabelDraft | undefined {
  const draft = drafts.get(photoId);
  drafts.delete(photoId);
  return draft;
}

/** Forgets every draft (a test's fresh start). */
export function clearLabelDrafts(): void {
  drafts.clear();
}

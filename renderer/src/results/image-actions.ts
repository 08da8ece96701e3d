// What a result image's buttons do (copy, copy link, save one, save all four) and the one line
// that says how it went. Loaded on the first press (ResultImages.vue), so the window's first
// load carries only the buttons; the words these lines use come after the first paint too.
import type { ImageActionResult } from '../../../preload/api';
import type { Translate } from '../i18n';
import { failureText } from '../i18n/failure-words';

export interface Outcome {
  text: string;
  bad: boolean;
}

/** The row's side: its words, its photo, and where the outcome line goes. */
export interface ImageActionContext {
  t: Translate;
  photoId: string;
  say: (outcome: Outcome) => void;
}

const api = () => window.avatarWatch;

/** Runs one copy or save and says what it did (nothing when the user cancelled a dialog). */
async function act({ t, say }: ImageActionContext, run: () => Promise<ImageActionResult>, done: (result: ImageActionResult & { ok: true }) => string) {
  try {
    const result = await run();
    if (!result.ok) say({ text: t(`results.actionProblem.${result.problem}`, { detail: result.detail ?? '' }), bad: true });
    else if (!result.cancelled) say({ text: done(result), bad: false });
  } catch (cause) {
    say({ text: t('results.actionProblem.failed', { detail: failureText(t, cause) }), bad: true });
  }
}

export const copyImage = (context: ImageActionContext, url: string, n: number) =>
  act(context, () => api().copyImage(context.photoId, url), () => context.t('results.copied', { n }));

export const saveImage = (context: ImageActionContext, url: string, n: number) =>
  act(
    context,
    () => api().saveImage(context.photoId, url),
    (r) => (r.where ? context.t('results.savedTo', { n, where: r.where }) : context.t('results.downloading', { n })),
  );

export const saveAll = (context: ImageActionContext) =>
  act(
    context,
    () => api().saveAllImages(context.photoId),
    (r) => context.t(r.where ? 'results.savedAllTo' : 'results.downloadingAll', { saved: r.saved, where: r.where ?? '' }),
  );

export async function copyLink({ t, say }: ImageActionContext, url: string, n: number): Promise<void> {
  const copied = await navigator.clipboard.writeText(url).then(
    () => true,
    () => false,
  );
  say(copied ? { text: t('results.linkCopied', { n }), bad: false } : { text: t('results.linkRefused'), bad: true });
}

// The parts of the window a first screen rarely or never shows, each its own chunk loaded on first
// use (npm run size lists them). Defined once here, at module level, so every row or opening
// shares one loaded component instead of loading (and waiting) per instance.
import { lazy, lazyWithWords } from './lazy';

/** Settings' contents, the first time the dialog opens. */
export const SettingsPage = lazyWithWords(() => import('./SettingsPage.vue'));
/** What came of a paste or an import. */
export const AddResult = lazyWithWords(() => import('./AddResult.vue'));
/** Only when the keychain refuses a good key. */
export const KeyPlaceChoice = lazyWithWords(() => import('./KeyPlaceChoice.vue'));
/** Only when the saved key cannot be read. */
export const KeyUnreachable = lazy(() => import('./KeyUnreachable.vue'));
/** Only while the key is not yet confirmed by JoggAI. */
export const KeyUnverified = lazy(() => import('./KeyUnverified.vue'));
/** Only rows with a problem show it. */
export const ProblemDetails = lazy(() => import('./ProblemDetails.vue'));
/** The first run only. */
export const Welcome = lazy(() => import('./Welcome.vue'));
/** A row's label and note form, the first time one opens. */
export const LabelForm = lazyWithWords(() => import('./LabelForm.vue'));
/** The key form: the first run's, or Replace key's. */
export const ApiKeyForm = lazy(() => import('./ApiKeyForm.vue'));
/** Only while checking is paused. */
export const PauseBanner = lazy(() => import('./PauseBanner.vue'));
/** Only while JoggAI is unreachable or asks for fewer requests. */
export const ConnectionBanner = lazy(() => import('./ConnectionBanner.vue'));
/**
 * The selection bar and the file buttons: shown with the list, but nothing in them is needed before
 * the first paint (their chunk arrives a moment after it; the buttons act only on a click).
 */
export const SelectionBar = lazy(() => import('./SelectionBar.vue'));
export const ExportList = lazy(() => import('./ExportList.vue'));
export const ImportFile = lazy(() => import('./ImportFile.vue'));
/** The undo toast's words and buttons, on the first removal (its live region is always there). */
export const UndoToastBody = lazyWithWords(() => import('./UndoToastBody.vue'));
/** Only while main has something to tell (a restored or unreadable watchlist, say). */
export const NoticeBanner = lazy(() => import('./NoticeBanner.vue'));

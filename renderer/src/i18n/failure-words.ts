// Why a call from the window failed, in the user's language. The preview bridge's own failures
// come as codes; whatever else was thrown (main's or the host's English, an IPC wrapper's text)
// is never shown: it is worded as "could not finish" and its text stays in the log.
import { BridgeError } from '../bridge/web-bridge';
import type { Translate } from './index';

export function failureText(t: Translate, cause: unknown): string {
  return cause instanceof BridgeError ? t(`callFailed.${cause.code}`) : t('callFailed.other');
}

// What can be told about a key without asking JoggAI, and how to read JoggAI's answer about one.
import type { AppError } from '../../../preload/api';
import { MAX_KEY_CHARS } from '../command-args';

/** No real API key is shorter; a stray paste (one word, a number) is caught before any request. */
const MIN_KEY_CHARS = 8;

export function checkKeyShape(candidate: string): AppError | null {
  // `message` is the log's English; the window words `input` from its catalogue.
  const length = candidate.length;
  if (candidate === '') return { kind: 'invalid-input', message: 'Paste your API key first.', input: { code: 'key-empty' } };
  if (length < MIN_KEY_CHARS) {
    return { kind: 'invalid-input', message: `This is too short to be an API key (${length} characters).`, input: { code: 'key-too-short', length } };
  }
  if (length > MAX_KEY_CHARS) {
    return { kind: 'invalid-input', message: `This is too long to be an API key (${length} characters).`, input: { code: 'key-too-long', length } };
  }
  if (/[\s\p{Cc}]/u.test(candidate)) {
    return { kind: 'invalid-input', message: 'An API key has no spaces or line breaks inside.', input: { code: 'key-has-spaces' } };
  }
  return null;
}

/** JoggAI refused the key itself (10105, 18025, HTTP 401); every other failure says nothing against it. */
export function isKeyRejection(error: AppError): boolean {
  return error.kind === 'invalid-key' || error.kind === 'no-permission';
}

export function isKeychainError(error: AppError | null): boolean {
  return error !== null && (error.kind === 'keychain-locked' || error.kind === 'keychain-missing' || error.kind === 'keychain-unavailable');
}

// Keychain failures sorted into what the user can do about them. keytar only gives messages, so
// the sorting reads the messages libsecret, macOS Security and Windows Credential Manager send.
import type { AppError } from '../../../preload/api';
import { TimeoutError } from './with-timeout';

/**
 * `keychain-missing`: no keychain service at all (no D-Bus session, no Secret Service); only a
 * fallback can keep the key. `keychain-locked`: the keychain is there but locked, or its unlock
 * prompt was cancelled, could not be shown, or is still waiting. `keychain-unavailable`: any other
 * failure.
 */
export type KeychainErrorKind = 'keychain-missing' | 'keychain-locked' | 'keychain-unavailable';

const MISSING = [
  /autolaunch d-bus/i, // no session bus and no X display to start one
  /could not connect/i, // DBUS_SESSION_BUS_ADDRESS points nowhere
  /not provided by any \.service files/i, // a bus, but no Secret Service installed
  /serviceunknown|name .*org\.freedesktop\.secrets.* (was not|is not)/i,
  /dbus_session_bus_address/i,
  /no such interface .*org\.freedesktop\.secret/i,
  /libsecret.*(cannot open shared object|not found)/i, // keytar cannot load: libsecret is not installed
];

const LOCKED = [
  /locked collection/i, // libsecret: writing into a locked keyring
  /prompt .*(dismissed|cancel)|dismissed/i, // the unlock prompt was closed
  /cancel/i, // macOS errSecUserCanceled (-128) and libsecret's G_IO_ERROR_CANCELLED
  /interaction is not allowed|errsecinteractionnotallowed/i, // macOS: locked and no UI allowed
  /object does not exist at path .*collection/i, // no default keyring yet and no prompt to create one
  /is locked/i,
];

export function classifyKeychainFailure(cause: unknown): KeychainErrorKind {
  // A call that never answered is almost always an unlock prompt nobody has answered.
  if (cause instanceof TimeoutError) return 'keychain-locked';
  const text = cause instanceof Error ? cause.message : String(cause);
  if (MISSING.some((pattern) => pattern.test(text))) return 'keychain-missing';
  if (LOCKED.some((pattern) => pattern.test(text))) return 'keychain-locked';
  return 'keychain-unavailable';
}

export class KeychainError extends Error {
  readonly kind: KeychainErrorKind;
  readonly appError: AppError;
  constructor(cause: unknown, kind: KeychainErrorKind = classifyKeychainFailure(cause)) {
    // The detail is for the person who helps the user; the window words the kind itself.
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(detail);
    this.name = 'KeychainError';
    this.kind = kind;
    this.appError = { kind, message: detail };
  }
}

/** Any thrown value as the keychain error it stands for. */
export function toKeychainError(error: unknown): KeychainError {
  return error instanceof KeychainError ? error : new KeychainError(error);
}

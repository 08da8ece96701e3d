// Keychain failures become one error kind with advice the user can act on.
import type { AppError } from '../../../preload/api';

export class KeychainUnavailableError extends Error {
  readonly appError: AppError;
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const advice = keychainAdvice();
    super(`The system keychain is not available: ${detail}. ${advice}`);
    this.name = 'KeychainUnavailableError';
    this.appError = { kind: 'keychain-unavailable', message: this.message };
  }
}

function keychainAdvice(): string {
  switch (process.platform) {
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access, then try again.';
    case 'win32':
      return 'Make sure Windows Credential Manager is running, then try again.';
    default:
      return 'Make sure a keyring such as GNOME Keyring or KWallet is installed, running and unlocked (on Debian/Ubuntu: sudo apt install gnome-keyring), then try again.';
  }
}

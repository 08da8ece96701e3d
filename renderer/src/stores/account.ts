// The account panel's mirror: is a key saved, whose account is it, how many credits are left.
// Actions talk to main through window.avatarWatch; the key passes through and is never kept.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AccountState, AppError, KeyPlace, Result } from '../../../preload/api';

const EMPTY: AccountState = {
  account: null,
  hasKey: false,
  error: null,
  key: { place: null, unreachable: null, forgottenSessionKey: null, fallback: 'unavailable', os: 'other' },
};

/** A transport failure (preview host gone, IPC broken) as the same kind of value main returns. */
export function transportError(cause: unknown): AppError {
  return { kind: 'network', message: cause instanceof Error ? cause.message : String(cause) };
}

export const useAccountStore = defineStore('account', () => {
  const state = ref<AccountState>(EMPTY);
  const loaded = ref(false);
  const saving = ref(false);
  const removing = ref(false);
  const refreshing = ref(false);

  const hasKey = computed(() => state.value.hasKey);
  const account = computed(() => state.value.account);

  function apply(next: AccountState) {
    state.value = next;
    loaded.value = true;
  }

  /** `place`: the keychain, unless the user chose a fallback after being told it is missing or locked. */
  async function saveKey(key: string, place: KeyPlace = 'keychain'): Promise<Result<AccountState>> {
    saving.value = true;
    try {
      // A key copied from a web page often carries a stray space or newline.
      const result = await window.avatarWatch.saveApiKey(key.trim(), place);
      if (result.ok) apply(result.value);
      return result;
    } catch (cause) {
      return { ok: false, error: transportError(cause) };
    } finally {
      saving.value = false;
    }
  }

  async function removeKey(): Promise<Result<AccountState>> {
    removing.value = true;
    try {
      const result = await window.avatarWatch.removeApiKey();
      if (result.ok) apply(result.value);
      return result;
    } catch (cause) {
      return { ok: false, error: transportError(cause) };
    } finally {
      removing.value = false;
    }
  }

  async function refresh(): Promise<void> {
    // Its buttons stay focusable while busy (aria-disabled), so a second press must ask nothing more.
    if (refreshing.value) return;
    refreshing.value = true;
    try {
      apply(await window.avatarWatch.refreshAccount());
    } catch (cause) {
      state.value = { ...state.value, error: transportError(cause) };
    } finally {
      refreshing.value = false;
    }
  }

  return { state, loaded, saving, removing, refreshing, hasKey, account, apply, saveKey, removeKey, refresh };
});

// The web preview's socket to its host, for the banner that says when it is lost or gone.
// Stays null in Electron, where there is no socket and so nothing to say.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TransportState, WebBridge } from '../bridge/web-bridge';

export const useTransportStore = defineStore('transport', () => {
  const state = ref<TransportState | null>(null);

  /** Mirrors the bridge's transport from now on; the returned function stops. */
  function follow(bridge: Pick<WebBridge, 'onTransportChanged'>): () => void {
    return bridge.onTransportChanged((next) => {
      state.value = next;
    });
  }

  return { state, follow };
});

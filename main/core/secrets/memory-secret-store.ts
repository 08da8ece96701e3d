// A key held only in memory, for the web preview (`--secret-store memory`) and tests.
// The host must tell the user loudly that the key is forgotten when it stops.
import type { SecretStore } from '../ports';

export function createMemorySecretStore(initial: string | null = null): SecretStore {
  let key = initial;
  return {
    description: 'memory (forgotten when the app stops)',
    kind: 'memory',
    get: async () => key,
    getInteractive: async () => key,
    set: async (value) => {
      key = value;
    },
    delete: async () => {
      key = null;
    },
  };
}

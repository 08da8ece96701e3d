// Requests to JoggAI from the Electron app go through Chromium's network stack (`net.fetch`):
// the system proxy settings, PAC files and the OS certificate store apply, as in a browser, so
// the app works on corporate networks where Node's own fetch would fail. Usable after `ready`.
import { net } from 'electron';

/**
 * `net.fetch` shaped like the global fetch the JoggAI client takes. Differences that matter:
 * with `redirect: 'manual'` (the client never follows one, so the key stays with JoggAI) a
 * redirect rejects ("Redirect was cancelled") instead of answering 3xx: the client reports it as
 * a connection problem.
 */
export const electronFetch: typeof fetch = (input, init) => net.fetch(input instanceof URL ? input.href : input, init);

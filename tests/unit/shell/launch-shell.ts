// main/shell/index.ts runs at import: each launch imports a fresh copy with fresh Electron fakes.
// The test file mocks `electron` (and whatever else) with vi.mock; those mocks apply here too.
import { vi } from 'vitest';
import type * as FakeElectron from './fake-electron';

export type Fakes = typeof FakeElectron;

/** Imports main afresh after `setup` has shaped the fakes (argv, env, platform answers…). */
export async function launchShell(setup: (electron: Fakes) => void = () => {}): Promise<Fakes> {
  vi.resetModules();
  const fakes = (await import('electron')) as unknown as Fakes;
  fakes.resetElectronFakes();
  setup(fakes);
  await import('../../../main/shell/index');
  return fakes;
}

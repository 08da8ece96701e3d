// "Added 500 photos" is a promise: the real preview process is killed (SIGKILL, nothing of it runs
// afterwards) at moments after that answer, and started again on the same data folder. Every
// confirmed ID must be there, and the file must always read back whole.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientMessage, ServerMessage, Snapshot } from '../../preload/api';
import { call, openSocket } from '../support/preview-call';
import { expect, test } from './fixtures';

const BATCH = 500;
let nextId = 1;

function ids(prefix: string): string[] {
  return Array.from({ length: BATCH }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
}

function addCall(text: string): ClientMessage {
  return { type: 'call', id: nextId++, method: 'addPhotos', args: [text] };
}

function addedOf(reply: ServerMessage): string[] {
  if (reply.type !== 'result' || !reply.ok) throw new Error(`the add failed: ${JSON.stringify(reply)}`);
  return (reply.value as { added: string[] }).added;
}

/** What a restarted host shows, and what its file holds, read as a person's next start would. */
async function afterRestart(startHost: () => Promise<{ url: string }>, dataDir: string) {
  const host = await startHost();
  const ws = await openSocket(host.url);
  const reply = await call(ws, { type: 'call', id: nextId++, method: 'getSnapshot', args: [] });
  ws.close();
  if (reply.type !== 'result' || !reply.ok) throw new Error('no snapshot');
  const snapshot = reply.value as Snapshot;
  // Never half a file: it parses, and nothing had to be restored from the backup or moved aside.
  const path = join(dataDir, 'watchlist.json');
  const inFile = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { items: unknown[] }).items.length : 0;
  return { watched: new Set(snapshot.items.map((i) => i.photoId)), inFile, notices: snapshot.notices };
}

for (const delayMs of [0, 50, 240, 370]) {
  test(`killed ${delayMs} ms after "Added ${BATCH} photos": all ${BATCH} are there on the next start`, async ({ startHost, dataDir }) => {
    const host = await startHost();
    const ws = await openSocket(host.url);
    const confirmed = addedOf(await call(ws, addCall(ids(`k${delayMs}`).join('\n'))));
    expect(confirmed).toHaveLength(BATCH);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    await host.kill();

    const after = await afterRestart(startHost, dataDir);
    const lost = confirmed.filter((id) => !after.watched.has(id));
    expect(lost, `${lost.length} confirmed IDs lost`).toEqual([]);
    expect(after.inFile).toBe(BATCH);
    // The only notice is the preview's own "key in memory only"; nothing restored, nothing unreadable.
    expect(after.notices.map((n) => n.message).filter((m) => !/memory only/.test(m))).toEqual([]);
  });
}

test('killed while a second add is in flight: the first (confirmed) add is all there, the file whole', async ({ startHost, dataDir }) => {
  const host = await startHost();
  const ws = await openSocket(host.url);
  const confirmed = addedOf(await call(ws, addCall(ids('first').join('\n'))));
  ws.send(JSON.stringify(addCall(ids('second').join('\n'))));
  // Long enough for the second add to reach the host and start its write, not for it to answer.
  await new Promise((r) => setTimeout(r, 5));
  await host.kill();

  const after = await afterRestart(startHost, dataDir);
  expect(confirmed.filter((id) => !after.watched.has(id))).toEqual([]);
  // The unconfirmed add may or may not have landed, but only ever whole.
  expect([BATCH, 2 * BATCH]).toContain(after.inFile);
});

test('eight kills in a row on one folder, each at another moment after its add: nothing confirmed is ever lost', async ({ startHost, dataDir }) => {
  const confirmed: string[] = [];
  for (const delayMs of [0, 20, 80, 150, 240, 300, 370, 450]) {
    const host = await startHost();
    const ws = await openSocket(host.url);
    confirmed.push(...addedOf(await call(ws, addCall(ids(`round${delayMs}`).join('\n')))));
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    await host.kill();
  }
  const after = await afterRestart(startHost, dataDir);
  expect(confirmed).toHaveLength(8 * BATCH);
  expect(confirmed.filter((id) => !after.watched.has(id))).toEqual([]);
  expect(after.inFile).toBe(8 * BATCH);
});

// The preview host is its own process: junk on a socket, or a paste too big for one frame, must
// cost at most that socket, never the process (with --secret-store memory it would lose the key).
import type WebSocket from 'ws';
import { openSocket } from '../support/preview-call';
import { connect, expect, test, watch, row } from './fixtures';

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

test('junk on a socket closes that socket only; a paste over the limit is refused in the window', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await connect(page);

  const junk: Array<[string, WebSocket.Data, boolean, number]> = [
    ['a frame over the limit', Buffer.alloc(31_000_000, 0x61), false, 1009],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0xfd]), false, 1007],
    ['not JSON', '{"type":', false, 1007],
    ['a method whose toString is not a function', '{"type":"call","id":1,"method":{"toString":1},"args":[]}', false, 1008],
    ['arguments that are not a list', '{"type":"call","id":2,"method":"addPhotos","args":"x"}', false, 1008],
    ['an id that is text', '{"type":"call","id":"3","method":"getSnapshot","args":[]}', false, 1008],
    ['a binary frame', Buffer.from('{}'), true, 1003],
  ];
  for (const [name, data, binary, code] of junk) {
    const ws = await openSocket(host.url);
    const closed = closeCode(ws);
    ws.send(data, { binary });
    expect(await closed, name).toBe(code);
  }

  // The host and the page's own socket are still there: the key is still in memory, checks go on.
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  await watch(page, 'after-junk');
  await expect(row(page, 'after-junk')).toBeVisible();

  // 3,400,000 CJK characters are 10.2 MB as UTF-8: refused before sending, the text kept.
  const field = page.getByLabel('Photo IDs');
  await field.evaluate((el) => {
    (el as HTMLTextAreaElement).value = '\u4e00'.repeat(3_400_000);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByRole('button', { name: 'Start watching' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The photo IDs were not added. The pasted text is 10.2 MB; one paste can hold at most 5 MB. Add the photo IDs in smaller parts.',
  );
  expect(await field.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(3_400_000);
  await expect(page.getByText('Connected as demo-user')).toBeVisible();
  expect(host.output()).not.toMatch(/Uncaught|Unhandled|ERR_UNHANDLED_REJECTION/i);
});

// A ready notification names only images the window will show.
import { describe, expect, it } from 'vitest';
import { finishedNotification } from '../../main/core/notification-text';
import { makeItems } from '../support/items';

describe('finishedNotification', () => {
  const ready = { ...makeItems(1)[0]!, photoId: 'p1', status: 'ready' as const, imageUrls: [] as string[] };

  it('counts only https images, whatever an item may hold', () => {
    const item = {
      ...ready,
      imageUrls: ['https://cdn.example.com/1.png', 'javascript:alert(1)', 'file:///etc/passwd', 'http://cdn.example.com/2.png', 'data:image/png;base64,AAAA', '/3.png', 'https://cdn.example.com/4.png'],
    };
    expect(finishedNotification(item)).toEqual({ photoId: 'p1', outcome: 'ready', imageCount: 2, failureMessage: null });
  });

  it('counts loopback http images only with the local stand-in policy', () => {
    const item = { ...ready, imageUrls: ['http://127.0.0.1:4000/images/p1/1.svg', 'http://cdn.example.com/2.png'] };
    expect(finishedNotification(item).imageCount).toBe(0);
    expect(finishedNotification(item, { loopbackHttp: true }).imageCount).toBe(1);
  });

  it("words JoggAI's failure reason as one plain line, or none when nothing readable is left", () => {
    const failed = { ...ready, status: 'failed' as const, imageUrls: [] as string[] };
    const noisy = finishedNotification({ ...failed, failureMessage: 'Face not\r\ndetected\u001b[2J \u202eevil\u0007' });
    expect(noisy.failureMessage).toBe('Face not detected [2J evil');
    const long = finishedNotification({ ...failed, failureMessage: 'x'.repeat(5_000) }).failureMessage!;
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
    expect(finishedNotification({ ...failed, failureMessage: ' \u200e\n ' }).failureMessage).toBeNull();
  });
});

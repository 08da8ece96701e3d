import { describe, expect, it } from 'vitest';
import { parsePhotoIds, REJECTED_LIST_CAP } from '../../main/core/watchlist/photo-ids';

const none = () => false;

describe('parsing pasted photo IDs', () => {
  it('accepts IDs one per line, or separated by commas, semicolons, spaces and tabs', () => {
    const result = parsePhotoIds('a1\nb2, c3;d4 e5\te6\r\nf7', none);
    expect(result.added).toEqual(['a1', 'b2', 'c3', 'd4', 'e5', 'e6', 'f7']);
    expect(result.rejected).toEqual([]);
  });

  it('trims around IDs and ignores blank lines', () => {
    expect(parsePhotoIds('\n\n   abc   \n\n  def\n', none).added).toEqual(['abc', 'def']);
  });

  it('takes IDs out of the quotes that JSON or a spreadsheet left around them', () => {
    expect(parsePhotoIds('"abc", \'def\'', none).added).toEqual(['abc', 'def']);
  });

  it('reports an empty paste', () => {
    const result = parsePhotoIds('  \n , ', none);
    expect(result.added).toEqual([]);
    expect(result.rejected).toEqual([{ position: 1, value: '', reason: 'empty' }]);
  });

  it('reports empty quotes, over-long IDs and control or invisible characters, each with its position', () => {
    const long = 'x'.repeat(129);
    const result = parsePhotoIds(`ok1\n""\n${long}\nbad\u0000id\nzero\u200bwidth\nok2`, none);
    expect(result.added).toEqual(['ok1', 'ok2']);
    expect(result.rejected).toEqual([
      { position: 2, value: '""', reason: 'empty' },
      { position: 3, value: long, reason: 'too-long' },
      { position: 4, value: 'bad\\u{0}id', reason: 'bad-characters' },
      { position: 5, value: 'zero\\u{200b}width', reason: 'bad-characters' },
    ]);
  });

  it('accepts an ID of exactly 128 characters', () => {
    const id = 'y'.repeat(128);
    expect(parsePhotoIds(id, none).added).toEqual([id]);
  });

  it('adds a duplicate once and reports the repeats; already watched IDs are reported, not added', () => {
    const watched = new Set(['old']);
    const result = parsePhotoIds('new\nold\nnew\nold', (id) => watched.has(id));
    expect(result.added).toEqual(['new']);
    expect(result.rejected.map((r) => [r.position, r.value, r.reason])).toEqual([
      [2, 'old', 'already-watched'],
      [3, 'new', 'duplicate-in-paste'],
      [4, 'old', 'duplicate-in-paste'],
    ]);
  });

  it('parses a 10,000-line paste and caps the listed rejections, counting the rest', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? `photo-${i}` : `photo-${i - 1}`));
    const result = parsePhotoIds(lines.join('\n'), none);
    expect(result.added).toHaveLength(5_000);
    expect(result.rejected).toHaveLength(REJECTED_LIST_CAP);
    expect(result.rejected.length + result.rejectedNotListed).toBe(5_000);
  });
});

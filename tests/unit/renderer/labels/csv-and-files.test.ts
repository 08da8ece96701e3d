// Import and export files as people make them: spreadsheets' CSV (quotes, line breaks in cells,
// BOM, CRLF, semicolons), JSON lists and this app's own export, and plain text as a paste.
import { describe, expect, it } from 'vitest';
import { MAX_LABEL_CHARS, MAX_PASTE_IDS, type WatchItem } from '../../../../preload/api';
import { csvCell, parseCsv, toCsv } from '../../../../renderer/src/labels/csv';
import { buildExport } from '../../../../renderer/src/labels/export-file';
import { parseImportFile } from '../../../../renderer/src/labels/import-file';
import { makeItem } from '../fake-api';

describe('reading CSV', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, and tells each record’s first line', () => {
    const text = 'photo_id,label,note\r\np1,"Acme, Inc","said ""hi""\r\nthen left"\r\np2,Beta,\r\n\r\np3,,x\n';
    expect(parseCsv(text)).toEqual([
      { cells: ['photo_id', 'label', 'note'], line: 1 },
      { cells: ['p1', 'Acme, Inc', 'said "hi"\r\nthen left'], line: 2 },
      { cells: ['p2', 'Beta', ''], line: 4 },
      { cells: ['p3', '', 'x'], line: 6 },
    ]);
  });

  it('takes off a byte-order mark, reads semicolon files from Excel, and a last line without a break', () => {
    expect(parseCsv('\uFEFFid;label\np1;Acme')).toEqual([
      { cells: ['id', 'label'], line: 1 },
      { cells: ['p1', 'Acme'], line: 2 },
    ]);
  });

  it('marks a quote that never closes, at the line it opened', () => {
    expect(parseCsv('id,label\np1,ok\np2,"open\np3,x\n')).toEqual([
      { cells: ['id', 'label'], line: 1 },
      { cells: ['p1', 'ok'], line: 2 },
      { cells: ['p2', 'open\np3,x\n'], line: 3, unclosed: true },
    ]);
  });
});

describe('writing CSV', () => {
  it('quotes what needs quoting (RFC 4180) and ends records with CRLF', () => {
    expect(toCsv([['a', 'b,c', 'say "x"', 'two\nlines', ' pad']])).toBe('a,"b,c","say ""x""","two\nlines"," pad"\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', 'fine'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      'fine',
    ]);
  });
});

describe('importing a file', () => {
  it('finds the ID, label and note columns by name, in any order and any case', () => {
    const parsed = parseImportFile('list.csv', 'Note,LABEL,Photo_ID\r\nrush,Acme,p1\r\n,,p2\r\n');
    expect(parsed).toEqual({
      kind: 'entries',
      entries: [
        { photoId: 'p1', position: 2, label: 'Acme', note: 'rush' },
        { photoId: 'p2', position: 3 },
      ],
      rejected: [],
      unit: 'line',
    });
  });

  it('reports bad rows with their line numbers and keeps the good ones', () => {
    const long = 'L'.repeat(MAX_LABEL_CHARS + 1);
    const parsed = parseImportFile('list.csv', `id,label\np1,ok\n,orphan\np2,${long}\np3,"two\nlines"\np4,"open\n`);
    expect(parsed).toMatchObject({
      kind: 'entries',
      entries: [{ photoId: 'p1', position: 2, label: 'ok' }],
      rejected: [
        { position: 3, value: 'orphan', reason: 'no-id' },
        { position: 4, value: 'p2', reason: 'label-too-long' },
        { position: 5, value: 'p3', reason: 'label-bad-characters' },
        { position: 7, value: 'p4', reason: 'unclosed-quote' },
      ],
    });
  });

  it('reads a one-column file with or without a header as IDs; refuses several columns without an ID column', () => {
    expect(parseImportFile('a.csv', 'p1\np2\n')).toMatchObject({ entries: [{ photoId: 'p1', position: 1 }, { photoId: 'p2', position: 2 }] });
    expect(parseImportFile('a.csv', 'photo id\np1\n')).toMatchObject({ entries: [{ photoId: 'p1', position: 2 }] });
    expect(parseImportFile('a.csv', 'name,customer\np1,Acme\n')).toEqual({ kind: 'refused', problem: { code: 'no-id-column', columns: 'name, customer' } });
  });

  it('reads JSON lists of IDs or of objects, and says which entries it could not use', () => {
    const json = JSON.stringify(['p1', { photo_id: 'p2', label: 'Acme' }, { id: 'p3', note: 'n' }, 42, { label: 'no id' }, { photoId: 7 }]);
    expect(parseImportFile('x.json', json)).toEqual({
      kind: 'entries',
      entries: [
        { photoId: 'p1', position: 1 },
        { photoId: 'p2', position: 2, label: 'Acme' },
        { photoId: 'p3', position: 3, note: 'n' },
      ],
      rejected: [
        { position: 4, value: '42', reason: 'bad-entry' },
        { position: 5, value: 'no id', reason: 'no-id' },
        { position: 6, value: '7', reason: 'not-text' },
      ],
      unit: 'entry',
    });
    expect(parseImportFile('x.json', '{"nope": 1}')).toEqual({ kind: 'refused', problem: { code: 'json-shape' } });
    expect(parseImportFile('x.json', '[1,')).toMatchObject({ kind: 'refused', problem: { code: 'not-json' } });
  });

  it('reads plain text as a paste', () => {
    expect(parseImportFile('ids.txt', '\uFEFFp1\np2, p3')).toEqual({ kind: 'text', text: 'p1\np2, p3' });
  });

  it('refuses a file with more IDs than one paste takes, whole', () => {
    const text = Array.from({ length: MAX_PASTE_IDS + 1 }, (_, i) => `p${i}`).join('\n');
    expect(parseImportFile('big.csv', text)).toEqual({ kind: 'refused', problem: { code: 'too-many', count: MAX_PASTE_IDS + 1, max: MAX_PASTE_IDS } });
  });
});

describe('exporting the list', () => {
  const [a, b] = [makeItem('exp-1'), makeItem('exp-2')];
  const items: WatchItem[] = [
    { ...a, label: '=cmd|x', note: 'line 1\nline 2, "quoted"', status: 'ready', addedAt: Date.UTC(2026, 10, 29, 8), finishedAt: Date.UTC(2026, 10, 29, 8, 3), imageUrls: ['https://cdn.example/1.png', 'https://cdn.example/2.png'], failureMessage: null },
    { ...b, status: 'failed', addedAt: Date.UTC(2026, 10, 29, 9), finishedAt: null, failureMessage: 'Face not found', imageUrls: [] },
  ];
  const now = Date.UTC(2026, 10, 29, 12);

  it('writes CSV with every column, ISO times, the formula guard, and imports back to the same IDs and labels', () => {
    const { fileName, content } = buildExport(items, 'csv', now);
    expect(fileName).toBe('avatar-watch-photos-2026-11-29.csv');
    const records = parseCsv(content);
    expect(records[0]!.cells).toEqual(['photo_id', 'label', 'note', 'status', 'added_at', 'finished_at', 'failure_reason', 'image_urls']);
    expect(records[1]!.cells).toEqual([a.photoId, "'=cmd|x", 'line 1\nline 2, "quoted"', 'ready', '2026-11-29T08:00:00.000Z', '2026-11-29T08:03:00.000Z', '', 'https://cdn.example/1.png\nhttps://cdn.example/2.png']);
    expect(records[2]!.cells.slice(3)).toEqual(['failed', '2026-11-29T09:00:00.000Z', '', 'Face not found', '']);
    expect(parseImportFile(fileName, content)).toMatchObject({
      entries: [
        { photoId: a.photoId, label: '=cmd|x', note: 'line 1\nline 2, "quoted"' },
        { photoId: b.photoId },
      ],
      rejected: [],
    });
  });

  it('writes JSON that imports back, labels and all', () => {
    const { fileName, content } = buildExport(items, 'json', now);
    const parsed = JSON.parse(content) as { photos: unknown[] };
    expect(parsed.photos[1]).toEqual({ photoId: b.photoId, label: '', note: '', status: 'failed', addedAt: '2026-11-29T09:00:00.000Z', finishedAt: null, failureReason: 'Face not found', imageUrls: [] });
    expect(parseImportFile(fileName, content)).toMatchObject({ entries: [{ photoId: a.photoId, label: '=cmd|x' }, { photoId: b.photoId }] });
  });
});

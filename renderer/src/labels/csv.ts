// CSV as RFC 4180 writes it and spreadsheets save it, both ways. Hand-written rather than a
// library: no new dependency can be installed in this wave, and the report needs what the small
// parsers do not give: the line each record starts on, and an unclosed quote said as such
// (d3-dsv reads it silently as the rest of the file; papaparse counts rows, not lines, and
// weighs 7 KB gzipped). It is loaded only when a file is imported or the list exported.

export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file where the record starts (a quoted cell may span lines). */
  line: number;
  /** A quote opened here and never closed: the record ran to the end of the file. */
  unclosed?: true;
}

/** Excel saves CSV with semicolons where the comma is the decimal mark; tabs come from a copy. */
function delimiterOf(firstLine: string): string {
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

/** Every non-blank record, with its line. A leading byte-order mark is not part of the first cell. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = delimiterOf(/^[^\r\n]*/u.exec(text)?.[0] ?? '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    // A blank line is layout, not a record.
    if (cells.length > 1 || cells[0] !== '') records.push({ cells, line: start });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      start = line;
    } else cell += c;
    i += 1;
  }
  if (quoted) {
    cells.push(cell);
    records.push({ cells, line: start, unclosed: true });
  } else if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM`), or
 * read past a leading tab or return, starts with a quote instead: it shows as text.
 * (OWASP, "CSV injection".) parseCsv's reader, importFile, takes the quote off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** Records joined with CRLF, as RFC 4180 says and Excel expects. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Undoes csvCell's guard on the way back in, so an export imports as it was. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t\r]/u.test(value) ? value.slice(1) : value;
}

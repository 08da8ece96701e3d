// Small real PNG files for the fake's result images: a square of one colour with a darker band
// whose position tells image n from the others, so a test (or a person) can tell the four apart
// and a downloader sees the true PNG signature and chunks, not a stand-in.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG of `size`×`size` pixels in `rgb`, with a band in row-quarter `n` (1-4). */
export function squarePng(rgb: readonly [number, number, number], n: number, size = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  const band = (((n - 1) % 4) + 4) % 4;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then pixels
    const dark = Math.floor((y * 4) / size) === band;
    for (let x = 0; x < size; x++) {
      row[1 + x * 3] = dark ? rgb[0] >> 1 : rgb[0];
      row[2 + x * 3] = dark ? rgb[1] >> 1 : rgb[1];
      row[3 + x * 3] = dark ? rgb[2] >> 1 : rgb[2];
    }
    rows.push(row);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

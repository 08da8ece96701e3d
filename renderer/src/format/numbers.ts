// The one way counts are written in the window: digits grouped as the catalogue's language does
// ("20,050"), so "Added 20,000 photos" and "2,974th in line" read alike on one screen.

/** A count as the catalogue's language groups digits. */
export function count(value: number): string {
  return value.toLocaleString('en');
}

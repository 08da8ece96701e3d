// A kept result file as the window may load it: through the app's own scheme in Electron
// (app://data/…), or through the preview host's /data/ route behind its token; never `file:`.

/** `path` is below the data folder's `files/` (`results/<folder>/1.png`), as main sends it. */
export function localFileUrl(path: string, location: Pick<Location, 'search'> = window.location): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const token = new URLSearchParams(location.search).get('token');
  // Only the preview's page carries a token; the Electron window (built or dev server) has none.
  return token === null ? `app://data/${encoded}` : `/data/${encoded}?token=${encodeURIComponent(token)}`;
}

/** The image to show: the kept copy when there is one, else JoggAI's link. */
export function shownImageUrl(url: string, keptPath: string | null | undefined, location?: Pick<Location, 'search'>): string {
  return keptPath ? localFileUrl(keptPath, location) : url;
}

/** Bytes as the window writes sizes: "312 MB", "2 GB", "640 KB". */
export function formatBytes(bytes: number, locale = 'en'): string {
  const units = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
  }
  // The short form of a byte is "byte" even in the plural ("727 byte"); the long one reads right.
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}

// The name a saved result image gets: `<photo id>-<n>.<ext>`, with every character some file
// system refuses (and a leading dot, which hides a file) replaced.

export function resultFileName(photoId: string, index: number, extension: string): string {
  const safe = photoId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return `${safe}-${index + 1}.${extension}`;
}

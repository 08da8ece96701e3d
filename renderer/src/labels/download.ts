// The preview's way to save an export: the browser's own download (a Blob behind a link), so
// the file never crosses the socket and lands where the browser puts downloads.
export function downloadText(fileName: string, content: string, doc: Document = document): void {
  const type = fileName.endsWith('.json') ? 'application/json' : 'text/csv';
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

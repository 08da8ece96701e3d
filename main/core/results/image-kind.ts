// What a downloaded result image really is. A CDN's label (Content-Type) can lie, and an error
// page served as image/png would be kept and shown as a broken picture: both the label and the
// first bytes must say PNG, JPEG or WebP, and the file is named after what the bytes say.

export type ImageKind = 'png' | 'jpeg' | 'webp';

const LABELS: Readonly<Record<string, ImageKind>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/webp': 'webp',
};

/**
 * The kind a Content-Type header names, or null for anything else. A missing header is allowed
 * through (some CDNs send none) and decided by the bytes alone; `application/octet-stream` too.
 */
export function labelAllows(contentType: string | null): boolean {
  if (contentType === null) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === '' || type === 'application/octet-stream' || type in LABELS;
}

/** The kind the first bytes show, or null when they are not a PNG, JPEG or WebP file. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  const starts = (sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

export const EXTENSIONS: Readonly<Record<ImageKind, string>> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/**
 * A program's banner and thumbnail: which images are taken, decided by their content (magic bytes,
 * via `file-type`), never by the name or the Content-Type the browser sent. Photographs and
 * graphics a page shows as they are: JPEG, PNG and WebP (no SVG: it can carry script).
 */
import { fileTypeFromBuffer } from 'file-type';

/** 5 MB: a banner for a web page, not a print original. */
export const MAX_PROGRAM_IMAGE_BYTES = 5 * 1024 * 1024;

export const PROGRAM_IMAGE_ROLES = ['banner', 'thumbnail'] as const;
export type ProgramImageRole = (typeof PROGRAM_IMAGE_ROLES)[number];

export type ImageExt = 'jpg' | 'png' | 'webp';
export const IMAGE_CONTENT_TYPES: Record<ImageExt, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export type SniffedImage = { ok: true; ext: ImageExt; contentType: string } | { ok: false; sniffed: string | null };

export async function sniffProgramImage(bytes: Uint8Array): Promise<SniffedImage> {
  const found = bytes.byteLength ? await fileTypeFromBuffer(bytes) : undefined;
  const ext = found?.ext;
  if (ext === 'jpg' || ext === 'png' || ext === 'webp') return { ok: true, ext, contentType: IMAGE_CONTENT_TYPES[ext] };
  return { ok: false, sniffed: found?.mime ?? null };
}

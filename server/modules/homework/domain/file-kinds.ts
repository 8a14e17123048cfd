/**
 * Which homework files are taken, decided by their content (magic bytes, via `file-type`), never
 * by the name or the Content-Type the client sent. Plain text has no magic bytes: it is taken
 * when it is valid UTF-8 without control characters other than tab, newlines and form feed.
 */
import { fileTypeFromBuffer } from 'file-type';

/** 20 MB. */
export const MAX_ARTIFACT_BYTES = 20 * 1024 * 1024;

/**
 * How much of a file's beginning is read for its type (magic bytes, and a DOCX's first ZIP entries)
 * before its bytes go on to the storage; the rest streams through without being held.
 */
export const SNIFF_HEAD_BYTES = 1024 * 1024;

export type ArtifactKind = 'pdf' | 'jpg' | 'png' | 'heic' | 'webp' | 'mp3' | 'm4a' | 'mp4' | 'txt' | 'docx';

/** The Content-Type each kind is served with. */
export const KIND_CONTENT_TYPES: Record<ArtifactKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** What `file-type` names each accepted kind (its `ext`); HEIF images sniff as heic or heif. */
const SNIFFED: Record<string, ArtifactKind> = {
  pdf: 'pdf', jpg: 'jpg', png: 'png', heic: 'heic', heif: 'heic', webp: 'webp', mp3: 'mp3', m4a: 'm4a', mp4: 'mp4', docx: 'docx',
};

export type Sniffed = { ok: true; kind: ArtifactKind; contentType: string } | { ok: false; reason: 'empty' | 'not_allowed'; sniffed: string | null };

/** Valid UTF-8 text: no bytes a text file would not hold (NUL and other C0 controls but \t \n \f \r, DEL). */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * The plain-text rule over a file read in pieces: `push` each piece (a UTF-8 sequence may be split
 * between two), then `end`. False as soon as one piece shows the file is not text.
 */
export class PlainTextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  push(bytes: Uint8Array): boolean {
    if (this.ok) this.ok = this.check(() => this.decoder.decode(bytes, { stream: true }));
    return this.ok;
  }

  end(): boolean {
    if (this.ok) this.ok = this.check(() => this.decoder.decode());
    return this.ok;
  }

  private check(decode: () => string): boolean {
    try {
      // eslint-disable-next-line no-control-regex
      return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decode());
    } catch {
      return false;
    }
  }
}

/**
 * What the beginning of a file says it is: a kind by its magic bytes, refused (a type with magic
 * bytes that is not accepted), or `maybe_text` (no magic bytes: text if every byte of it is).
 */
export type HeadSniff = { ok: true; kind: ArtifactKind; contentType: string } | { ok: false; reason: 'not_allowed'; sniffed: string } | { ok: 'maybe_text' };

export async function sniffHead(head: Uint8Array): Promise<HeadSniff> {
  const found = head.byteLength ? await fileTypeFromBuffer(head) : undefined;
  if (!found) return { ok: 'maybe_text' };
  const kind = SNIFFED[found.ext];
  return kind ? { ok: true, kind, contentType: KIND_CONTENT_TYPES[kind] } : { ok: false, reason: 'not_allowed', sniffed: found.mime };
}

/**
 * Homework per booking is capped (one customer's files for one booking): at most
 * `MAX_BOOKING_ARTIFACTS` files and `MAX_BOOKING_ARTIFACT_BYTES` in all (ten files of the largest
 * size). Removing a file frees its room.
 */
export const MAX_BOOKING_ARTIFACTS = 50;
export const MAX_BOOKING_ARTIFACT_BYTES = 200 * 1024 * 1024;

export interface ArtifactUsage { files: number; bytes: number }

/** Null when a file of `size` bytes fits beside what the booking holds; else what is exceeded. */
export function quotaRefusal(used: ArtifactUsage, size: number): { limit: 'files' | 'bytes' } | null {
  if (used.files + 1 > MAX_BOOKING_ARTIFACTS) return { limit: 'files' };
  if (used.bytes + size > MAX_BOOKING_ARTIFACT_BYTES) return { limit: 'bytes' };
  return null;
}

export async function sniffArtifact(bytes: Uint8Array): Promise<Sniffed> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty', sniffed: null };
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const kind = SNIFFED[found.ext];
    return kind ? { ok: true, kind, contentType: KIND_CONTENT_TYPES[kind] } : { ok: false, reason: 'not_allowed', sniffed: found.mime };
  }
  return isPlainText(bytes) ? { ok: true, kind: 'txt', contentType: KIND_CONTENT_TYPES.txt } : { ok: false, reason: 'not_allowed', sniffed: null };
}

/**
 * The name a download is offered under: the client's name without its path, its extension or
 * anything that is not a letter, digit, space, dot, dash or underscore, then the sniffed
 * extension. `homework` when nothing is left.
 */
export function artifactFilename(clientName: string, kind: ArtifactKind): string {
  const base = clientName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').normalize('NFC').replace(/[^\p{L}\p{N} ._-]+/gu, '_').replace(/^[ ._]+|[ ._]+$/g, '').slice(0, 100);
  return `${stem || 'homework'}.${kind}`;
}

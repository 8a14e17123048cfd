/**
 * A `multipart/form-data` body read as it arrives (RFC 7578): each part's headers are parsed and
 * its bytes handed to a sink chunk by chunk, so a large file never sits in memory whole. Only a
 * few bytes (the longest possible split delimiter) are held back between chunks. A sink may throw
 * to stop reading (a file too large, a type refused): the body's reader is cancelled then.
 */
import { AppError } from '../errors.ts';

export interface PartInfo {
  /** The form field's name (`Content-Disposition: form-data; name="…"`). */
  name: string;
  /** The file name the client sent, when the part is a file. */
  filename: string | null;
  contentType: string | null;
}

export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Headers of one part are at most this long (a malformed body is refused, not buffered). */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

const malformed = (detail: string) => new AppError('validation_failed', detail, { errors: [{ field: 'file', message: 'is required' }] });

/** The boundary of a `multipart/form-data` Content-Type; undefined when it is another type or has none. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function headerParam(value: string, param: string): string | null {
  const m = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? null);
}

function partInfo(raw: Buffer): PartInfo {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of raw.toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      if (!/^form-data\s*(;|$)/i.test(value)) throw malformed('Every part of the multipart body must be form-data.');
      name = headerParam(value, 'name');
      filename = headerParam(value, 'filename');
    } else if (key === 'content-type') contentType = value;
  }
  if (name === null) throw malformed('A part of the multipart body has no name.');
  return { name, filename, contentType };
}

/**
 * Reads `body` part by part. `onPart` answers a sink for the part's bytes (or null to skip them).
 * Resolves when the closing delimiter was read; throws `validation_failed` for a body that ends
 * early or is not multipart as announced, and whatever a sink throws.
 */
export async function readMultipart(body: ReadableStream<Uint8Array>, boundary: string, onPart: (part: PartInfo) => PartSink | null): Promise<void> {
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const reader = body.getReader();
  let buf: Buffer = Buffer.alloc(0);
  let state: 'preamble' | 'boundary' | 'headers' | 'body' | 'done' = 'preamble';
  let sink: PartSink | null = null;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (;;) {
        if (state === 'preamble') {
          const at = buf.indexOf(first);
          if (at < 0) { buf = Buffer.from(buf.subarray(Math.max(0, buf.length - first.length + 1))); break; }
          buf = buf.subarray(at + first.length);
          state = 'boundary';
        }
        if (state === 'boundary') {
          // After a delimiter: "--" closes the body, CRLF opens the next part (transport padding is not sent by browsers).
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) { state = 'done'; break; }
          if (!buf.subarray(0, 2).equals(CRLF)) throw malformed('The multipart body is not well formed.');
          buf = buf.subarray(2);
          state = 'headers';
        }
        if (state === 'headers') {
          const at = buf.indexOf(HEADERS_END);
          if (at < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw malformed('A part\'s headers are too long.');
            break;
          }
          sink = onPart(partInfo(buf.subarray(0, at)));
          buf = buf.subarray(at + HEADERS_END.length);
          state = 'body';
        }
        if (state === 'body') {
          const at = buf.indexOf(delimiter);
          if (at < 0) {
            // Everything but what could be the start of a delimiter split across chunks.
            const safe = buf.length - (delimiter.length - 1);
            if (safe > 0) {
              if (sink) await sink.write(buf.subarray(0, safe));
              buf = Buffer.from(buf.subarray(safe));
            }
            break;
          }
          if (sink) {
            if (at > 0) await sink.write(buf.subarray(0, at));
            await sink.end();
          }
          sink = null;
          buf = buf.subarray(at + delimiter.length);
          state = 'boundary';
          continue;
        }
        break;
      }
      if (state === 'done') break;
    }
    if (state !== 'done') throw malformed('The multipart body ended before its closing boundary.');
    finished = true;
  } finally {
    if (!finished) await drainOrCancel(reader);
    else reader.releaseLock();
  }
}

/** What is read of a refused body's rest (bytes, and pieces) before it is cancelled instead (the closing part of a small one). */
const DRAIN_BYTES = 64 * 1024;

/**
 * After a refusal: a body that ends within a few more bytes is read to its end (cancelling a body
 * its source has just finished races the source's own close); a longer one is cancelled there,
 * so a refused large upload is not read further.
 */
async function drainOrCancel(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let read = 0;
  try {
    for (let reads = 0; read <= DRAIN_BYTES && reads < 64; reads++) {
      const { done, value } = await reader.read();
      if (done) { reader.releaseLock(); return; }
      read += value.byteLength;
    }
  } catch {
    // An errored body (too large, the client gone) is over already.
    return;
  }
  await reader.cancel().catch(() => undefined);
}

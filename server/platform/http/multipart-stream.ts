/**
 * A `multipart/form-data` body read as it arrives (RFC 7578), parsed by busboy: each part's bytes
 * are handed to a sink chunk by chunk (awaited, so busboy's backpressure holds the body), and a large
 * file never sits in memory whole. A sink may throw to stop reading (a file too large, a type
 * refused): the body is cancelled then (a few closing bytes of a small one are still read).
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
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

const malformed = (detail: string) => new AppError('validation_failed', detail, { errors: [{ field: 'file', message: 'is required' }] });

/** The boundary of a `multipart/form-data` Content-Type; undefined when it is another type or has none. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * Reads `body` part by part. `onPart` answers a sink for the part's bytes (or null to skip them).
 * Resolves when the closing delimiter was read; throws `validation_failed` for a body that ends
 * early or is not multipart as announced, and whatever a sink throws.
 */
export async function readMultipart(body: ReadableStream<Uint8Array>, boundary: string, onPart: (part: PartInfo) => PartSink | null): Promise<void> {
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  const parser = busboy({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, limits: { headerPairs: 20, fieldSize: MAX_HEADER_BYTES } });
  // Parts are handed over one after the other; a sink's writes are awaited before busboy gets more of that part.
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (!failure) failure = { error };
  };
  const handOver = (info: PartInfo, bytes: AsyncIterable<Uint8Array> | Uint8Array, skip: () => void) => {
    chain = chain.then(async () => {
      if (failure) return skip();
      const sink = onPart(info);
      if (!sink) return skip();
      // Only what a sink throws is the answer; a part cut short by the body's own error is told by that error.
      const sinkCall = async (call: () => void | Promise<void>) => {
        try {
          await call();
        } catch (error) {
          fail(error);
          throw error;
        }
      };
      if (bytes instanceof Uint8Array) {
        if (bytes.byteLength) await sinkCall(() => sink.write(bytes));
      } else {
        for await (const chunk of bytes) await sinkCall(() => sink.write(chunk as Uint8Array));
      }
      await sinkCall(() => sink.end());
    }).catch((error: unknown) => {
      skip();
      parser.emit('error', error);
    });
  };
  parser.on('file', (name, file, info) => handOver({ name, filename: info.filename ?? null, contentType: info.mimeType ?? null }, file, () => { file.resume(); }));
  parser.on('field', (name, value, info) => handOver({ name, filename: null, contentType: info.mimeType ?? null }, Buffer.from(value, 'utf8'), () => undefined));
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', (error: unknown) => reject(error));
    source.on('error', (error: unknown) => reject(error));
  });
  source.pipe(parser);
  try {
    await parsed;
    await chain;
  } catch (error) {
    source.unpipe(parser);
    await drainOrCancel(source);
    if (failure) throw failure.error;
    if (error instanceof AppError) throw error;
    throw malformed(/end|boundary/i.test(error instanceof Error ? error.message : '') ? 'The multipart body ended before its closing boundary.' : 'The multipart body is not well formed.');
  }
  if (failure) throw failure.error;
}

/** What is read of a refused body's rest (bytes) before it is cancelled instead (the closing part of a small one). */
const DRAIN_BYTES = 64 * 1024;

/**
 * After a refusal: a body that ends within a few more bytes is read to its end (cancelling a body
 * its source has just finished races the source's own close); a longer one is cancelled there,
 * so a refused large upload is not read further.
 */
async function drainOrCancel(source: Readable): Promise<void> {
  if (source.destroyed || source.readableEnded) return;
  await new Promise<void>((resolve) => {
    let read = 0;
    const done = () => { source.off('data', onData); resolve(); };
    const onData = (chunk: Buffer) => {
      read += chunk.byteLength;
      if (read > DRAIN_BYTES) { source.destroy(); done(); }
    };
    source.on('data', onData);
    source.once('end', done);
    source.once('error', done);
    source.once('close', done);
    source.resume();
  });
}

import type { Readable } from 'node:stream';

/**
 * Where uploaded files' bytes live: a local directory (the default) or an S3-compatible bucket.
 * Keys are the server's own (`<org>/<booking>/<uuid>`), never a client's name; what a file is
 * (its type, its name for a download) is in the database, not in the storage.
 */
export interface StoredObject {
  /** The bytes, streamed. */
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface FileStorage {
  kind: 'local' | 's3';
  /**
   * Stores the bytes under `key`, whole or not at all: a body stream that errors (the upload was
   * refused half-way) leaves no object and no partial file behind. A stream is written as it comes.
   */
  put(key: string, body: Uint8Array | Readable, contentType: string): Promise<void>;
  /** Undefined when there is no such object. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are made by the server; anything else is a bug, refused before it can name a path outside the storage. */
export function assertKey(key: string): void {
  if (!/^[0-9a-f-]{36}(\/[0-9a-f-]{36}){2}$/.test(key)) throw new Error('storage key of an unexpected shape');
}

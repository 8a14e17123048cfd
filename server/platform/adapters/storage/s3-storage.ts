import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, type FileStorage } from './storage.ts';

/**
 * A stream of unknown length goes to a temporary file first (a PUT needs its length; S3-compatible
 * servers differ in their support of chunked uploads), then to the bucket from that file: memory
 * holds a chunk at a time either way.
 */
async function spooled<T>(body: Readable, send: (file: { open: () => Readable; size: number }) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-s3-put-'));
  const path = join(dir, 'body');
  try {
    await pipeline(body, createWriteStream(path, { mode: 0o600 }));
    const { size } = await stat(path);
    return await send({ open: () => createReadStream(path), size });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * An S3-compatible bucket, from `S3_URL`:
 *   https://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=eu-central-1]
 * Path-style addressing (what MinIO, Ceph, Garage and s3rver answer; AWS too). Without
 * credentials in the URL the SDK's usual chain (AWS_ACCESS_KEY_ID, a profile, a role) applies.
 */
export interface S3Settings { endpoint: string; bucket: string; prefix: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string } | undefined }

export function s3SettingsFromUrl(raw: string): S3Settings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('S3_URL must be a URL such as https://KEY:SECRET@s3.example.com/bucket');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('S3_URL must start with https:// (or http:// for a local server)');
  const [bucket, ...rest] = url.pathname.split('/').filter(Boolean);
  if (!bucket) throw new Error('S3_URL must name the bucket as its path: https://host/bucket');
  const credentials = url.username
    ? { accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password) }
    : undefined;
  return { endpoint: url.origin, bucket, prefix: rest.length ? `${rest.join('/')}/` : '', region: url.searchParams.get('region') || 'us-east-1', credentials };
}

type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The AWS SDK is loaded at the first use of the bucket, not when the module is: a process that
 * stores uploads on disk never loads it (≈ 5 MB of heap), one with a bucket loads it once.
 */
let sdk: Promise<Sdk> | undefined;

export function s3Storage(settings: S3Settings): FileStorage {
  let opened: Promise<{ s3: S3Client; sdk: Sdk }> | undefined;
  const open = () => (opened ??= (sdk ??= import('@aws-sdk/client-s3')).then((loaded) => ({
    sdk: loaded,
    s3: new loaded.S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      // Checksums only where S3 requires them: S3-compatible servers differ in which trailers they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  })));
  const keyOf = (key: string) => { assertKey(key); return `${settings.prefix}${key}`; };
  return {
    kind: 's3',
    async put(key, body, contentType) {
      const { s3, sdk: { PutObjectCommand } } = await open();
      if (body instanceof Uint8Array) {
        await s3.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(key), Body: body, ContentType: contentType, ContentLength: body.byteLength }));
        return;
      }
      await spooled(body, (file) => s3.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(key), Body: file.open(), ContentType: contentType, ContentLength: file.size })));
    },
    async get(key) {
      const { s3, sdk: { GetObjectCommand } } = await open();
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(key) }));
        if (!out.Body) return undefined;
        return { body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: Number(out.ContentLength ?? 0) };
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
        throw error;
      }
    },
    async delete(key) {
      const { s3, sdk: { DeleteObjectCommand } } = await open();
      await s3.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: keyOf(key) }));
    },
  };
}

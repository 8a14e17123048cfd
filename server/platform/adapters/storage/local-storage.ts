import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { assertKey, type FileStorage } from './storage.ts';

/**
 * Files in a directory (TANDEM_DATA_DIR/uploads by default). A file is written under a temporary
 * name and renamed into place, so a reader never sees half of one. The directory is made on the
 * first write, not at start-up (PGlite keeps its own files beside it).
 */
export function localStorage(dir: string): FileStorage {
  const pathOf = (key: string) => { assertKey(key); return join(dir, ...key.split('/')); };
  return {
    kind: 'local',
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.part`;
      try {
        if (body instanceof Uint8Array) await writeFile(partial, body, { mode: 0o600 });
        else await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      return { body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

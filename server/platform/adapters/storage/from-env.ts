import { join } from 'node:path';
import { localStorage } from './local-storage.ts';
import { s3SettingsFromUrl, s3Storage } from './s3-storage.ts';
import type { FileStorage } from './storage.ts';

/** `S3_URL` set: that bucket; otherwise the `uploads` directory under the data directory. */
export function storageFromEnv(env: NodeJS.ProcessEnv, dataDir: string): FileStorage {
  return env.S3_URL ? s3Storage(s3SettingsFromUrl(env.S3_URL)) : localStorage(join(dataDir, 'uploads'));
}

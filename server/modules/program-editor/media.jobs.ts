/**
 * The bytes of a program image that was replaced or removed: deleted from the storage once the
 * change committed. Deleting what is gone already is no error, so a retry is always safe.
 */
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { assertKey, type FileStorage } from '../../platform/adapters/storage/storage.ts';

export const PROGRAM_IMAGE_OBJECTS_QUEUE = 'programs.remove-image';

export interface RemoveImageJob { org_id: string; program_id: string; storage_key: string }

export function programImageObjectsJob(deps: { storage: FileStorage }): JobDefinition<RemoveImageJob> {
  return {
    name: PROGRAM_IMAGE_OBJECTS_QUEUE,
    retryLimit: 10,
    async handle(data) {
      assertKey(data.storage_key);
      await deps.storage.delete(data.storage_key);
    },
  };
}

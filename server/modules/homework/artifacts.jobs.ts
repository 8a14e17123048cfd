/**
 * The bytes of a removed homework file: the removal commits the row's deletion and this job
 * together; the job then deletes the stored object. A storage that fails is tried again with
 * back-off (deleting what is gone already is no error), and a run that succeeded is never repeated.
 */
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { assertKey, type FileStorage } from '../../platform/adapters/storage/storage.ts';

export const HOMEWORK_OBJECTS_QUEUE = 'homework.remove-object';

export interface RemoveObjectJob { org_id: string; artifact_id: string; storage_key: string }

export function homeworkObjectsJob(deps: { storage: FileStorage }): JobDefinition<RemoveObjectJob> {
  return {
    name: HOMEWORK_OBJECTS_QUEUE,
    retryLimit: 10,
    async handle(data) {
      assertKey(data.storage_key);
      await deps.storage.delete(data.storage_key);
    },
  };
}

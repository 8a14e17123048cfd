/**
 * A program's uploaded banner and thumbnail: the bytes are stored first (under a key of the
 * server's own, `<org>/<program>/<uuid>`), then the program's `media` names them in the caller's
 * transaction. An image replaced or removed leaves the storage by a job after the commit, so a
 * change that rolls back never loses the image still shown.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { ProgramMedia } from '../../../schema/db/index.ts';
import type { EditorProgramRow } from './editor.queries.ts';
import type { ProgramImageRole } from './domain/index.ts';
import { PROGRAM_IMAGE_OBJECTS_QUEUE } from './media.jobs.ts';

export interface StoredImage { url: string; storageKey: string; alt: string }

/** Sets (an image) or removes (null) the program's banner or thumbnail. */
export async function setProgramImage(tx: Tx, orgId: string, program: EditorProgramRow, role: ProgramImageRole, image: StoredImage | null, ctx: EventContext): Promise<void> {
  const media = program.media as ProgramMedia[];
  const replaced = media.filter((m) => m.role === role);
  const kept = media.filter((m) => m.role !== role);
  const next: ProgramMedia[] = image ? [...kept, { kind: 'image', url: image.url, alt: image.alt, role, storage_key: image.storageKey }] : kept;
  await tx.update(t.programs).set({ media: next, updatedAt: ctx.now }).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, program.id)));
  for (const old of replaced) {
    if (old.storage_key) await enqueue(tx, PROGRAM_IMAGE_OBJECTS_QUEUE, { org_id: orgId, program_id: program.id, storage_key: old.storage_key });
  }
  await recordEvent(tx, { orgId, type: image ? 'program.image_set' : 'program.image_removed', subjectId: program.id, payload: { role } }, ctx);
}

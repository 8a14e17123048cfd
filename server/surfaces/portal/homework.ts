import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute, resolver } from 'hono-openapi';
import { ArtifactList, ArtifactOut, ArtifactParams, MilestoneParams } from '../../../schema/api/homework.ts';
import { BookingParams } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';
import { bookingById, bookingForCustomer, slotRaceLost } from '../../modules/bookings/index.ts';
import {
  artifactFilename, bookingArtifact, bookingArtifactList, MAX_ARTIFACT_BYTES, milestoneOfBooking, recordArtifact, removeArtifact, sniffArtifact,
} from '../../modules/homework/index.ts';
import { artifactOut } from '../shapes/artifact.out.ts';
import { customerCaller } from './portal-action.ts';
import { portalSecurity } from './list-bookings.ts';
import { problemResponses } from '../openapi-shared.ts';

/** Room for the multipart framing around a file of the largest size. */
const MULTIPART_SLACK = 64 * 1024;
export const UPLOAD_PATH = /^\/v1\/portal\/bookings\/[^/]+\/milestones\/[^/]+\/artifacts$/;

const tooLarge = () => new AppError('file_too_large', `Files of up to ${MAX_ARTIFACT_BYTES / (1024 * 1024)} MB are accepted.`, { max_bytes: MAX_ARTIFACT_BYTES });

/** The booking as the customer sees it (a manage link: its own booking only); 404 otherwise. */
async function ownBooking(tx: Tx, c: Context<PortalEnv>, id: string) {
  const caller = c.get('portal');
  const booking = caller.bookingId === null || caller.bookingId === id ? await bookingById(tx, caller.orgId, id) : undefined;
  if (!booking) throw new AppError('not_found', 'No such booking.');
  return booking;
}

/** The uploaded file of a multipart body (field `file`), or the 400 that says what is wrong. */
async function uploadedFile(c: Context<PortalEnv>): Promise<File> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('validation_failed', 'Send the file as multipart/form-data in the field "file".', { errors: [{ field: 'file', message: 'is required' }] });
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('validation_failed', 'The multipart body could not be read.', { errors: [{ field: 'file', message: 'is required' }] });
  }
  const file = form.file;
  if (Array.isArray(file)) throw new AppError('validation_failed', 'Send one file per request.', { errors: [{ field: 'file', message: 'must be a single file' }] });
  if (!(file instanceof File)) throw new AppError('validation_failed', undefined, { errors: [{ field: 'file', message: 'is required' }] });
  return file;
}

/**
 * Homework per milestone: the customer uploads files (up to 20 MB; what a file is, is decided by its
 * content), lists them with short-lived download links, and removes their own.
 */
export function homeworkRoutes(deps: AppDeps & { storage: FileStorage }) {
  return new Hono<PortalEnv>()
    .get('/bookings/:id/artifacts',
      describeRoute({
        tags: ['portal'], summary: 'The homework files of a booking',
        description: 'Oldest first, each with a `download_url` valid five minutes.',
        security: portalSecurity,
        responses: { 200: { description: 'The files', content: { 'application/json': { schema: resolver(ArtifactList) } } }, ...problemResponses(400, 401, 404) },
      }),
      validate('param', BookingParams),
      async (c) => {
        const caller = c.get('portal');
        const { id } = c.req.valid('param');
        const now = deps.now();
        const rows = await withCaller(deps.db, customerCaller(caller), async (tx) => {
          await ownBooking(tx, c, id);
          return bookingArtifactList(tx, caller.orgId, id);
        });
        return c.json({ artifacts: rows.map((r) => artifactOut(r, deps.config, now)), max_bytes: MAX_ARTIFACT_BYTES } satisfies ArtifactList);
      })
    .get('/bookings/:id/artifacts/:artifactId',
      describeRoute({
        tags: ['portal'], summary: 'One homework file with a fresh download link',
        description: 'Answers the file with its `download_url` (valid five minutes); `?download=1` answers 303 See Other to that link instead.',
        security: portalSecurity,
        responses: { 200: { description: 'The file', content: { 'application/json': { schema: resolver(ArtifactOut) } } }, 303: { description: 'To the signed link' }, ...problemResponses(400, 401, 404) },
      }),
      validate('param', ArtifactParams),
      async (c) => {
        const caller = c.get('portal');
        const { id, artifactId } = c.req.valid('param');
        const row = await withCaller(deps.db, customerCaller(caller), async (tx) => {
          await ownBooking(tx, c, id);
          return bookingArtifact(tx, caller.orgId, id, artifactId);
        });
        if (!row) throw new AppError('not_found', 'No such file.');
        const out = artifactOut(row, deps.config, deps.now());
        if (c.req.query('download') === '1') return c.redirect(out.download_url, 303);
        return c.json(out);
      })
    .post('/bookings/:id/milestones/:milestoneId/artifacts',
      describeRoute({
        tags: ['portal'], summary: 'Upload homework for a milestone',
        description: 'multipart/form-data with the file in the field `file`, up to 20 MB (413 file_too_large beyond). Accepted by content, whatever its '
          + 'name or Content-Type: PDF, JPEG, PNG, HEIC, WebP, MP3, M4A, MP4, DOCX and UTF-8 plain text (422 file_type_not_allowed otherwise). '
          + 'The booking\'s instructor is mailed. Needs an `Idempotency-Key`.',
        security: portalSecurity,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 201: { description: 'The stored file', content: { 'application/json': { schema: resolver(ArtifactOut) } } }, ...problemResponses(400, 401, 404, 413, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', MilestoneParams),
      bodyLimit({ maxSize: MAX_ARTIFACT_BYTES + MULTIPART_SLACK, onError: () => { throw tooLarge(); } }),
      async (c) => {
        const caller = c.get('portal');
        const { id, milestoneId } = c.req.valid('param');
        // Whose booking and which milestone first: nothing is read or stored for someone else's.
        await withCaller(deps.db, customerCaller(caller), async (tx) => {
          await ownBooking(tx, c, id);
          if (!(await milestoneOfBooking(tx, caller.orgId, id, milestoneId))) throw new AppError('not_found', 'No such milestone in this booking\'s program.');
        });
        const file = await uploadedFile(c);
        if (file.size > MAX_ARTIFACT_BYTES) throw tooLarge();
        const bytes = new Uint8Array(await file.arrayBuffer());
        const sniffed = await sniffArtifact(bytes);
        if (!sniffed.ok) {
          throw sniffed.reason === 'empty'
            ? new AppError('validation_failed', 'The file is empty.', { errors: [{ field: 'file', message: 'must not be empty' }] })
            : new AppError('file_type_not_allowed', 'Accepted are PDF, JPEG, PNG, HEIC, WebP, MP3, M4A, MP4, DOCX and plain text files.', { allowed: ['pdf', 'jpg', 'png', 'heic', 'webp', 'mp3', 'm4a', 'mp4', 'docx', 'txt'] });
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const artifactId = randomUUID();
        const storageKey = `${caller.orgId}/${id}/${artifactId}`;
        const filename = artifactFilename(file.name, sniffed.kind);
        // The bytes go to the storage before the transaction (no transaction waits on it); a request
        // that does not commit a row for them (a replay, a refusal, a failure) removes them again.
        await deps.storage.put(storageKey, bytes, sniffed.contentType);
        const now = deps.now();
        let kept = false;
        try {
          const answer = await runIdempotent(deps.db, customerCaller(caller),
            { key: idempotencyKeyOf(c), scope: `POST /v1/portal/bookings/${id}/milestones/${milestoneId}/artifacts`, body: { sha256, size: bytes.byteLength, name: file.name }, now, raceLost: slotRaceLost },
            (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
            async (tx, booking) => {
              if (booking.status === 'reserved' || booking.status === 'cancelled') throw new AppError('invalid_state', 'Homework can be uploaded for a paid booking that is not cancelled.');
              const milestone = await milestoneOfBooking(tx, caller.orgId, id, milestoneId);
              if (!milestone) throw new AppError('not_found', 'No such milestone in this booking\'s program.');
              const row = await recordArtifact(tx, { now, config: deps.config }, {
                id: artifactId, booking, milestone, storageKey, filename, kind: sniffed.kind, contentType: sniffed.contentType, sizeBytes: bytes.byteLength, sha256,
              });
              return { status: 201, body: artifactOut(row, deps.config, now) };
            });
          kept = !answer.replayed && answer.status === 201;
          // A replay answers the first upload; its links are signed afresh (the recorded ones may have expired).
          if (answer.replayed && answer.status === 201) {
            const first = answer.body as ArtifactOut;
            const row = await withCaller(deps.db, customerCaller(caller), (tx) => bookingArtifact(tx, caller.orgId, id, first.id));
            if (row) return sendAnswer(c, { ...answer, body: artifactOut(row, deps.config, now) });
          }
          return sendAnswer(c, answer);
        } finally {
          if (!kept) await deps.storage.delete(storageKey).catch(() => undefined);
        }
      })
    .delete('/bookings/:id/artifacts/:artifactId',
      describeRoute({
        tags: ['portal'], summary: 'Remove an uploaded homework file',
        description: 'The customer\'s own upload; answers 204 (also when it was already removed by this key). Needs an `Idempotency-Key`.',
        security: portalSecurity,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 404) },
      }),
      idempotencyKeyRequired(),
      validate('param', ArtifactParams),
      async (c) => {
        const caller = c.get('portal');
        const { id, artifactId } = c.req.valid('param');
        const now = deps.now();
        let removedKey: string | undefined;
        const answer = await runIdempotent(deps.db, customerCaller(caller),
          { key: idempotencyKeyOf(c), scope: `DELETE /v1/portal/bookings/${id}/artifacts/${artifactId}`, body: {}, now, raceLost: slotRaceLost },
          (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
          async (tx, booking) => {
            removedKey = await removeArtifact(tx, { now, config: deps.config }, booking, artifactId);
            if (!removedKey) throw new AppError('not_found', 'No such file.');
            return { status: 204, body: null };
          });
        // After commit: the bytes of a removed file (a failure here leaves an unreferenced object, never a dangling row).
        if (removedKey) await deps.storage.delete(removedKey).catch(() => undefined);
        if (answer.status === 204) {
          const headers: Record<string, string> = answer.replayed ? { 'Idempotency-Replayed': 'true' } : {};
          return c.body(null, 204, headers);
        }
        return sendAnswer(c, answer);
      });
}

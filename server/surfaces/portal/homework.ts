import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ArtifactList, ArtifactOut, ArtifactParams, MilestoneParams } from '../../../schema/api/homework.ts';
import { BookingParams } from '../../../schema/api/portal.ts';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { multipartBoundary, readMultipart } from '../../platform/http/multipart-stream.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';
import { bookingById, bookingForCustomer, slotRaceLost } from '../../modules/bookings/index.ts';
import {
  artifactFilename, bookingArtifact, bookingArtifactList, bookingArtifactUsage, KIND_CONTENT_TYPES, MAX_ARTIFACT_BYTES, milestoneOfBooking, PlainTextCheck,
  quotaExceeded, quotaRefusal, recordArtifact, removeArtifact, SNIFF_HEAD_BYTES, sniffHead, type ArtifactKind,
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

const refusedType = () => new AppError('file_type_not_allowed', 'Accepted are PDF, JPEG, PNG, HEIC, WebP, MP3, M4A, MP4, DOCX and plain text files.', { allowed: ['pdf', 'jpg', 'png', 'heic', 'webp', 'mp3', 'm4a', 'mp4', 'docx', 'txt'] });
const fileRequired = (detail?: string, message = 'is required') => new AppError('validation_failed', detail, { errors: [{ field: 'file', message }] });

interface Received { clientName: string; kind: ArtifactKind; contentType: string; size: number; sha256: string }

/**
 * Reads the multipart body as it arrives and stores its file (field `file`) under `storageKey`
 * while it does: counted (413 one byte over the limit, the rest of the body not read), hashed,
 * its type sniffed from its first megabyte (422 before anything is stored when that is refused;
 * text is checked to its last byte). Memory holds that first megabyte at most, never the file.
 * A refusal half-way leaves no object (the storage writes whole objects or none).
 */
async function receiveUpload(c: Context<PortalEnv>, storage: FileStorage, storageKey: string): Promise<Received> {
  const boundary = multipartBoundary(c.req.header('Content-Type'));
  if (!boundary) throw fileRequired('Send the file as multipart/form-data in the field "file".');
  const announced = Number(c.req.header('Content-Length') ?? Number.NaN);
  if (announced > MAX_ARTIFACT_BYTES + MULTIPART_SLACK) throw tooLarge();
  const raw = c.req.raw.body;
  if (!raw) throw fileRequired();
  let total = 0;
  const counted = raw.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      total += chunk.byteLength;
      if (total > MAX_ARTIFACT_BYTES + MULTIPART_SLACK) out.error(tooLarge());
      else out.enqueue(chunk);
    },
  }));

  let received: Received | undefined;
  let seen = false;
  let stored: Promise<void> | undefined;
  let pass: PassThrough | undefined;
  try {
    await readMultipart(counted, boundary, (part) => {
      if (part.name !== 'file') return null;
      if (seen) throw fileRequired('Send one file per request.', 'must be a single file');
      seen = true;
      if (part.filename === null) throw fileRequired();
      const clientName = part.filename;
      const hash = createHash('sha256');
      const text = new PlainTextCheck();
      let head: Buffer[] = [];
      let size = 0;
      let type: { kind: ArtifactKind; contentType: string; isText: boolean } | undefined;

      /** The type from the file's beginning: refused, or the kind the bytes are stored as. */
      const decide = async (first: Buffer) => {
        const sniffed = await sniffHead(first);
        if (sniffed.ok === false) throw refusedType();
        if (sniffed.ok === 'maybe_text') {
          if (!text.push(first)) throw refusedType();
          type = { kind: 'txt', contentType: KIND_CONTENT_TYPES.txt, isText: true };
        } else type = { kind: sniffed.kind, contentType: sniffed.contentType, isText: false };
      };
      const forward = async (chunk: Uint8Array) => {
        if (!pass!.write(chunk)) await Promise.race([once(pass!, 'drain'), stored]);
      };
      return {
        async write(chunk) {
          size += chunk.byteLength;
          if (size > MAX_ARTIFACT_BYTES) throw tooLarge();
          hash.update(chunk);
          if (!type) {
            head.push(Buffer.from(chunk));
            if (size < SNIFF_HEAD_BYTES) return;
            const first = Buffer.concat(head);
            head = [];
            await decide(first);
            pass = new PassThrough({ highWaterMark: 256 * 1024 });
            stored = storage.put(storageKey, pass, type!.contentType);
            stored.catch(() => undefined);
            await forward(first);
            return;
          }
          if (type.isText && !text.push(chunk)) throw refusedType();
          await forward(chunk);
        },
        async end() {
          if (!type) {
            // The whole file is smaller than its head: decided and stored in one piece.
            const whole = Buffer.concat(head);
            if (whole.byteLength === 0) throw fileRequired('The file is empty.', 'must not be empty');
            await decide(whole);
            if (type!.isText && !text.end()) throw refusedType();
            await storage.put(storageKey, whole, type!.contentType);
          } else {
            if (type.isText && !text.end()) throw refusedType();
            pass!.end();
            await stored;
          }
          received = { clientName, kind: type!.kind, contentType: type!.contentType, size, sha256: hash.digest('hex') };
        },
      };
    });
  } catch (error) {
    if (pass) {
      pass.destroy(error instanceof Error ? error : new Error(String(error)));
      await stored?.catch(() => undefined);
    }
    throw error;
  }
  if (!received) throw fileRequired();
  return received;
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
        description: 'multipart/form-data with the file in the field `file`, up to 20 MB (413 file_too_large beyond, decided as the bytes arrive: the '
          + 'body is streamed to the storage, never held whole). Accepted by content, whatever its name or Content-Type: PDF, JPEG, PNG, HEIC, '
          + 'WebP, MP3, M4A, MP4, DOCX and UTF-8 plain text (422 file_type_not_allowed otherwise). A booking holds at most 50 files and 200 MB '
          + '(409 homework_quota_exceeded, with `max_files`, `max_bytes`, `used_files`, `used_bytes`). The booking\'s instructor is mailed. '
          + 'Needs an `Idempotency-Key`.',
        security: portalSecurity,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 201: { description: 'The stored file', content: { 'application/json': { schema: resolver(ArtifactOut) } } }, ...problemResponses(400, 401, 404, 409, 413, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', MilestoneParams),
      async (c) => {
        const caller = c.get('portal');
        const { id, milestoneId } = c.req.valid('param');
        // Whose booking and which milestone first: nothing is read or stored for someone else's.
        await withCaller(deps.db, customerCaller(caller), async (tx) => {
          await ownBooking(tx, c, id);
          if (!(await milestoneOfBooking(tx, caller.orgId, id, milestoneId))) throw new AppError('not_found', 'No such milestone in this booking\'s program.');
          // A booking without room is refused before its body is read (checked again, under a lock, when the row is written).
          const used = await bookingArtifactUsage(tx, caller.orgId, id);
          if (quotaRefusal(used, 1)) throw quotaExceeded(used);
        });
        const artifactId = randomUUID();
        const storageKey = `${caller.orgId}/${id}/${artifactId}`;
        // The bytes go to the storage as they arrive, before the transaction (no transaction waits on
        // the client); a request that does not commit a row for them (a replay, a refusal, a failure) removes them again.
        const upload = await receiveUpload(c, deps.storage, storageKey).catch(async (error: unknown) => {
          await deps.storage.delete(storageKey).catch(() => undefined);
          throw error;
        });
        let kept = false;
        const { sha256, size } = upload;
        const filename = artifactFilename(upload.clientName, upload.kind);
        const now = deps.now();
        try {
          const answer = await runIdempotent(deps.db, customerCaller(caller),
            { key: idempotencyKeyOf(c), scope: `POST /v1/portal/bookings/${id}/milestones/${milestoneId}/artifacts`, body: { sha256, size, name: upload.clientName }, now, raceLost: slotRaceLost },
            (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
            async (tx, booking) => {
              if (booking.status === 'reserved' || booking.status === 'cancelled') throw new AppError('invalid_state', 'Homework can be uploaded for a paid booking that is not cancelled.');
              const milestone = await milestoneOfBooking(tx, caller.orgId, id, milestoneId);
              if (!milestone) throw new AppError('not_found', 'No such milestone in this booking\'s program.');
              const row = await recordArtifact(tx, { now, config: deps.config }, {
                id: artifactId, booking, milestone, storageKey, filename, kind: upload.kind, contentType: upload.contentType, sizeBytes: size, sha256,
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
        const answer = await runIdempotent(deps.db, customerCaller(caller),
          { key: idempotencyKeyOf(c), scope: `DELETE /v1/portal/bookings/${id}/artifacts/${artifactId}`, body: {}, now, raceLost: slotRaceLost },
          (tx) => bookingForCustomer(tx, caller.orgId, id, caller.bookingId),
          async (tx, booking) => {
            if (!(await removeArtifact(tx, { now, config: deps.config }, booking, artifactId))) throw new AppError('not_found', 'No such file.');
            return { status: 204, body: null };
          });
        // The bytes of a removed file are deleted after commit by the job the removal queued (homework.remove-object).
        if (answer.status === 204) {
          const headers: Record<string, string> = answer.replayed ? { 'Idempotency-Replayed': 'true' } : {};
          return c.body(null, 204, headers);
        }
        return sendAnswer(c, answer);
      });
}

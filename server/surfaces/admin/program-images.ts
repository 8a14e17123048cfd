/**
 * A program's banner and thumbnail, uploaded from the wizard: `PUT /v1/admin/programs/:id/images/:role`
 * with the image as the body (its own Content-Type; the type that counts is sniffed from the bytes),
 * `DELETE` to remove it. Owners and managers. The image is served publicly (it is shown on the
 * program's page and in the widget) by GET /v1/program-images/… (surfaces/files/get-program-image.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { AdminProgramOut, ProgramImageParams } from '../../../schema/api/admin-programs.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';
import { MAX_PROGRAM_IMAGE_BYTES, programForEditor, programForUpdate, setProgramImage, sniffProgramImage } from '../../modules/program-editor/index.ts';
import { adminProgramOut } from './programs.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

export const IMAGE_UPLOAD_PATH = /^\/v1\/admin\/programs\/[^/]+\/images\/[^/]+$/;

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } };
const one = { 200: { description: 'The program, with `images`', content: { 'application/json': { schema: resolver(AdminProgramOut) } } } };
const tooLarge = () => new AppError('file_too_large', `Images of up to ${MAX_PROGRAM_IMAGE_BYTES / (1024 * 1024)} MB are accepted.`, { max_bytes: MAX_PROGRAM_IMAGE_BYTES });

/** The body, counted as it arrives: 413 one byte over the limit, without reading further. */
async function readImage(c: Context<AdminEnv>): Promise<Uint8Array> {
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_PROGRAM_IMAGE_BYTES) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) throw new AppError('validation_failed', 'Send the image as the request body.', { errors: [{ field: 'file', message: 'is required' }] });
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_PROGRAM_IMAGE_BYTES) { await reader.cancel(); throw tooLarge(); }
    parts.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
  return bytes;
}

export function adminProgramImageRoutes(deps: AppDeps & { storage: FileStorage }) {
  const mayEdit = (c: Context<AdminEnv>) => {
    if (c.get('staff').role === 'instructor') throw new AppError('forbidden', 'Owners and managers edit programs.');
  };
  const program = async (tx: Parameters<typeof programForUpdate>[0], orgId: string, id: string) => {
    const row = await programForUpdate(tx, orgId, id);
    if (!row) throw new AppError('not_found', 'No such program.');
    return row;
  };
  const answer = async (tx: Parameters<typeof programForEditor>[0], orgId: string, id: string) => adminProgramOut((await programForEditor(tx, orgId, id))!);

  return new Hono<AdminEnv>()
    .put('/programs/:id/images/:role',
      describeRoute({
        tags: ['admin'], summary: 'Upload the program\'s banner or thumbnail (owners, managers)',
        description: 'The image is the request body (JPEG, PNG or WebP, decided by its bytes, not its name or Content-Type; up to 5 MB). '
          + 'It replaces the earlier one, whose file is deleted after the change commits. Answers the program (`images.banner`, `images.thumbnail`: '
          + 'public addresses shown on the program page and in the widget). 413 `file_too_large`, 422 `file_type_not_allowed`. Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader],
        requestBody: { content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
        responses: { ...one, ...problemResponses(400, 401, 403, 404, 413, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', ProgramImageParams),
      async (c) => {
        mayEdit(c);
        const staff = c.get('staff');
        const { id, role } = c.req.valid('param');
        // Another studio's program (or none) is 404 before a byte is read.
        await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, async (tx) => {
          if (!await programForEditor(tx, staff.orgId, id)) throw new AppError('not_found', 'No such program.');
        });
        const bytes = await readImage(c);
        const sniffed = await sniffProgramImage(bytes);
        if (!sniffed.ok) throw new AppError('file_type_not_allowed', 'Banners and thumbnails are JPEG, PNG or WebP images.', { allowed: ['jpg', 'png', 'webp'], ...(sniffed.sniffed ? { sniffed: sniffed.sniffed } : {}) });
        const file = randomUUID();
        const storageKey = `${staff.orgId}/${id}/${file}`;
        const url = `${deps.config.publicOrigin}/v1/program-images/${staff.orgId}/${id}/${file}.${sniffed.ext}`;
        const sha = createHash('sha256').update(bytes).digest('hex');
        // Stored before the transaction (a storage is no part of it); a change that does not commit, or a replay, takes it away again.
        await deps.storage.put(storageKey, bytes, sniffed.contentType);
        let kept = false;
        try {
          const res = await staffAction(c, deps, { method: 'PUT', path: `programs/${id}/images/${role}`, body: { sha256: sha } },
            (tx) => program(tx, staff.orgId, id),
            async (tx, row, now) => {
              await setProgramImage(tx, staff.orgId, row, role, { url, storageKey, alt: row.title }, { now, config: deps.config });
              kept = true;
              return { status: 200, body: await answer(tx, staff.orgId, id) };
            });
          if (res.headers.get('idempotency-replayed') === 'true' || res.status >= 400) kept = false;
          return res;
        } finally {
          if (!kept) await deps.storage.delete(storageKey);
        }
      })
    .delete('/programs/:id/images/:role',
      describeRoute({
        tags: ['admin'], summary: 'Remove the program\'s banner or thumbnail (owners, managers)',
        description: 'Its file is deleted after the change commits. Answers the program. Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader], responses: { ...one, ...problemResponses(400, 401, 403, 404) },
      }),
      idempotencyKeyRequired(),
      validate('param', ProgramImageParams),
      async (c) => {
        mayEdit(c);
        const staff = c.get('staff');
        const { id, role } = c.req.valid('param');
        return staffAction(c, deps, { method: 'DELETE', path: `programs/${id}/images/${role}`, body: {} },
          (tx) => program(tx, staff.orgId, id),
          async (tx, row, now) => {
            await setProgramImage(tx, staff.orgId, row, role, null, { now, config: deps.config });
            return { status: 200, body: await answer(tx, staff.orgId, id) };
          });
      });
}

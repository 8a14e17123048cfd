/** Documents served as `<id>.pdf` by the admin and portal surfaces. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { Id } from '../../../schema/api/common.ts';
import { AppError } from '../../platform/errors.ts';

/** The id of `<id>.pdf`: 404 for another file name, 400 on `id` when it is not a UUID. */
export function pdfId(file: string): string {
  const m = /^(.*)\.pdf$/.exec(file);
  if (!m) throw new AppError('not_found', 'Documents are served as <id>.pdf.');
  if (!v.is(Id, m[1])) throw new AppError('validation_failed', undefined, { errors: [{ field: 'id', message: 'must be a UUID' }] });
  return m[1]!;
}

/** A PDF download: an attachment, never cached by anyone but the browser that asked. */
export function sendPdf(c: Context, filename: string, pdf: Buffer): Response {
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });
}

import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';
import { artifactForLink } from '../../modules/homework/index.ts';
import { attachmentDisposition, openDownloadLink } from '../shapes/artifact.out.ts';
import { problemResponses } from '../openapi-shared.ts';

/**
 * `GET /v1/files/<signed token>`: one homework file, for whoever was handed the link by the portal
 * or the admin API (the customer, the booking's instructor, the studio's managers) in the last five
 * minutes. Always a download (`Content-Disposition: attachment`), with the type the content sniffed
 * as and `nosniff`, so a browser never renders an upload as a page of the API's origin.
 */
export function getArtifactRoute(deps: AppDeps & { storage: FileStorage }) {
  return new Hono().get('/v1/files/:token',
    describeRoute({
      tags: ['portal', 'admin'], summary: 'Download a homework file by its signed link',
      description: 'The `download_url` of a file in GET /v1/portal/bookings/:id/artifacts or GET /v1/admin/bookings/:id/artifacts, valid five minutes. '
        + 'A forged, altered or expired link is 404.',
      responses: { 200: { description: 'The file, as an attachment' }, ...problemResponses(404) },
    }),
    async (c) => {
      const link = openDownloadLink(deps.config, c.req.param('token'), deps.now());
      const row = link ? await artifactForLink(deps.db, link.orgId, link.artifactId) : undefined;
      const object = row ? await deps.storage.get(row.storageKey) : undefined;
      if (!row || !object) throw new AppError('not_found', 'This download link is not valid (any more); open the list of files again for a fresh one.');
      return c.body(object.body, 200, {
        'Content-Type': row.contentType,
        'Content-Length': String(object.size),
        'Content-Disposition': attachmentDisposition(row.filename),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
      });
    });
}

import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';
import { IMAGE_CONTENT_TYPES, type ImageExt } from '../../modules/program-editor/index.ts';
import { problemResponses } from '../openapi-shared.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `GET /v1/program-images/<org>/<program>/<file>.<jpg|png|webp>`: a program's uploaded banner or
 * thumbnail, for anyone (the program page, the widget on the studio's site, a link preview). The
 * names are the server's own random ids; the type was sniffed at upload. Served as an image only
 * (`nosniff`, a sandboxing policy), cached for long: a new upload is a new address.
 */
export function getProgramImageRoute(deps: AppDeps & { storage: FileStorage }) {
  return new Hono().get('/v1/program-images/:org/:program/:file',
    describeRoute({
      tags: ['embed'], summary: 'A program\'s uploaded banner or thumbnail',
      description: 'The address in the program\'s `banner_url` / `thumbnail_url` (embed API) and `images` (admin API). An unknown one is 404.',
      responses: { 200: { description: 'The image' }, ...problemResponses(404) },
    }),
    async (c) => {
      const { org, program, file } = c.req.param();
      const m = /^([0-9a-f-]{36})\.(jpg|png|webp)$/.exec(file);
      const object = m && UUID.test(org) && UUID.test(program) && UUID.test(m[1]!) ? await deps.storage.get(`${org}/${program}/${m[1]}`) : undefined;
      if (!m || !object) throw new AppError('not_found', 'No such image.');
      return c.body(object.body, 200, {
        'Content-Type': IMAGE_CONTENT_TYPES[m[2] as ImageExt],
        'Content-Length': String(object.size),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    });
}

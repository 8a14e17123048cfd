import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramDetail, ProgramParams, ProgramQuery } from '../../../schema/api/embed-programs.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { routeLimits } from '../../platform/http/rate-limit.ts';
import { getProgramDetail } from '../../modules/catalog/index.ts';
import { programDetailOut } from './programs.out.ts';
import { problemResponses } from '../openapi-shared.ts';

export function getProgramRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs/:slug',
    describeRoute({
      tags: ['embed'], summary: 'One program with variants, intake form, milestones and instructors',
      description: 'A by_link program needs `?link=TOKEN`; without it, or for an inactive or unknown program, the answer is 404.',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'The program', content: { 'application/json': { schema: resolver(ProgramDetail) } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    validate('param', ProgramParams),
    validate('query', ProgramQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { slug } = c.req.valid('param');
      const { link } = c.req.valid('query');
      const pending = routeLimits(c);
      const program = await withCaller(deps.db, { orgId, role: 'anonymous', linkToken: link }, (tx) => {
        const taken = pending.take(tx);
        const detail = getProgramDetail(tx, orgId, slug);
        detail.catch(() => undefined); // a refusal answers first
        return taken.then(() => detail);
      });
      pending.committed();
      if (!program) throw new AppError('not_found', 'No such program.');
      return c.json(programDetailOut(program));
    });
}

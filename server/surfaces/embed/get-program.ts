import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramDetail, ProgramParams, ProgramQuery } from '../../../schema/api/embed-programs.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { commitAhead } from '../../platform/db/prepared.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { routeLimits } from '../../platform/http/rate-limit.ts';
import { catalogVersion, getProgramDetail } from '../../modules/catalog/index.ts';
import { chooseEncoding } from '../../platform/http/compress.ts';
import { timedDb } from '../../platform/http/server-timing.ts';
import { answerKept, encodedAnswer, keepAnswer, keptAnswer } from './program-answers.ts';
import { etagMatches } from '../../platform/http/etag.ts';
import { programDetailOut } from './programs.out.ts';
import { problemResponses } from '../openapi-shared.ts';
import { requestLang } from '../../platform/http/field-messages.ts';

export function getProgramRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs/:slug',
    describeRoute({
      tags: ['embed'], summary: 'One program with variants, intake form, milestones and instructors',
      description: 'A by_link program needs `?link=TOKEN`; without it, or for an inactive or unknown program, the answer is 404. '
        + 'The text (title, summary, description, host bio, outcomes, FAQ) is in the language of `Accept-Language` (en, de, fr, it) where the studio wrote it, '
        + 'else in the studio\'s own. Answers carry an `ETag`; with `If-None-Match` naming it the answer is 304 while nothing shown has changed.',
      security: [{ publishableKey: [] }],
      responses: {
        200: { description: 'The program, with an `ETag`', content: { 'application/json': { schema: resolver(ProgramDetail) } } },
        304: { description: 'Not modified: `If-None-Match` names the current answer' },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    validate('param', ProgramParams),
    validate('query', ProgramQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { slug } = c.req.valid('param');
      const { link } = c.req.valid('query');
      const lang = requestLang(c.req.header('Accept-Language'));
      const pending = routeLimits(c);
      const caller = { orgId, role: 'anonymous', linkToken: link } as const;
      const made = async (tx: Tx, v: number) => {
        const program = await getProgramDetail(tx, orgId, slug);
        return program ? keepAnswer(deps.db, orgId, slug, link, v, programDetailOut(program, lang), lang) : null;
      };
      // One round trip: the rate limit and the catalog's version, and (when an answer is kept, as
      // usual) COMMIT with them. The program is read only when no answer is kept for this version:
      // in this transaction when none was kept at all; when the kept one was not current (undefined
      // here), in one of its own below.
      const likelyKept = answerKept(deps.db, orgId, slug, link, lang);
      let kept = await timedDb(c, () => withCaller(deps.db, caller, async (tx) => {
        const taken = pending.take(tx);
        const version = catalogVersion(tx, orgId);
        version.catch(() => undefined); // a refusal answers first
        if (likelyKept) commitAhead(tx);
        await taken;
        const v = await version;
        const hit = keptAnswer(deps.db, orgId, slug, link, v, lang);
        if (hit || likelyKept) return hit;
        return made(tx, v);
      }));
      pending.committed();
      // The catalog changed since the answer was kept: made afresh (the rate limit was taken above).
      if (kept === undefined) kept = await timedDb(c, () => withCaller(deps.db, caller, async (tx) => made(tx, await catalogVersion(tx, orgId))));
      if (!kept) throw new AppError('not_found', 'No such program.');
      const headers: Record<string, string> = {
        ETag: kept.etag,
        // A studio's page asks again after a minute (and meanwhile shows what it has); private: by_link programs.
        'Cache-Control': 'private, max-age=60, stale-while-revalidate=600',
        Vary: 'Authorization, Accept-Encoding, Accept-Language',
      };
      if (etagMatches(c.req.header('If-None-Match'), kept.etag)) return c.body(null, 304, headers);
      const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
      if (!encoding) return c.body(kept.json, 200, { ...headers, 'Content-Type': 'application/json' });
      return c.body(encodedAnswer(kept, encoding), 200, { ...headers, 'Content-Type': 'application/json', 'Content-Encoding': encoding });
    });
}

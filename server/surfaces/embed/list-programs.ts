import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramList } from '../../../schema/api/embed-programs.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { categoryNames, listPrograms } from '../../modules/catalog/index.ts';
import { programSummaryOut } from './programs.out.ts';
import { problemResponses } from '../openapi-shared.ts';
import { requestLang } from '../../platform/http/field-messages.ts';

export function listProgramsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs',
    describeRoute({
      tags: ['embed'], summary: "The studio's active public programs",
      description: 'In the language of `Accept-Language` (en, de, fr, it) where the studio wrote the program\'s text (and its category\'s label, `category_label`) in it, else in the studio\'s own.',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'Programs', content: { 'application/json': { schema: resolver(ProgramList) } } }, ...problemResponses(401, 403) },
    }),
    async (c) => {
      const { orgId } = c.get('embed');
      const { programs, names } = await withCaller(deps.db, { orgId, role: 'anonymous' }, async (tx) => ({ programs: await listPrograms(tx, orgId), names: await categoryNames(tx, orgId) }));
      const lang = requestLang(c.req.header('Accept-Language'));
      c.header('Vary', 'Authorization, Accept-Language');
      return c.json({ programs: programs.map((p) => programSummaryOut(p, lang, names)) });
    });
}

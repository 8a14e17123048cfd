import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ProgramParams } from '../../../schema/api/embed-programs.ts';
import { MAX_SLOT_RANGE_DAYS, SlotsQuery, SlotsResponse, canonicalZone } from '../../../schema/api/embed-slots.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { commitAhead } from '../../platform/db/prepared.ts';
import type { Tx } from '../../platform/db/database.ts';
import { validate } from '../../platform/http/validate.ts';
import { routeLimits } from '../../platform/http/rate-limit.ts';
import { chooseEncoding } from '../../platform/http/compress.ts';
import { timedDb } from '../../platform/http/server-timing.ts';
import { listSlots, slotsVersion } from '../../modules/availability/index.ts';
import { slotsOut } from './slots.out.ts';
import { encodedAnswer } from './program-answers.ts';
import { etagMatches } from '../../platform/http/etag.ts';
import { keepSlots, keptSlots, slotsKept, slotsKeyOf } from './slots-answers.ts';
import { problemResponses } from '../openapi-shared.ts';

export function getSlotsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/programs/:slug/slots',
    describeRoute({
      tags: ['embed'], summary: "A program's free start times",
      description: `Free starts between \`from\` and \`to\` (dates in the customer's zone \`tz\`, both included, at most ${MAX_SLOT_RANGE_DAYS} days), `
        + 'as UTC instants with local display fields, grouped by the customer\'s local date, each with its instructor. '
        + 'Respects the instructors\' hours, their and the room\'s bookings, buffers, minimum notice and horizon. A by_link program needs `link`. '
        + 'Answers carry an `ETag`; with `If-None-Match` naming it the answer is 304 while no booking, hold, hours or program change has altered it.',
      security: [{ publishableKey: [] }],
      responses: {
        200: { description: 'Free starts by day, with an `ETag`', content: { 'application/json': { schema: resolver(SlotsResponse) } } },
        304: { description: 'Not modified: `If-None-Match` names the current answer' },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    validate('param', ProgramParams),
    validate('query', SlotsQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const { slug } = c.req.valid('param');
      const q = c.req.valid('query');
      const zone = canonicalZone(q.tz)!;
      const now = deps.now().getTime();
      const key = slotsKeyOf({ orgId, slug, link: q.link, from: q.from, to: q.to, tz: zone, instructor: q.instructor, variant: q.variant });
      const pending = routeLimits(c);
      // One round trip when an answer is kept: the rate limit, the versions and COMMIT. When none is
      // kept, the program is read in that same round trip (the versions first, so the answer kept is
      // at least as new as the versions it is kept under). When the kept one is not current
      // (undefined here), the answer is made in a transaction of its own below.
      const likelyKept = slotsKept(deps.db, key, now);
      const caller = { orgId, role: 'anonymous', linkToken: q.link } as const;
      const slots = (tx: Tx, admitted?: Promise<void>) => listSlots(tx, { orgId, slug, from: q.from, to: q.to, zone, instructor: q.instructor, variant: q.variant, now, admitted });
      let kept = await timedDb(c, () => withCaller(deps.db, caller, async (tx) => {
        const taken = pending.take(tx);
        const version = slotsVersion(tx, orgId);
        version.catch(() => undefined); // a refusal answers first
        if (!likelyKept) {
          const answer = await slots(tx, taken.then(() => version).then(() => undefined));
          return keepSlots(deps.db, key, await version, slotsOut(answer), now, answer.validUntil);
        }
        commitAhead(tx);
        await taken;
        return keptSlots(deps.db, key, await version, now);
      }));
      pending.committed();
      // Something the answer reads changed, or it lapsed: made afresh (the rate limit was taken above).
      kept ??= await timedDb(c, () => withCaller(deps.db, caller, async (tx) => {
        const version = slotsVersion(tx, orgId);
        const answer = await slots(tx, version.then(() => undefined));
        return keepSlots(deps.db, key, await version, slotsOut(answer), now, answer.validUntil);
      }));
      const headers: Record<string, string> = {
        ETag: kept.etag,
        // Free times change with every booking: the page asks again each time, and hears 304 while nothing changed.
        'Cache-Control': 'private, no-cache',
        Vary: 'Authorization, Accept-Encoding',
      };
      if (etagMatches(c.req.header('If-None-Match'), kept.etag)) return c.body(null, 304, headers);
      const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
      if (!encoding) return c.body(kept.json, 200, { ...headers, 'Content-Type': 'application/json' });
      const bytes = encodedAnswer(kept, encoding);
      return c.body(bytes, 200, { ...headers, 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': String(bytes.byteLength) });
    });
}

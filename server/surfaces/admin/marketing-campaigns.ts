import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import {
  campaignById, campaignStats, createCampaign, createSegment, segmentById, segmentCount, segmentCsv, segmentMembers, segmentsOf, sendCampaignTest, staffAddressOf,
  type CampaignRow, type SegmentMember, type SegmentRow,
} from '../../modules/marketing/index.ts';
import {
  CampaignBody, CampaignOut, CampaignParams, CampaignTestBody, SegmentBody, SegmentMembersOut, SegmentOut, SegmentParams, SegmentsOut, type SegmentFilter,
} from '../../../schema/api/admin-segments.ts';
import { langOf } from '../../../shared/format.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';

const MEMBERS_MAX = 50_000;
const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

export async function segmentOut(tx: Tx, s: SegmentRow) {
  const n = await segmentCount(tx, s.orgId, s.filter);
  return { id: s.id, name: s.name, filter: s.filter as SegmentFilter, created_at: s.createdAt.toISOString(), count: n.count, with_consent: n.withConsent };
}
export const memberOut = (m: SegmentMember) => ({ id: m.id, name: m.name, email: m.email, language: m.locale, last_booking_at: m.lastBookingAt?.toISOString() ?? null, total_paid: m.totalPaid, credits: m.credits, consent: m.consent });

export async function campaignOut(tx: Tx, c: CampaignRow): Promise<CampaignOut> {
  const s = await campaignStats(tx, c.orgId, c.id);
  return {
    id: c.id, name: c.name, segment_id: c.segmentId, status: c.status as CampaignOut['status'], subject: c.subject, body_md: c.bodyMd, send_at: c.sendAt.toISOString(),
    started_at: c.startedAt?.toISOString() ?? null, finished_at: c.finishedAt?.toISOString() ?? null, cancelled_at: c.cancelledAt?.toISOString() ?? null, queued: c.queued, skipped: c.skipped, ...s,
  };
}

/**
 * Segments (saved filters over the studio's customers, counted and listed live, CSV) and campaigns (a markdown mail in up to
 * four languages to a segment's members with confirmed consent, now or later, with a test send). Owners and managers; an
 * instructor lists none, creates none (403) and reads none (404).
 */
export function adminMarketingCampaignRoutes(deps: AppDeps) {
  const asStaff = <T>(c: { get(k: 'staff'): AdminEnv['Variables']['staff'] }, work: (tx: Tx, orgId: string) => Promise<T>) => {
    const staff = c.get('staff');
    return withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => work(tx, staff.orgId));
  };
  const studioOnly = (c: { get(k: 'staff'): AdminEnv['Variables']['staff'] }, status: 'forbidden' | 'not_found') => {
    if (c.get('staff').role === 'instructor') throw new AppError(status, status === 'forbidden' ? 'Segments and campaigns are for the studio\'s owners and managers.' : 'No such segment or campaign.');
  };
  const members = (c: { get(k: 'staff'): AdminEnv['Variables']['staff'] }, id: string) => asStaff(c, async (tx, orgId) => {
    const segment = await segmentById(tx, orgId, id);
    if (!segment) throw new AppError('not_found', 'No such segment.');
    return segmentMembers(tx, orgId, segment.filter, { limit: MEMBERS_MAX });
  });

  return new Hono<AdminEnv>()
    .post('/segments',
      describeRoute({ tags: ['admin'], summary: 'Save a segment (a filter over customers)', description: 'Every filter field is optional; a customer is a member when all given fields hold. Answers the segment with its live count. Owners and managers.', security: [{ secretKey: [] }], parameters: key,
        responses: { 201: { description: 'The segment', content: { 'application/json': { schema: resolver(SegmentOut) } } }, ...problemResponses(400, 401, 403, 422) } }),
      idempotencyKeyRequired(),
      validate('json', SegmentBody),
      async (c) => {
        studioOnly(c, 'forbidden');
        const body = c.req.valid('json');
        const staff = c.get('staff');
        return staffAction(c, deps, { path: 'segments', body }, async () => null, async (tx, _a, now) => ({ status: 201, body: await segmentOut(tx, await createSegment(tx, { now }, staff.orgId, body)) }));
      })
    .get('/segments',
      describeRoute({ tags: ['admin'], summary: 'Segments with their live counts', description: '`count`: members now; `with_consent`: those a campaign would reach. Owners and managers; an instructor lists none.', security: [{ secretKey: [] }],
        responses: { 200: { description: 'The segments', content: { 'application/json': { schema: resolver(SegmentsOut) } } }, ...problemResponses(401) } }),
      async (c) => {
        if (c.get('staff').role === 'instructor') return c.json({ segments: [] });
        return c.json({ segments: await asStaff(c, async (tx, orgId) => Promise.all((await segmentsOf(tx, orgId)).map((s) => segmentOut(tx, s)))) });
      })
    .get('/segments/:id/members',
      describeRoute({ tags: ['admin'], summary: 'A segment\'s members now', description: `By name, at most ${MEMBERS_MAX.toLocaleString('en')}. Owners and managers.`, security: [{ secretKey: [] }],
        responses: { 200: { description: 'The members', content: { 'application/json': { schema: resolver(SegmentMembersOut) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', SegmentParams),
      async (c) => {
        studioOnly(c, 'not_found');
        return c.json({ members: (await members(c, c.req.valid('param').id)).map(memberOut) });
      })
    .get('/segments/:id/members.csv',
      describeRoute({ tags: ['admin'], summary: 'A segment\'s members now, as CSV', description: 'id, name, email, language, last_booking_at, total_paid (minor units), credits, marketing_consent. Owners and managers.', security: [{ secretKey: [] }],
        responses: { 200: { description: 'text/csv' }, ...problemResponses(400, 401, 404) } }),
      validate('param', SegmentParams),
      async (c) => {
        studioOnly(c, 'not_found');
        const list = await members(c, c.req.valid('param').id);
        return c.body(segmentCsv(list), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="segment.csv"', 'Cache-Control': 'no-store' });
      })
    .post('/campaigns',
      describeRoute({ tags: ['admin'], summary: 'A campaign: a mail to a segment\'s consenting members, now or at `send_at`', description: 'Subject and markdown body in en (required, the fallback) and optionally de, fr, it; each member gets their language. Only members with a confirmed marketing consent are mailed, each once; every mail carries the unsubscribe link and List-Unsubscribe / List-Unsubscribe-Post. Owners and managers.', security: [{ secretKey: [] }], parameters: key,
        responses: { 201: { description: 'The campaign', content: { 'application/json': { schema: resolver(CampaignOut) } } }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('json', CampaignBody),
      async (c) => {
        studioOnly(c, 'forbidden');
        const body = c.req.valid('json');
        const staff = c.get('staff');
        return staffAction(c, deps, { path: 'campaigns', body }, async () => null, async (tx, _a, now) => {
          const created = await createCampaign(tx, { now }, staff.orgId, { name: body.name, segmentId: body.segment_id, subject: body.subject, bodyMd: body.body_md, sendAt: body.send_at ? new Date(body.send_at) : undefined });
          if (!created) throw new AppError('not_found', 'No such segment.', { errors: [{ field: 'segment_id', message: 'no such segment' }] });
          return { status: 201, body: await campaignOut(tx, created) };
        });
      })
    .get('/campaigns/:id',
      describeRoute({ tags: ['admin'], summary: 'A campaign and its counts', description: '`queued` / `skipped` (no consent) when it ran; `delivered`, `pending`, `failed` from the outbox; `unsubscribed`: recipients who unsubscribed after their mail. Owners and managers.', security: [{ secretKey: [] }],
        responses: { 200: { description: 'The campaign', content: { 'application/json': { schema: resolver(CampaignOut) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', CampaignParams),
      async (c) => {
        studioOnly(c, 'not_found');
        const out = await asStaff(c, async (tx, orgId) => {
          const row = await campaignById(tx, orgId, c.req.valid('param').id);
          return row ? campaignOut(tx, row) : null;
        });
        if (!out) throw new AppError('not_found', 'No such campaign.');
        return c.json(out);
      })
    .post('/campaigns/:id/test',
      describeRoute({ tags: ['admin'], summary: 'Send a campaign\'s mail once to one address as a test', description: 'To `email`, else to the calling staff member; in `language` (default: the studio\'s). The subject starts with [TEST]; not counted. Owners and managers.', security: [{ secretKey: [] }], parameters: key,
        responses: { 202: { description: 'Queued' }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', CampaignParams),
      validate('json', CampaignTestBody),
      async (c) => {
        studioOnly(c, 'not_found');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const staff = c.get('staff');
        return staffAction(c, deps, { path: `campaigns/${id}/test`, body },
          async (tx) => {
            const row = await campaignById(tx, staff.orgId, id);
            if (!row) throw new AppError('not_found', 'No such campaign.');
            return row;
          },
          async (tx, campaign, now) => {
            const me = await staffAddressOf(tx, staff.orgId, staff.staffId);
            const to = body.email ?? me?.email;
            if (!to) throw new AppError('validation_failed', 'Give an address to send the test to.', { errors: [{ field: 'email', message: 'is required' }] });
            await sendCampaignTest(tx, { now }, campaign, to, body.language ?? langOf(me?.locale));
            return { status: 202, body: { to } };
          });
      });
}

import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { campaignsOf, cancelCampaign, segmentById, updateCampaign, updateSegment, type CampaignChange } from '../../modules/marketing/index.ts';
import { CampaignOut, CampaignParams, CampaignPatch, CampaignsOut, CampaignsQuery, SegmentOut, SegmentParams, SegmentPatch } from '../../../schema/api/admin-segments.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';
import { campaignOut, segmentOut } from './marketing-campaigns.ts';

const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
type Staff = AdminEnv['Variables']['staff'];

/** A campaign change's refusals as problems: another studio's (or an instructor's look) is not found, a started one is past changing. */
function changed(out: CampaignChange) {
  if (out.ok) return out.row;
  if (out.reason === 'segment_not_found') throw new AppError('not_found', 'No such segment.', { errors: [{ field: 'segment_id', message: 'no such segment' }] });
  if (out.reason === 'not_scheduled') throw new AppError('invalid_state', 'This campaign has started sending (or was cancelled): it can no longer be changed.');
  throw new AppError('not_found', 'No such campaign.');
}

/**
 * Editing a segment, the list of campaigns, and a scheduled campaign's edit and cancellation (the console's
 * campaign views). Owners and managers; an instructor lists none and changes none (404).
 */
export function adminMarketingEditRoutes(deps: AppDeps) {
  const instructor = (staff: Staff) => staff.role === 'instructor';
  return new Hono<AdminEnv>()
    .patch('/segments/:id',
      describeRoute({ tags: ['admin'], summary: 'Rename a segment or change its filter', description: 'The filter is replaced whole; the members follow at once (they are computed live). Answers the segment with its live count. Owners and managers.', security: [{ secretKey: [] }], parameters: key,
        responses: { 200: { description: 'The segment', content: { 'application/json': { schema: resolver(SegmentOut) } } }, ...problemResponses(400, 401, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', SegmentParams),
      validate('json', SegmentPatch),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `segments/${id}`, body, method: 'PATCH' },
          async (tx) => {
            const segment = instructor(staff) ? undefined : await segmentById(tx, staff.orgId, id);
            if (!segment) throw new AppError('not_found', 'No such segment.');
            return segment;
          },
          async (tx) => ({ status: 200, body: await segmentOut(tx, (await updateSegment(tx, staff.orgId, id, { name: body.name, filter: body.filter }))!) }));
      })
    .get('/campaigns',
      describeRoute({ tags: ['admin'], summary: 'Campaigns, newest first, with their counts', description: '`limit`: default 100, at most 500. Owners and managers; an instructor lists none.', security: [{ secretKey: [] }],
        responses: { 200: { description: 'The campaigns', content: { 'application/json': { schema: resolver(CampaignsOut) } } }, ...problemResponses(400, 401) } }),
      validate('query', CampaignsQuery),
      async (c) => {
        const staff = c.get('staff');
        if (instructor(staff)) return c.json({ campaigns: [] });
        const limit = c.req.valid('query').limit ?? 100;
        const campaigns = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          async (tx) => Promise.all((await campaignsOf(tx, staff.orgId, limit)).map((row) => campaignOut(tx, row))));
        return c.json({ campaigns });
      })
    .patch('/campaigns/:id',
      describeRoute({ tags: ['admin'], summary: 'Change a scheduled campaign', description: 'Its name, segment, subject and body (each language map replaced whole; en required) or time (a past instant: now), until it starts sending: then 409 `invalid_state`. Owners and managers.', security: [{ secretKey: [] }], parameters: key,
        responses: { 200: { description: 'The campaign', content: { 'application/json': { schema: resolver(CampaignOut) } } }, ...problemResponses(400, 401, 404, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('param', CampaignParams),
      validate('json', CampaignPatch),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `campaigns/${id}`, body, method: 'PATCH' },
          async () => { if (instructor(staff)) throw new AppError('not_found', 'No such campaign.'); },
          async (tx, _a, now) => {
            const row = changed(await updateCampaign(tx, { now }, staff.orgId, id, {
              name: body.name, segmentId: body.segment_id, subject: body.subject, bodyMd: body.body_md, sendAt: body.send_at ? new Date(body.send_at) : undefined,
            }));
            return { status: 200, body: await campaignOut(tx, row) };
          });
      })
    .post('/campaigns/:id/cancel',
      describeRoute({ tags: ['admin'], summary: 'Cancel a scheduled campaign', description: 'Nothing is sent. Cancelling a cancelled campaign answers it again; one that has started sending cannot be cancelled (409 `invalid_state`). Owners and managers. No body.', security: [{ secretKey: [] }], parameters: key,
        responses: { 200: { description: 'The campaign, cancelled', content: { 'application/json': { schema: resolver(CampaignOut) } } }, ...problemResponses(400, 401, 404, 409) } }),
      idempotencyKeyRequired(),
      validate('param', CampaignParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { path: `campaigns/${id}/cancel`, body: {} },
          async () => { if (instructor(staff)) throw new AppError('not_found', 'No such campaign.'); },
          async (tx, _a, now) => ({ status: 200, body: await campaignOut(tx, changed(await cancelCampaign(tx, { now }, staff.orgId, id))) }));
      });
}

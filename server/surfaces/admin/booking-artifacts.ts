import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingParams } from '../../../schema/api/embed-bookings.ts';
import { ArtifactList, ArtifactOut, ArtifactParams } from '../../../schema/api/homework.ts';
import type { AdminEnv, AppDeps, StaffCaller } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { bookingById } from '../../modules/bookings/index.ts';
import { bookingArtifact, bookingArtifactList, MAX_ARTIFACT_BYTES } from '../../modules/homework/index.ts';
import { artifactOut } from '../shapes/artifact.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const asStaff = (s: StaffCaller) => ({ orgId: s.orgId, role: s.role, userId: s.staffId });

/**
 * The homework a booking's customer uploaded, for the booking's instructor and the studio's owners
 * and managers (another instructor's booking is 404, as is another studio's): read under the staff
 * member's own policies, each file with a signed download link valid five minutes.
 */
export function adminBookingArtifactRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/bookings/:id/artifacts',
      describeRoute({ tags: ['admin'], summary: 'The homework files of a booking', security: [{ secretKey: [] }],
        responses: { 200: { description: 'The files, oldest first', content: { 'application/json': { schema: resolver(ArtifactList) } } }, ...problemResponses(400, 401, 404) } }),
      validate('param', BookingParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const now = deps.now();
        const rows = await withCaller(deps.db, asStaff(staff), async (tx) => {
          if (!(await bookingById(tx, staff.orgId, id))) throw new AppError('not_found', 'No such booking.');
          return bookingArtifactList(tx, staff.orgId, id);
        });
        return c.json({ artifacts: rows.map((r) => artifactOut(r, deps.config, now)), max_bytes: MAX_ARTIFACT_BYTES } satisfies ArtifactList);
      })
    .get('/bookings/:id/artifacts/:artifactId',
      describeRoute({ tags: ['admin'], summary: 'One homework file with a fresh download link',
        description: 'Answers the file with its `download_url` (valid five minutes); `?download=1` answers 303 See Other to that link instead.',
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'The file', content: { 'application/json': { schema: resolver(ArtifactOut) } } }, 303: { description: 'To the signed link' }, ...problemResponses(400, 401, 404) } }),
      validate('param', ArtifactParams),
      async (c) => {
        const staff = c.get('staff');
        const { id, artifactId } = c.req.valid('param');
        const row = await withCaller(deps.db, asStaff(staff), (tx) => bookingArtifact(tx, staff.orgId, id, artifactId));
        if (!row) throw new AppError('not_found', 'No such file.');
        const out = artifactOut(row, deps.config, deps.now());
        if (c.req.query('download') === '1') return c.redirect(out.download_url, 303);
        return c.json(out);
      });
}

import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { StaffCaller } from '../../deps.ts';
import { endpointById, type EndpointRow } from '../../modules/webhooks/index.ts';

/**
 * The endpoint a staff member's change is about, as their policies show it: owners and managers
 * see the studio's endpoints; an instructor none, and another studio's is no endpoint (404 both).
 */
export async function endpointForChange(tx: Tx, staff: StaffCaller, id: string): Promise<EndpointRow> {
  const endpoint = staff.role === 'instructor' ? undefined : await endpointById(tx, staff.orgId, id);
  if (!endpoint) throw new AppError('not_found', 'No such webhook endpoint.');
  return endpoint;
}

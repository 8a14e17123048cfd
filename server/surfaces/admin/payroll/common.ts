/** What the payroll routes share: the caller as a database identity and as an actor. */
import type { StaffCaller } from '../../../deps.ts';

export const callerOf = (s: StaffCaller) => ({ orgId: s.orgId, role: s.role, userId: s.staffId });
export const actorOf = (s: StaffCaller) => ({ role: s.role, staffId: s.staffId });
export const ROLES_NOTE = 'An instructor\'s key sees only their own earnings (the periods themselves are visible to all staff); owners and managers see the studio\'s.';

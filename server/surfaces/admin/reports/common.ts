/** What the finance report routes share: owners and managers only; CSV answers. */
import type { Context } from 'hono';
import type { StaffCaller } from '../../../deps.ts';
import { AppError } from '../../../platform/errors.ts';

export function managersOnly(s: StaffCaller): { orgId: string; role: StaffCaller['role']; userId: string } {
  if (s.role === 'instructor') throw new AppError('forbidden', 'Finance reports are for owners and managers.');
  return { orgId: s.orgId, role: s.role, userId: s.staffId };
}

export function sendCsv(c: Context, filename: string, csv: string): Response {
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' });
}

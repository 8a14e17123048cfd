/** Signing staff in the way the console does: a code by mail (the outbox), then the session cookie and its CSRF token. */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../server/platform/db/database.ts';
import { query } from '../../support/booking.ts';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export interface StaffSession { cookie: string; csrf: string; headers: Record<string, string> }

export function post(app: Requester, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

/** The code in the latest staff sign-in mail to `email`. */
export async function staffCode(db: Database, email: string): Promise<string> {
  const [mail] = await query(db, sql`select text_body from mail_outbox where to_address = ${email} and dedupe_key like 'staff-sign-in-code:%' order by created_at desc, id desc limit 1`);
  assert.ok(mail, `no sign-in mail to ${email}`);
  const code = /^(\d{6})$/m.exec(String(mail.text_body))?.[1];
  assert.ok(code, 'the mail carries a six-digit code');
  return code;
}

/** The `tandem_staff=…` pair of a Set-Cookie header. */
export function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const pair = /(tandem_staff=[^;]*)/.exec(set)?.[1];
  assert.ok(pair, `a session cookie (got "${set}")`);
  return pair;
}

/** Signs `email` in (choosing `orgId` when the address works for several studios). */
export async function signIn(app: Requester, db: Database, email: string, orgId?: string): Promise<StaffSession> {
  const asked = await post(app, '/v1/admin/sign-in/code', { email });
  assert.equal(asked.status, 202, await asked.clone().text());
  const res = await post(app, '/v1/admin/sign-in/verify', { email, code: await staffCode(db, email), ...(orgId ? { org_id: orgId } : {}) });
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json() as { status: string; csrf_token: string };
  assert.equal(body.status, 'signed_in');
  const cookie = cookieOf(res);
  return { cookie, csrf: body.csrf_token, headers: { Cookie: cookie, 'Tandem-CSRF': body.csrf_token } };
}

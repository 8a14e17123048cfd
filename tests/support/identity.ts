/** Proving a customer's e-mail address the way the widget does: a code by mail, then the identity token. */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/platform/db/database.ts';
import { flowKey } from './app.ts';
import { postJson, query } from './booking.ts';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** The code in the latest code mail to `email` (the outbox is the test's mailbox). */
export async function mailedCode(db: Database, email: string): Promise<string> {
  const [mail] = await query(db, sql`select text_body from mail_outbox where to_address = ${email} and dedupe_key like 'identity-code:%' order by created_at desc, id desc limit 1`);
  assert.ok(mail, `no code mail to ${email}`);
  const code = /^(\d{6})$/m.exec(String(mail.text_body))?.[1];
  assert.ok(code, 'the mail carries a six-digit code');
  return code;
}

export function requestCode(app: Requester, email: string, headers: Record<string, string> = {}, locale?: string): Promise<Response> {
  return postJson(app, '/v1/embed/identity/code', { email, ...(locale ? { locale } : {}) }, headers);
}

export function verify(app: Requester, email: string, code: string, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(app, '/v1/embed/identity/verify', { email, code }, headers);
}

/** Requests a code for `email`, reads it from the outbox and trades it for an identity token: `{ 'Tandem-Identity': token }`. */
export async function proveIdentity(app: Requester, db: Database, email: string, key = flowKey): Promise<{ 'Tandem-Identity': string }> {
  const asked = await requestCode(app, email, key);
  assert.equal(asked.status, 202, await asked.clone().text());
  const res = await verify(app, email, await mailedCode(db, email), key);
  assert.equal(res.status, 200, await res.clone().text());
  const { identity_token } = await res.json() as { identity_token: string };
  return { 'Tandem-Identity': identity_token };
}

/** The proof for a booking's own address (looked up from the booking), as a customer would give it before a bank-transfer invoice. */
export async function proofFor(app: Requester, db: Database, bookingId: string, key = flowKey): Promise<{ 'Tandem-Identity': string }> {
  const [row] = await query(db, sql`select c.email from program_bookings b join customers c on c.id = b.customer_id where b.id = ${bookingId}`);
  assert.ok(row, `booking ${bookingId} not found`);
  return proveIdentity(app, db, String(row.email), key);
}

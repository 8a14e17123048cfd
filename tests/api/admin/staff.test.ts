/** Owners add managers and instructors: an invitation mail, and the person signs in with the address at once. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { problemOf, query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { StaffListOut } from '../../../schema/api/admin-staff.ts';
import { post, signIn, type StaffSession } from './staff-session.ts';

describe('inviting staff', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let owner: StaffSession; let mara: StaffSession;
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
  });
  after(async () => db.close());

  test('the owner adds an instructor: an invitation in the studio\'s language, and she signs in with her address', async () => {
    const key = randomUUID();
    const res = await post(app, '/v1/admin/staff', { name: 'Pia Neu', email: 'Pia@Example.ch', role: 'instructor' }, { ...owner.headers, 'Idempotency-Key': key });
    assert.equal(res.status, 201, await res.clone().text());
    const added = await res.json() as { id: string; email: string; role: string };
    assert.deepEqual([added.email, added.role], ['pia@example.ch', 'instructor']);
    const again = await post(app, '/v1/admin/staff', { name: 'Pia Neu', email: 'Pia@Example.ch', role: 'instructor' }, { ...owner.headers, 'Idempotency-Key': key });
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    const mails = await query(db.db, sql`select subject, text_body from mail_outbox where to_address = 'pia@example.ch' and dedupe_key like 'staff-invite:%'`);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.subject, 'Einladung zu Studio Flow auf Tandem');
    // The sign-in address stands alone on its own line after the sentence leading to it (short links, issue 12).
    assert.match(String(mails[0]!.text_body), /Sandra Huber hat Sie bei Studio Flow als Lehrperson hinzugefügt\.\n\n[^\n]+\nhttp:\/\/localhost:8787\/admin$/);
    const pia = await signIn(app, db.db, 'pia@example.ch');
    const who = await (await app.request('/v1/admin/session', { headers: pia.headers })).json() as { staff: { id: string; role: string }; studio: { id: string } };
    assert.deepEqual([who.staff.id, who.staff.role, who.studio.id], [added.id, 'instructor', FLOW.org]);
    const list = await (await app.request('/v1/admin/staff', { headers: mara.headers })).json() as StaffListOut;
    assert.ok(list.staff.some((s) => s.email === 'pia@example.ch'));
  });

  test('an address already on the staff is 409 on email; only owners invite; bad input is 400', async () => {
    const dup = await post(app, '/v1/admin/staff', { name: 'Mara Again', email: 'mara@studioflow.example', role: 'manager' }, { ...owner.headers, 'Idempotency-Key': randomUUID() });
    assert.equal(dup.status, 409);
    assert.deepEqual((await problemOf(dup)).errors?.map((e) => e.field), ['email']);
    const byInstructor = await post(app, '/v1/admin/staff', { name: 'X', email: 'x@example.ch', role: 'instructor' }, { ...mara.headers, 'Idempotency-Key': randomUUID() });
    assert.equal(byInstructor.status, 403);
    const bad = await post(app, '/v1/admin/staff', { name: '', email: 'nope', role: 'owner', timezone: 'Mars/Base' }, { ...owner.headers, 'Idempotency-Key': randomUUID() });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field).sort(), ['email', 'name', 'role', 'timezone']);
  });
});

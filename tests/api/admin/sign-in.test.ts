/**
 * Staff sign-in: an e-mail one-time code (hashed, expiring, attempt-limited, the same answers
 * for unknown addresses), a studio picked when the address works for several, the session as an
 * HttpOnly SameSite=Strict cookie (12 hours, sliding), a CSRF token on every change, sign-out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, HOUR, MIN, problemOf, query } from '../../support/booking.ts';
import { FLOW, NORD } from '../../../demo/seed/index.ts';
import { cookieOf, post, signIn, staffCode } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const SANDRA = 'sandra@studioflow.example';
const MARA = 'mara@studioflow.example';

describe('staff sign-in', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  test('a demo owner signs in with the mailed code: an HttpOnly SameSite=Strict cookie for 12 hours, who they are and a CSRF token', async () => {
    const asked = await post(app, '/v1/admin/sign-in/code', { email: SANDRA, locale: 'de' });
    assert.equal(asked.status, 202);
    assert.deepEqual(await asked.json(), { status: 'sent_if_possible', expires_in_minutes: 10 });
    const [mail] = await query(db.db, sql`select subject, text_body from mail_outbox where to_address = ${SANDRA} and dedupe_key like 'staff-sign-in-code:%'`);
    assert.equal(mail!.subject, 'Ihr Anmeldecode für Tandem');
    assert.match(String(mail!.text_body), /Studio Flow/);
    const code = await staffCode(db.db, SANDRA);
    const [stored] = await query(db.db, sql`select count(*)::int as n from staff_sign_in_codes where code_hash like ${`%${code}%`}`);
    assert.equal(stored!.n, 0, 'only a keyed hash of the code is stored');

    const res = await post(app, '/v1/admin/sign-in/verify', { email: SANDRA, code });
    assert.equal(res.status, 200, await res.clone().text());
    const set = res.headers.get('set-cookie')!;
    assert.match(set, /^tandem_staff=st_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const body = await res.json() as { staff: { id: string; role: string }; studio: { id: string }; csrf_token: string; expires_at: string };
    assert.equal(body.staff.id, FLOW.owner);
    assert.equal(body.staff.role, 'owner');
    assert.equal(body.studio.id, FLOW.org);
    assert.equal(body.expires_at, new Date(clock.now().getTime() + 12 * HOUR).toISOString());

    const again = await post(app, '/v1/admin/sign-in/verify', { email: SANDRA, code });
    assert.equal((await problemOf(again)).code, 'identity_code_invalid', 'a code signs in once');

    const who = await app.request('/v1/admin/session', { headers: { Cookie: cookieOf(res) } });
    assert.equal(who.status, 200);
    assert.equal((await who.json() as { csrf_token: string }).csrf_token, body.csrf_token);
  });

  test('behind HTTPS the cookie is Secure', async () => {
    const secureApp = await (await import('../../../server/app.ts')).createApp({
      db: db.db, now: clock.now, config: { ...(await import('../../support/app.ts')).testConfig, publicOrigin: 'https://api.tandem.example' },
      payments: (await import('../../../server/platform/adapters/payments/test-provider.ts')).testProvider(),
      mailer: (await import('../../../server/platform/adapters/mail/mailer.ts')).localMailer(),
    });
    await post(secureApp, '/v1/admin/sign-in/code', { email: MARA });
    const res = await post(secureApp, '/v1/admin/sign-in/verify', { email: MARA, code: await staffCode(db.db, MARA) });
    assert.match(res.headers.get('set-cookie')!, /; HttpOnly; SameSite=Strict; Secure$/);
  });

  test('unknown and known addresses get the same answers; only staff get mail', async () => {
    const unknown = `${randomUUID()}@nowhere.example`;
    const a = await post(app, '/v1/admin/sign-in/code', { email: unknown });
    const b = await post(app, '/v1/admin/sign-in/code', { email: MARA });
    assert.equal(a.status, b.status);
    assert.deepEqual(await a.json(), await b.json());
    const [mails] = await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${unknown}`);
    assert.equal(mails!.n, 0);
    // Wrong codes count alike, down to the lock.
    for (let i = 4; i >= 1; i--) {
      const [x, y] = [await post(app, '/v1/admin/sign-in/verify', { email: unknown, code: '000000' }), await post(app, '/v1/admin/sign-in/verify', { email: MARA, code: '000000' })];
      const [px, py] = [await problemOf(x), await problemOf(y)];
      assert.equal(px.code, 'identity_code_invalid');
      assert.deepEqual(px, py);
      assert.equal((px as unknown as { attempts_left: number }).attempts_left, i);
    }
    const [lx, ly] = [await post(app, '/v1/admin/sign-in/verify', { email: unknown, code: '000000' }), await post(app, '/v1/admin/sign-in/verify', { email: MARA, code: '000000' })];
    assert.equal(lx.status, 429);
    assert.equal(ly.status, 429);
    assert.equal((await problemOf(lx)).code, 'identity_code_locked');
    assert.equal(lx.headers.get('retry-after'), ly.headers.get('retry-after'));
    // Locked: the right code does not work either, and no new code is mailed.
    const before = await staffCode(db.db, MARA);
    assert.equal((await post(app, '/v1/admin/sign-in/verify', { email: MARA, code: before })).status, 429);
    const mailsTo = async () => (await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${MARA} and dedupe_key like 'staff-sign-in-code:%'`))[0]!.n;
    const mailed = await mailsTo();
    assert.equal((await post(app, '/v1/admin/sign-in/code', { email: MARA })).status, 202);
    assert.equal(await mailsTo(), mailed);
    clock.advance(16 * MIN);
    const session = await signIn(app, db.db, MARA);
    assert.ok(session.cookie, 'after the lock a new code works');
  });

  test('an expired code is refused', async () => {
    await post(app, '/v1/admin/sign-in/code', { email: SANDRA });
    const code = await staffCode(db.db, SANDRA);
    clock.advance(11 * MIN);
    assert.equal((await problemOf(await post(app, '/v1/admin/sign-in/verify', { email: SANDRA, code }))).code, 'identity_code_expired');
  });

  test('a person on two studios picks one with the same code; another studio\'s id counts as a wrong code', async () => {
    const email = `both-${randomUUID().slice(0, 8)}@example.ch`;
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values
      (${FLOW.org}, 'manager', 'Pia Both', ${email}, 'Europe/Zurich'), (${NORD.org}, 'instructor', 'Pia Both', ${email}, 'Europe/Berlin')`);
    await post(app, '/v1/admin/sign-in/code', { email });
    const code = await staffCode(db.db, email);
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where to_address = ${email}`);
    assert.match(String(mail!.text_body), /Atelier Nord, Studio Flow/);
    const choose = await post(app, '/v1/admin/sign-in/verify', { email, code });
    assert.equal(choose.status, 200);
    assert.equal(choose.headers.get('set-cookie'), null);
    const body = await choose.json() as { status: string; studios: { id: string; name: string; role: string }[] };
    assert.equal(body.status, 'choose_studio');
    assert.deepEqual(body.studios.map((s) => [s.name, s.role]), [['Atelier Nord', 'instructor'], ['Studio Flow', 'manager']]);
    const foreign = await post(app, '/v1/admin/sign-in/verify', { email, code, org_id: randomUUID() });
    assert.equal((await problemOf(foreign)).code, 'identity_code_invalid');
    const res = await post(app, '/v1/admin/sign-in/verify', { email, code, org_id: FLOW.org });
    assert.equal(res.status, 200, await res.clone().text());
    const who = await res.json() as { studio: { id: string }; staff: { role: string } };
    assert.deepEqual([who.studio.id, who.staff.role], [FLOW.org, 'manager']);
  });

  test('the session slides: used within 12 hours it lives on; left 12 hours it ends', async () => {
    const s = await signIn(app, db.db, SANDRA);
    clock.advance(11 * HOUR);
    assert.equal((await app.request('/v1/admin/session', { headers: { Cookie: s.cookie } })).status, 200);
    clock.advance(11 * HOUR);
    const still = await app.request('/v1/admin/session', { headers: { Cookie: s.cookie } });
    assert.equal(still.status, 200, '22 hours after signing in, 11 after the last use');
    assert.match(still.headers.get('set-cookie') ?? '', /Max-Age=43200/);
    clock.advance(12 * HOUR + MIN);
    const ended = await app.request('/v1/admin/session', { headers: { Cookie: s.cookie } });
    assert.equal(ended.status, 401);
    assert.equal((await problemOf(ended)).code, 'unauthorized');
  });

  test('every change needs the CSRF token; reads do not; sign-out ends the session and clears the cookie', async () => {
    const s = await signIn(app, db.db, SANDRA);
    const path = `/v1/admin/bookings/${randomUUID()}/sessions/${randomUUID()}/check-in`;
    const without = await app.request(path, { method: 'POST', headers: { Cookie: s.cookie, 'Idempotency-Key': randomUUID() } });
    assert.equal(without.status, 403);
    assert.equal((await problemOf(without)).code, 'csrf_token_invalid');
    const wrong = await app.request(path, { method: 'POST', headers: { Cookie: s.cookie, 'Tandem-CSRF': 'x'.repeat(43), 'Idempotency-Key': randomUUID() } });
    assert.equal(wrong.status, 403);
    const other = await signIn(app, db.db, MARA);
    const crossed = await app.request(path, { method: 'POST', headers: { Cookie: s.cookie, 'Tandem-CSRF': other.csrf, 'Idempotency-Key': randomUUID() } });
    assert.equal(crossed.status, 403, 'another session\'s token does not pass');
    const withToken = await app.request(path, { method: 'POST', headers: { ...s.headers, 'Idempotency-Key': randomUUID() } });
    assert.equal(withToken.status, 404, 'past the CSRF check: the booking does not exist');

    assert.equal((await post(app, '/v1/admin/session/sign-out', {}, { Cookie: s.cookie })).status, 403);
    const out = await post(app, '/v1/admin/session/sign-out', {}, s.headers);
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie')!, /^tandem_staff=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    assert.equal((await app.request('/v1/admin/session', { headers: { Cookie: s.cookie } })).status, 401);
    assert.equal((await app.request('/v1/admin/session', { headers: other.headers })).status, 200, 'other sessions live on');
  });

  test('a deactivated staff member\'s session ends at once', async () => {
    const email = `gone-${randomUUID().slice(0, 8)}@example.ch`;
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'instructor', 'Gone', ${email}, 'Europe/Zurich')`);
    const s = await signIn(app, db.db, email);
    await query(db.db, sql`update staff set is_active = false where email = ${email}`);
    assert.equal((await app.request('/v1/admin/session', { headers: s.headers })).status, 401);
  });

  test('secret keys keep working; bad input is a 400 problem', async () => {
    const who = await app.request('/v1/admin/session', { headers: { Authorization: 'Bearer sk_test_flow' } });
    assert.equal(who.status, 200);
    const body = await who.json() as { staff: { id: string }; csrf_token: null };
    assert.equal(body.staff.id, FLOW.owner);
    assert.equal(body.csrf_token, null);
    const bad = await post(app, '/v1/admin/sign-in/code', { email: 'not-an-address' });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['email']);
    const badVerify = await post(app, '/v1/admin/sign-in/verify', { email: SANDRA, code: '123456', org_id: 'nope' });
    assert.equal(badVerify.status, 400);
  });
});

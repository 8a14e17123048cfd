/**
 * A new studio signs up: details and the owner's address, the mailed code, then the owner is
 * signed in to a studio of their own and sees its setup checklist. Answers never tell whether an
 * address is anyone's; addresses and networks are limited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { fieldsOf, problemOf, query } from '../../support/booking.ts';
import type { OnboardingOut } from '../../../schema/api/admin-settings.ts';
import { cookieOf, post } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const details = (email: string) => ({ studio_name: 'Atelier Süd', owner_name: 'Lena Süd', email, country: 'ch', currency: 'CHF', language: 'de', timezone: 'Europe/Zurich' });

async function signUpCode(db: Awaited<ReturnType<typeof freshDatabase>>['db'], email: string): Promise<string> {
  const [mail] = await query(db, sql`select text_body from mail_outbox where to_address = ${email} and dedupe_key like 'sign-up-code:%' order by created_at desc, id desc limit 1`);
  assert.ok(mail, `no sign-up mail to ${email}`);
  return /^(\d{6})$/m.exec(String(mail.text_body))![1]!;
}

describe('studio sign-up', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => db.close());

  test('sign up, prove the address, and the owner is signed in to the new studio with its checklist', async () => {
    const email = 'lena@atelier-sued.example';
    const asked = await post(app, '/v1/admin/sign-up', details('Lena@Atelier-Sued.example'));
    assert.equal(asked.status, 202, await asked.clone().text());
    // Nothing signs in before the code: the owner is not active yet.
    const early = await post(app, '/v1/admin/sign-in/code', { email });
    assert.equal(early.status, 202);
    assert.equal((await query(db.db, sql`select 1 from mail_outbox where to_address = ${email} and dedupe_key like 'staff-sign-in-code:%'`)).length, 0);
    const code = await signUpCode(db.db, email);
    const wrong = await post(app, '/v1/admin/sign-up/verify', { email, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 422);
    assert.equal((await problemOf(wrong)).code, 'identity_code_invalid');
    const res = await post(app, '/v1/admin/sign-up/verify', { email, code });
    assert.equal(res.status, 201, await res.clone().text());
    const who = await res.json() as { staff: { role: string; name: string }; studio: { id: string; name: string; currency: string; default_locale: string; timezone: string }; csrf_token: string };
    assert.deepEqual([who.staff.role, who.staff.name, who.studio.name, who.studio.currency, who.studio.default_locale, who.studio.timezone], ['owner', 'Lena Süd', 'Atelier Süd', 'CHF', 'de', 'Europe/Zurich']);
    const headers = { Cookie: cookieOf(res), 'Tandem-CSRF': who.csrf_token };
    assert.equal((await post(app, '/v1/admin/sign-up/verify', { email, code })).status, 422, 'a code is used once');
    const [org] = await query(db.db, sql`select slug, country from orgs where id = ${who.studio.id}`);
    assert.match(String(org!.slug), /^atelier-sud-[0-9a-f]{6}$/);
    assert.equal(org!.country, 'CH');

    const checklist = async () => (await (await app.request('/v1/admin/onboarding', { headers })).json()) as OnboardingOut;
    const first = await checklist();
    assert.deepEqual(first.steps.map((s) => `${s.key}:${s.done}`), ['profile:false', 'program:false', 'availability:false', 'origin:false', 'payments:false']);
    assert.equal(first.embed, null);
    assert.equal(first.profile, null, 'no profile before it is given');
    // The profile: IBANs by their check digits, a QR-IBAN only as qr_iban, VAT number or not registered.
    const bad = await app.request('/v1/admin/studio/profile', { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ legal_name: '', street: 'Seestrasse', postal_code: '8002', city: 'Zürich', country: 'CH', vat_number: 'CHE-123', iban: 'CH93 0076 2011 6238 5295 8', qr_iban: 'CH93 0076 2011 6238 5295 7' }) });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)).sort(), ['iban', 'legal_name', 'qr_iban', 'vat_number']);
    const qrAsIban = await app.request('/v1/admin/studio/profile', { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', postal_code: '8002', city: 'Zürich', country: 'CH', vat_number: null, iban: 'CH44 3199 9123 0008 8901 2' }) });
    assert.deepEqual(fieldsOf(await problemOf(qrAsIban)), ['iban']);
    const saved = await app.request('/v1/admin/studio/profile', { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH', vat_number: null, qr_iban: 'CH44 3199 9123 0008 8901 2' }) });
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.deepEqual(await saved.json(), { legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH', qr_iban: 'CH4431999123000889012', vat_number: null });
    const keyRes = await app.request('/v1/admin/keys', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ kind: 'publishable' }) });
    assert.equal(keyRes.status, 201);
    await app.request('/v1/admin/origins', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ origin: 'https://atelier-sued.example' }) });
    const later = await checklist();
    assert.deepEqual(later.steps.map((s) => `${s.key}:${s.done}`), ['profile:true', 'program:false', 'availability:false', 'origin:true', 'payments:true']);
    assert.deepEqual(later.profile, { legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH', qr_iban: 'CH4431999123000889012', vat_number: null },
      'the checklist answers the profile as stored, for the console\'s form');
    assert.match(later.embed!.element, /^<tandem-program key="pk_live_[^"]+" program="your-program"><\/tandem-program>$/);
    assert.equal(later.embed!.script, '<script type="module" src="http://localhost:8787/widget/tandem.js"></script>');
  });

  test('answers alike for any address; at most 3 sign-ups an address an hour (then no mail), 10 a network (then 429)', async () => {
    // An address already on a studio's staff signs up like any other.
    const staff = await post(app, '/v1/admin/sign-up', details('sandra@studioflow.example'));
    const stranger = await post(app, '/v1/admin/sign-up', details(`new-${randomUUID().slice(0, 8)}@example.ch`));
    assert.deepEqual([staff.status, await staff.text()], [stranger.status, await stranger.text()]);
    const nobody = await post(app, '/v1/admin/sign-up/verify', { email: 'never-signed-up@example.ch', code: '123456' });
    assert.equal(nobody.status, 422);
    assert.equal((await problemOf(nobody)).code, 'identity_code_invalid');
    const flooded = 'flooded@example.ch';
    for (let i = 0; i < 4; i++) assert.equal((await post(app, '/v1/admin/sign-up', details(flooded))).status, 202);
    const [mails] = await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${flooded}`);
    assert.equal(mails!.n, 3);
    // This network (every app.request() is one client) has signed up 6 studios in the hour (one above, two here, three
    // for the flooded address, whose fourth made none): four more reach the limit of 10.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(app, '/v1/admin/sign-up', details(`net-${i}@example.ch`))).status);
    assert.deepEqual(statuses, [202, 202, 202, 202]);
    const limited = await post(app, '/v1/admin/sign-up', details('one-more@example.ch'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('content-type'), 'application/problem+json');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  test('bad details are 400 with every field named', async () => {
    const res = await post(app, '/v1/admin/sign-up', { studio_name: ' ', owner_name: 'x'.repeat(201), email: 'nope', country: 'Schweiz', currency: 'XBT', language: 'es', timezone: 'Mars/Base' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(fieldsOf(await problemOf(res)).sort(), ['country', 'currency', 'email', 'language', 'owner_name', 'studio_name', 'timezone']);
  });
});

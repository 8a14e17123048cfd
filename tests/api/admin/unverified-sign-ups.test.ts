/**
 * Studios whose owner never proved the address are removed by a daily job after seven days: the
 * studio, its inactive owner, the sign-up and its code mail. A studio whose owner proved it stays,
 * and so does one still inside its seven days; the demo studios are untouched. Against a fake clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { removeUnverifiedSignUps } from '../../../server/modules/staff/index.ts';
import { post } from './staff-session.ts';

const details = (email: string, studio: string) => ({ studio_name: studio, owner_name: 'Lena Süd', email, country: 'ch', currency: 'CHF', language: 'de', timezone: 'Europe/Zurich' });

describe('sign-up: unverified studios removed after seven days', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const codeOf = async (email: string) => /\b(\d{6})\b/.exec(String((await query(db.db, sql`select text_body from mail_outbox where to_address = ${email} and dedupe_key like 'sign-up-code:%'`))[0]!.text_body))![1]!;
  const studiosNamed = async (name: string) => (await query(db.db, sql`select o.id from orgs o where o.name = ${name}`)).length;

  test('unverified for more than seven days: gone with its owner, sign-up and code mail; verified and recent ones stay', async () => {
    assert.equal((await post(app, '/v1/admin/sign-up', details('never@example.ch', 'Never Proven'))).status, 202);
    assert.equal((await post(app, '/v1/admin/sign-up', details('proven@example.ch', 'Proven Studio'))).status, 202);
    assert.equal((await post(app, '/v1/admin/sign-up/verify', { email: 'proven@example.ch', code: await codeOf('proven@example.ch') })).status, 201);
    clock.set('2026-11-30T08:00:00Z');
    assert.equal((await post(app, '/v1/admin/sign-up', details('late@example.ch', 'Late Studio'))).status, 202);
    const [never] = await query(db.db, sql`select id from orgs where name = 'Never Proven'`);
    const orgsBefore = (await query(db.db, sql`select count(*)::int as n from orgs`))[0]!.n as number;

    // Six days after the first sign-up: nothing is due yet.
    clock.set('2026-12-01T08:00:00Z');
    assert.equal(await removeUnverifiedSignUps({ db: db.db, now: clock.now }), 0);
    // Eight days after it: the unverified one goes; the proven one and the five-day-old one stay.
    clock.set('2026-12-03T08:00:01Z');
    assert.equal(await removeUnverifiedSignUps({ db: db.db, now: clock.now }), 1);
    assert.equal(await studiosNamed('Never Proven'), 0);
    assert.equal(await studiosNamed('Proven Studio'), 1);
    assert.equal(await studiosNamed('Late Studio'), 1);
    assert.equal((await query(db.db, sql`select count(*)::int as n from orgs`))[0]!.n, orgsBefore - 1, 'the demo studios are untouched');
    for (const table of ['staff', 'studio_sign_ups', 'mail_outbox']) {
      assert.deepEqual(await query(db.db, sql`select 1 from ${sql.raw(table)} where org_id = ${never!.id}`), [], table);
    }
    // Run again: nothing more.
    assert.equal(await removeUnverifiedSignUps({ db: db.db, now: clock.now }), 0);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import * as t from '../../schema/db/index.ts';
import { rangeOf } from '../../schema/db/columns.ts';
import { withCaller, withCrossTenant, type Caller } from '../../server/platform/db/identity.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { freshDatabase } from '../support/database.ts';
import { buildFixture, type Fixture } from '../support/tenancy-fixture.ts';

/**
 * The SECURITY DEFINER functions: each reads past row level security, so each has a test of
 * what it answers and of what it refuses. The first test lists them from the catalogue and
 * compares the list with the tests below: a new definer function without a test fails it.
 * Every test sets up its own rows (its own orgs, or the read-only tenancy fixture).
 */
const covered = new Set<string>();
/** One test per definer function, named after it. Deleting a function: delete its `definer(...)` block. */
function definer(name: string, body: () => Promise<void>) {
  covered.add(name);
  test(name, body);
}

const NOW = new Date('2031-05-01T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const ids = (rows: Record<string, unknown>[], column = 'org_id') => rows.map((r) => String(r[column]));

/** An org of its own with one instructor, one customer, one program and variant, one order with a payment plan (written with the owner handle). */
async function smallOrg(db: Database) {
  const o = { org: randomUUID(), instructor: randomUUID(), customer: randomUUID(), program: randomUUID(), variant: randomUUID(), order: randomUUID(), plan: randomUUID() };
  const slug = `definer-${o.org}`;
  await db.insert(t.orgs).values({ id: o.org, slug, name: slug, timezone: 'UTC', currency: 'CHF' });
  await db.insert(t.staff).values({ id: o.instructor, orgId: o.org, role: 'instructor', name: 'I', email: `i@${slug}`, timezone: 'UTC' });
  await db.insert(t.customers).values({ id: o.customer, orgId: o.org, name: 'C', email: `c@${slug}` });
  await db.insert(t.programs).values({ id: o.program, orgId: o.org, slug: 'p', title: 'P', category: 'coaching', deliveryMode: 'online', sessionLengthMin: 60 });
  await db.insert(t.programVariants).values({ id: o.variant, orgId: o.org, programId: o.program, name: 'V', currency: 'CHF', price: 100, vatRateBp: 0 });
  await db.insert(t.orders).values({ id: o.order, orgId: o.org, customerId: o.customer, currency: 'CHF', subtotal: 100, vatTotal: 0, total: 100 });
  await db.insert(t.paymentPlans).values({ id: o.plan, orgId: o.org, orderId: o.order, currency: 'CHF', total: 100, deposit: 0, planJson: {} });
  return o;
}

/** Runs a statement where no org is known: table policies answer nothing, only definer functions do. */
async function crossTenant(db: Database, statement: SQL) {
  return withCrossTenant(db, 'definer function test', async (tx) => rowsOf(await tx.execute(statement)));
}

describe('SECURITY DEFINER functions', () => {
  let db: Database;
  let close: () => Promise<void>;
  let label = '';
  let f: Fixture;

  before(async () => {
    const opened = await freshDatabase();
    db = opened.db;
    close = opened.close;
    label = opened.label;
    f = await buildFixture(db);
  });
  after(async () => close());

  test('every definer function in the schema has its test here, pins its search_path and is executable by tandem_app, not PUBLIC', async () => {
    const functions = rowsOf(await db.execute(sql`
      select p.proname as name, p.proconfig as config,
             has_function_privilege('tandem_app', p.oid, 'EXECUTE') as app_may,
             exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public_may
        from pg_proc p where p.prosecdef and p.pronamespace = 'public'::regnamespace order by p.proname`));
    assert.deepEqual(functions.map((r) => String(r.name)), [...covered].sort(), `${label}: definer functions and their tests differ`);
    for (const r of functions) {
      assert.ok((r.config as string[] | null)?.includes('search_path=public'), `${r.name} must set search_path`);
      assert.equal(r.app_may, true, `${r.name}: tandem_app must be able to execute it`);
      assert.equal(r.public_may, false, `${r.name}: PUBLIC must not execute it`);
    }
  });

  definer('raise_catalog_version', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const version = async (org: string) => Number(rowsOf(await db.execute(sql`select catalog_version from orgs where id = ${org}`))[0]!.catalog_version);
    const [a0, b0] = [await version(a.org), await version(b.org)];
    // The server itself (system) may not update orgs, yet its change to a program raises the version, of its own org only.
    await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(sql`update programs set title = 'P2' where org_id = ${a.org}`));
    assert.equal(await version(a.org), a0 + 1);
    assert.equal(await version(b.org), b0);
    // An owner's change to a variant, an instructor's own row, one statement over several rows: one more each.
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`update program_variants set price = 200 where org_id = ${a.org}`));
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`insert into program_instructors (org_id, program_id, staff_id) values (${a.org}, ${a.program}, ${a.instructor})`));
    assert.equal(await version(a.org), a0 + 3);
    // A statement that changes no row of the catalog raises nothing; nor does an edit of the org that shows nowhere.
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`update programs set title = 'x' where org_id = ${a.org} and false`));
    await db.execute(sql`update orgs set name = 'renamed' where id = ${a.org}`);
    assert.equal(await version(a.org), a0 + 3);
    await db.execute(sql`update orgs set billing = '{"legal_name":"A","street":"S","postal_code":"8000","city":"Z","country":"CH"}'::jsonb where id = ${a.org}`);
    assert.equal(await version(a.org), a0 + 4);
    assert.equal(await version(b.org), b0);
    // Not callable as a function by a request.
    await assert.rejects(withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`select raise_catalog_version()`)));
  });

  definer('stripe_connect_account_ready', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const accountOf = async (org: string) => rowsOf(await db.execute(sql`select stripe_account_id from orgs where id = ${org}`))[0]!.stripe_account_id;
    // The owner starts onboarding: a row without an account, then one with charges not yet enabled: the org's account stays unset.
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`insert into stripe_connect_accounts (org_id) values (${a.org})`));
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`update stripe_connect_accounts set account_id = 'acct_a' where org_id = ${a.org}`));
    assert.equal(await accountOf(a.org), null);
    // The server (who may not update orgs) records that charges are enabled: the org's own account is set, no other org's.
    await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(sql`update stripe_connect_accounts set charges_enabled = true where org_id = ${a.org}`));
    assert.equal(await accountOf(a.org), 'acct_a');
    assert.equal(await accountOf(b.org), null);
    // Not callable as a function by a request.
    await assert.rejects(withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`select stripe_connect_account_ready()`)));
  });

  definer('raise_schedule_version', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const versionOf = (org: string) => sql`select coalesce(sum(version), 0)::int as v from schedule_version_stripes where org_id = ${org}`;
    const version = async (org: string) => Number(rowsOf(await db.execute(versionOf(org)))[0]!.v);
    const [a0, b0] = [await version(a.org), await version(b.org)];
    // An instructor (who may not update orgs) adds a block of their own: their org's version only, in their transaction.
    await withCaller(db, { orgId: a.org, role: 'instructor', userId: a.instructor }, async (tx) => {
      await tx.execute(sql`insert into schedule_blocks (org_id, kind, instructor_id, during, timezone)
        values (${a.org}, 'time_off', ${a.instructor}, tstzrange('2031-05-02 10:00Z', '2031-05-02 11:00Z'), 'UTC')`);
      assert.equal(Number(rowsOf(await tx.execute(versionOf(a.org)))[0]!.v), a0 + 1, 'raised inside the writing transaction, and readable by its writer');
    });
    assert.equal(await version(a.org), a0 + 1);
    assert.equal(await version(b.org), b0);
    // The server's change to a block (a hold released), an owner's hours and closures: one more each.
    await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(sql`update schedule_blocks set status = 'cancelled' where org_id = ${a.org}`));
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`insert into availability_rules (org_id, instructor_id, kind, weekday, start_time, end_time, timezone)
      values (${a.org}, ${a.instructor}, 'weekly', 1, '09:00', '12:00', 'UTC')`));
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`delete from availability_rules where org_id = ${a.org}`));
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`insert into studio_closures (org_id, starts_on, ends_on, timezone, name)
      values (${a.org}, '2031-12-24', '2031-12-26', 'UTC', 'Holidays')`));
    assert.equal(await version(a.org), a0 + 5);
    // A statement that changes no row raises nothing; a rolled-back write leaves the version as it was.
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`update schedule_blocks set note = 'x' where org_id = ${a.org} and false`));
    await assert.rejects(withCaller(db, { orgId: a.org, role: 'owner' }, async (tx) => {
      await tx.execute(sql`delete from studio_closures where org_id = ${a.org}`);
      throw new Error('rolled back');
    }));
    assert.equal(await version(a.org), a0 + 5);
    assert.equal(await version(b.org), b0);
    // A connection's first change in an org folds the stripes of connections that have ended into
    // stripe 0: here all of the org's version sits on a pid no live connection has.
    const gonePid = 2_147_483_000;
    await db.execute(sql`with d as (delete from schedule_version_stripes where org_id = ${a.org} returning version)
      insert into schedule_version_stripes (org_id, stripe, version) select ${a.org}, ${gonePid}, sum(version) from d`);
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`insert into studio_closures (org_id, starts_on, ends_on, timezone, name)
      values (${a.org}, '2032-12-24', '2032-12-26', 'UTC', 'Holidays')`));
    assert.equal(await version(a.org), a0 + 6, 'folding keeps the sum');
    const stripes = rowsOf(await db.execute(sql`select stripe from schedule_version_stripes where org_id = ${a.org} order by stripe`)).map((r) => Number(r.stripe));
    assert.equal(stripes[0], 0, 'the ended connection\'s stripe went to stripe 0');
    assert.ok(!stripes.includes(gonePid));
    assert.equal(await version(b.org), b0);
    // Not callable as a function by a request.
    await assert.rejects(withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`select raise_schedule_version()`)));
  });

  definer('resolve_api_key', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const pk = `hash-pk-${randomUUID()}`;
    const sk = `hash-sk-${randomUUID()}`;
    const revoked = `hash-revoked-${randomUUID()}`;
    const [pkRow] = await db.insert(t.apiKeys).values({ orgId: a.org, kind: 'publishable', prefix: 'pk_a', keyHash: pk }).returning({ id: t.apiKeys.id });
    const [skRow] = await db.insert(t.apiKeys).values({ orgId: a.org, kind: 'secret', prefix: 'sk_a', keyHash: sk, staffId: a.instructor }).returning({ id: t.apiKeys.id });
    await db.insert(t.apiKeys).values({ orgId: b.org, kind: 'publishable', prefix: 'pk_b', keyHash: revoked, revokedAt: NOW });
    await db.insert(t.orgDomains).values([{ orgId: a.org, origin: 'https://b.example' }, { orgId: a.org, origin: 'https://a.example' }, { orgId: b.org, origin: 'https://other.example' }]);
    const resolve = (hash: string) => crossTenant(db, sql`select org_id, key_id, kind, staff_id, revoked, origins, staff_role, staff_active from resolve_api_key(${hash})`);

    // Exactly the row of the hash given, with its own org's origins (sorted), nobody else's.
    assert.deepEqual(await resolve(pk), [{ org_id: a.org, key_id: pkRow!.id, kind: 'publishable', staff_id: null, revoked: false, origins: ['https://a.example', 'https://b.example'], staff_role: null, staff_active: null }]);
    assert.deepEqual(await resolve(sk), [{ org_id: a.org, key_id: skRow!.id, kind: 'secret', staff_id: a.instructor, revoked: false, origins: ['https://a.example', 'https://b.example'], staff_role: 'instructor', staff_active: true }]);
    // The staff member's role and activity as they are now: deactivated, the key's answer says so.
    await db.update(t.staff).set({ isActive: false }).where(eq(t.staff.id, a.instructor));
    assert.deepEqual((await resolve(sk)).map((r) => [r.staff_role, r.staff_active]), [['instructor', false]]);
    assert.deepEqual((await resolve(revoked)).map((r) => [r.org_id, r.revoked, r.origins]), [[b.org, true, ['https://other.example']]]);
    // Unknown hashes, a prefix and a pattern find nothing: equality, not a search.
    assert.deepEqual(await resolve(`hash-pk-${randomUUID()}`), []);
    assert.deepEqual(await resolve('hash-pk-'), []);
    assert.deepEqual(await resolve('%'), []);
    // The same transaction sees no key through the table: the function is the only road.
    assert.deepEqual(await crossTenant(db, sql`select id from api_keys`), []);
  });

  definer('origin_is_allowed', async () => {
    const a = await smallOrg(db);
    const origin = `https://${randomUUID()}.example`;
    await db.insert(t.orgDomains).values({ orgId: a.org, origin });
    const allowed = async (o: string) => (await crossTenant(db, sql`select origin_is_allowed(${o}) as allowed`))[0]!.allowed;
    assert.equal(await allowed(origin), true);
    assert.equal(await allowed(`https://${randomUUID()}.example`), false);
    // Exact match only: no trailing slash, other scheme, port or pattern.
    assert.equal(await allowed(`${origin}/`), false);
    assert.equal(await allowed(origin.replace('https:', 'http:')), false);
    assert.equal(await allowed(`${origin}:8443`), false);
    assert.equal(await allowed('%'), false);
    assert.deepEqual(await crossTenant(db, sql`select origin from org_domains`), []);
  });

  // -- Staff sign-in (before any studio is known): memberships, the code row, sessions. ---------------

  definer('staff_memberships', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const email = `Both-${randomUUID()}@example.ch`;
    await db.insert(t.staff).values([
      { orgId: a.org, role: 'manager', name: 'Both A', email, timezone: 'UTC' },
      { orgId: b.org, role: 'instructor', name: 'Both B', email: email.toLowerCase(), timezone: 'UTC' },
      { orgId: b.org, role: 'owner', name: 'Gone', email: `gone-${email}`, timezone: 'UTC', isActive: false },
    ]);
    const of = (e: string) => crossTenant(db, sql`select org_id, role from staff_memberships(${e})`);
    // Active staff of any studio, by the address in any case; nothing else (no partial match, no inactive member).
    assert.deepEqual((await of(email.toLowerCase())).map((r) => [r.org_id, r.role]).sort(), [[a.org, 'manager'], [b.org, 'instructor']].sort());
    assert.deepEqual(await of(`gone-${email}`), []);
    assert.deepEqual(await of('%'), []);
    assert.deepEqual(await crossTenant(db, sql`select id from staff`), []);
  });

  definer('staff_sign_in_code', async () => {
    const hash = `email-${randomUUID()}`;
    // Any address gets a row (so unknown ones count attempts too), locked for the transaction.
    assert.deepEqual(await crossTenant(db, sql`select code_hash, failed_attempts from staff_sign_in_code(${hash})`), [{ code_hash: null, failed_attempts: 0 }]);
    await crossTenant(db, sql`select staff_sign_in_code_save(${hash}, 'h', ${minutes(10).toISOString()}::timestamptz, 2, null, ${NOW.toISOString()}::timestamptz)`);
    assert.deepEqual(await crossTenant(db, sql`select code_hash, failed_attempts from staff_sign_in_code(${hash})`), [{ code_hash: 'h', failed_attempts: 2 }]);
    // The table itself is nobody's to read, not even the server's within an org.
    assert.deepEqual(await crossTenant(db, sql`select email_hash from staff_sign_in_codes`), []);
    assert.deepEqual(await withSystem(db, f.one.org, 'definer test', async (tx) => rowsOf(await tx.execute(sql`select email_hash from staff_sign_in_codes`))), []);
  });

  definer('staff_sign_in_code_save', async () => {
    const hash = `email-${randomUUID()}`;
    await crossTenant(db, sql`select staff_sign_in_code(${hash})`);
    await crossTenant(db, sql`select staff_sign_in_code_save(${hash}, null, null, 5, ${minutes(15).toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz)`);
    const [row] = await db.execute(sql`select failed_attempts, locked_until from staff_sign_in_codes where email_hash = ${hash}`).then(rowsOf);
    assert.equal(row!.failed_attempts, 5);
    // Another address's row is untouched; an unknown one is not created by saving.
    await crossTenant(db, sql`select staff_sign_in_code_save(${`email-${randomUUID()}`}, 'x', null, 0, null, ${NOW.toISOString()}::timestamptz)`);
    assert.equal((await db.execute(sql`select count(*)::int as n from staff_sign_in_codes where code_hash = 'x'`).then(rowsOf))[0]!.n, 0);
  });

  definer('staff_session_touch', async () => {
    const a = await smallOrg(db);
    const hash = `session-${randomUUID()}`;
    const ended = `session-${randomUUID()}`;
    await db.insert(t.staffSessions).values([
      { orgId: a.org, staffId: a.instructor, tokenHash: hash, expiresAt: minutes(30) },
      { orgId: a.org, staffId: a.instructor, tokenHash: ended, expiresAt: minutes(30), revokedAt: NOW },
    ]);
    const touch = (h: string, now: Date) => crossTenant(db, sql`select org_id, staff_id, role, expires_at from staff_session_touch(${h}, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + 12 * 3_600_000).toISOString()}::timestamptz)`);
    const [live] = await touch(hash, NOW);
    assert.deepEqual([live!.org_id, live!.staff_id, live!.role], [a.org, a.instructor, 'instructor']);
    assert.equal(new Date(String(live!.expires_at)).getTime(), NOW.getTime() + 12 * 3_600_000, 'extended to 12 hours from now');
    assert.deepEqual(await touch(ended, NOW), [], 'a revoked session');
    assert.deepEqual(await touch(hash, minutes(13 * 60)), [], 'an expired session');
    assert.deepEqual(await touch('session-%', NOW), []);
    await db.update(t.staff).set({ isActive: false }).where(sql`id = ${a.instructor}`);
    assert.deepEqual(await touch(hash, minutes(60)), [], 'an inactive staff member');
    assert.deepEqual(await crossTenant(db, sql`select id from staff_sessions`), []);
  });

  // -- A link that carries no key (manage link, invoice PDF): the org its token belongs to. ------------

  definer('link_token_org', async () => {
    const o = f.one;
    const hash = `link-${randomUUID()}`;
    const other = `link-${randomUUID()}`;
    await db.insert(t.linkTokens).values([
      { orgId: o.org, purpose: 'invoice', bookingId: o.bookingA, tokenHash: hash, expiresAt: minutes(60), revokedAt: NOW },
      { orgId: f.two.org, purpose: 'invoice', bookingId: f.two.bookingB, tokenHash: other, expiresAt: minutes(60) },
    ]);
    const org = async (h: string) => (await crossTenant(db, sql`select link_token_org(${h}) as org_id`))[0]!.org_id;
    // The org only (expiry and revocation are the server's to check, within that org); equality, not a search.
    assert.equal(await org(hash), o.org);
    assert.equal(await org(other), f.two.org);
    assert.equal(await org(`link-${randomUUID()}`), null);
    assert.equal(await org('link-%'), null);
    assert.deepEqual(await crossTenant(db, sql`select id from link_tokens`), []);
  });

  // -- The hosted pages: a studio's slug to its org and publishable key; the studios with pages to index.

  definer('studio_by_slug', async () => {
    const o = await smallOrg(db);
    const slug = `definer-${o.org}`;
    await db.insert(t.apiKeys).values([
      { orgId: o.org, kind: 'secret', prefix: 'sk_def…', keyHash: `h-${randomUUID()}`, createdAt: minutes(-30) },
      { orgId: o.org, kind: 'publishable', prefix: 'pk_revoked', keyHash: `h-${randomUUID()}`, revokedAt: NOW, createdAt: minutes(-20) },
      { orgId: o.org, kind: 'publishable', prefix: 'pk_first', keyHash: `h-${randomUUID()}`, createdAt: minutes(-10) },
      { orgId: o.org, kind: 'publishable', prefix: 'pk_second', keyHash: `h-${randomUUID()}`, createdAt: minutes(-5) },
    ]);
    const studio = async (s: string) => crossTenant(db, sql`select org_id, publishable_key from studio_by_slug(${s})`);
    // The org and its oldest live publishable key; never a secret key's prefix nor a revoked key; equality, not a search.
    assert.deepEqual((await studio(slug)).map((r) => [String(r.org_id), r.publishable_key]), [[o.org, 'pk_first']]);
    assert.deepEqual(await studio('definer-%'), []);
    assert.deepEqual(await studio(`${slug}x`), []);
    const keyless = await smallOrg(db);
    assert.deepEqual((await studio(`definer-${keyless.org}`)).map((r) => [String(r.org_id), r.publishable_key]), [[keyless.org, null]]);
    assert.deepEqual(await crossTenant(db, sql`select id from api_keys`), []);
  });

  definer('studios_with_public_pages', async () => {
    const open = await smallOrg(db);
    const privateOnly = await smallOrg(db);
    const inactive = await smallOrg(db);
    await db.update(t.programs).set({ visibility: 'by_link', privateLinkToken: `tok-${randomUUID()}` }).where(sql`id = ${privateOnly.program}`);
    await db.update(t.programs).set({ isActive: false }).where(sql`id = ${inactive.program}`);
    const found = (await crossTenant(db, sql`select slug, lastmod from studios_with_public_pages()`)).map((r) => String(r.slug));
    // Slugs of studios with an active public program, and nothing about the others.
    assert.ok(found.includes(`definer-${open.org}`));
    assert.ok(!found.includes(`definer-${privateOnly.org}`));
    assert.ok(!found.includes(`definer-${inactive.org}`));
    assert.deepEqual(await crossTenant(db, sql`select id from programs`), []);
  });

  // -- The portal's identity token (no key beside it): the org its session belongs to. ------------

  definer('customer_session_org', async () => {
    const hash = `session-${randomUUID()}`;
    const other = `session-${randomUUID()}`;
    await db.insert(t.customerSessions).values([
      { orgId: f.one.org, customerId: f.one.customerA, tokenHash: hash, expiresAt: minutes(60), revokedAt: NOW },
      { orgId: f.two.org, customerId: f.two.customerB, tokenHash: other, expiresAt: minutes(60) },
    ]);
    const org = async (h: string) => (await crossTenant(db, sql`select customer_session_org(${h}) as org_id`))[0]!.org_id;
    // The org only (expiry and revocation are the server's to check, within that org); equality, not a search.
    assert.equal(await org(hash), f.one.org);
    assert.equal(await org(other), f.two.org);
    assert.equal(await org(`session-${randomUUID()}`), null);
    assert.equal(await org('session-%'), null);
    assert.deepEqual(await crossTenant(db, sql`select id from customer_sessions`), []);
  });

  // -- The demo outbox page's org list: org ids only. ---------------------------------------------

  definer('orgs_with_mail', async () => {
    const withMail = await smallOrg(db);
    const without = await smallOrg(db);
    await db.insert(t.mailOutbox).values({ orgId: withMail.org, dedupeKey: randomUUID(), toAddress: 'a@b.c', subject: 's', textBody: 't', status: 'sent' });
    const found = ids(await crossTenant(db, sql`select orgs_with_mail() as org_id`));
    assert.ok(found.includes(withMail.org));
    assert.ok(!found.includes(without.org));
    assert.equal(new Set(found).size, found.length, 'each org once');
  });

  // ------------------------------------------------------------------------------------------------

  definer('live_blocks_between', async () => {
    const o = f.one;
    const two = f.two;
    // The fixture's session blocks: instructor A 09:00–10:00, instructor B 11:00–12:00 on 2030-03-04 (both orgs).
    const from = new Date('2030-03-04T08:00:00Z');
    const to = new Date('2030-03-04T13:00:00Z');
    const cancelled = randomUUID();
    const room = randomUUID();
    const outside = randomUUID();
    // Its own extra blocks: a cancelled one, a room's, one outside the range.
    await db.insert(t.scheduleBlocks).values([
      { id: cancelled, orgId: o.org, kind: 'appointment', status: 'cancelled', instructorId: o.instructorA, timezone: 'UTC', during: sql`${rangeOf(new Date('2030-03-04T09:00:00Z'), new Date('2030-03-04T10:00:00Z'))}` },
      { id: room, orgId: o.org, kind: 'appointment', status: 'held', holdExpiresAt: to, resourceId: o.resource, timezone: 'UTC', during: sql`${rangeOf(new Date('2030-03-04T12:00:00Z'), new Date('2030-03-04T12:30:00Z'))}` },
      { id: outside, orgId: o.org, kind: 'time_off', instructorId: o.instructorA, timezone: 'UTC', during: sql`${rangeOf(new Date('2030-03-04T13:00:00Z'), new Date('2030-03-04T14:00:00Z'))}` },
    ]);
    const inRange = (org: string) => db.execute(sql`select id from schedule_blocks where org_id = ${org} and status <> 'cancelled'
      and during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)') order by id`).then((r) => rowsOf(r).map((x) => String(x.id)));
    const expected = await inRange(o.org);
    assert.equal(expected.length, 3, 'instructor A, instructor B and the room');
    assert.ok(expected.includes(room) && !expected.includes(cancelled) && !expected.includes(outside));

    // Asked about both orgs' instructors and org one's room.
    const instructors = `{${[o.instructorA, o.instructorB, two.instructorA, two.instructorB].join(',')}}`;
    const query = sql`select id from live_blocks_between(${instructors}::uuid[], ${o.resource}::uuid,
      ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz) order by id`;
    const asCaller = (caller: Caller) => withCaller(db, caller, async (tx) => rowsOf(await tx.execute(query)).map((r) => String(r.id)));
    const asSystem = (orgId: string) => withSystem(db, orgId, 'definer function test', async (tx) => rowsOf(await tx.execute(query)).map((r) => String(r.id)));

    assert.deepEqual(await asSystem(o.org), expected, 'system: the current org\'s live blocks in range');
    assert.deepEqual(await asCaller({ orgId: o.org, role: 'owner', userId: o.owner }), expected, 'owner');
    assert.deepEqual(await asCaller({ orgId: o.org, role: 'manager', userId: o.manager }), expected, 'manager');
    // Refused: every other caller gets nothing, even an instructor asking about their own blocks.
    assert.deepEqual(await asCaller({ orgId: o.org, role: 'anonymous' }), [], 'anonymous');
    assert.deepEqual(await asCaller({ orgId: o.org, role: 'customer', customerId: o.customerA }), [], 'customer');
    assert.deepEqual(await asCaller({ orgId: o.org, role: 'instructor', userId: o.instructorA }), [], 'instructor');
    // No org, no blocks.
    assert.deepEqual(await withCrossTenant(db, 'definer function test', async (tx) => rowsOf(await tx.execute(query))), [], 'no org');
    // Org two's manager, asking with both orgs' instructors, gets org two's blocks only.
    const otherOrg = await asCaller({ orgId: two.org, role: 'manager', userId: two.manager });
    assert.equal(otherOrg.length, 2, 'org two\'s instructors A and B');
    assert.deepEqual(otherOrg, await inRange(two.org), 'the other org');
  });

  // ———————————————————————— sign-up (migration 0033): before any studio is known, and the new studio itself

  /** A sign-up row written with the owner handle, for an org of its own. */
  async function signUpRow(o: { org: string; owner: string }, emailHash: string, clientHash: string, createdAt: Date, verifiedAt: Date | null = null) {
    await db.execute(sql`insert into studio_sign_ups (org_id, owner_id, email_hash, client_hash, created_at, verified_at)
      values (${o.org}, ${o.owner}, ${emailHash}, ${clientHash}, ${createdAt.toISOString()}::timestamptz, ${verifiedAt?.toISOString() ?? null}::timestamptz)`);
  }

  definer('sign_up_recent', async () => {
    const [a, b, c] = [await smallOrg(db), await smallOrg(db), await smallOrg(db)];
    const email = `e-${randomUUID()}`;
    const client = `c-${randomUUID()}`;
    await signUpRow({ org: a.org, owner: a.instructor }, email, client, minutes(-90));
    await signUpRow({ org: b.org, owner: b.instructor }, email, `c-${randomUUID()}`, minutes(-10));
    await signUpRow({ org: c.org, owner: c.instructor }, `e-${randomUUID()}`, client, minutes(-5));
    const recent = (since: Date, e = email, cl = client) => crossTenant(db, sql`select by_email, by_client from sign_up_recent(${e}, ${cl}, ${since.toISOString()}::timestamptz)`);
    // Counts per address and per network since the moment given; older rows and other hashes are not counted.
    assert.deepEqual(await recent(minutes(-60)), [{ by_email: 1, by_client: 1 }]);
    assert.deepEqual(await recent(minutes(-120)), [{ by_email: 2, by_client: 2 }]);
    assert.deepEqual(await recent(minutes(-120), `e-${randomUUID()}`, `c-${randomUUID()}`), [{ by_email: 0, by_client: 0 }]);
    // Counts only: the rows themselves stay closed to the same caller.
    assert.deepEqual(await crossTenant(db, sql`select * from studio_sign_ups where email_hash = ${email}`), []);
  });

  definer('sign_up_pending', async () => {
    const [a, b, c] = [await smallOrg(db), await smallOrg(db), await smallOrg(db)];
    const email = `e-${randomUUID()}`;
    await signUpRow({ org: a.org, owner: a.instructor }, email, 'x', minutes(-30));
    await signUpRow({ org: b.org, owner: b.instructor }, email, 'x', minutes(-20));
    await signUpRow({ org: c.org, owner: c.instructor }, email, 'x', minutes(-10), minutes(-9));
    const pending = async (e: string) => (await crossTenant(db, sql`select sign_up_pending(${e}) as org`))[0]!.org;
    // The newest sign-up still waiting for its code; a verified one no longer counts; an unknown address has none.
    assert.equal(await pending(email), b.org);
    assert.equal(await pending(`e-${randomUUID()}`), null);
  });

  definer('sign_up_create_studio', async () => {
    const org = randomUUID();
    const owner = randomUUID();
    const slug = `signup-${org}`;
    const create = (o: string) => sql`select sign_up_create_studio(${o}::uuid, ${owner}::uuid, ${slug}, 'Studio Neu', 'Europe/Zurich', 'CHF', 'de', 'CH', 'Ana Neu', ${`ana@${slug}`})`;
    // Refused to a request of an existing studio (even its owner), to the server acting for another org, and without an org.
    const other = await smallOrg(db);
    await assert.rejects(withCaller(db, { orgId: org, role: 'owner' }, (tx) => tx.execute(create(org))));
    await assert.rejects(withSystem(db, other.org, 'definer function test', (tx) => tx.execute(create(org))));
    await assert.rejects(crossTenant(db, create(org)));
    assert.deepEqual(rowsOf(await db.execute(sql`select id from orgs where id = ${org}`)), []);
    // The server, for the new org's own id: the studio and its owner, inactive until the address is proven.
    await withSystem(db, org, 'definer function test', (tx) => tx.execute(create(org)));
    assert.deepEqual(rowsOf(await db.execute(sql`select slug, name, timezone, currency, country from orgs where id = ${org}`)),
      [{ slug, name: 'Studio Neu', timezone: 'Europe/Zurich', currency: 'CHF', country: 'CH' }]);
    assert.deepEqual(rowsOf(await db.execute(sql`select id, role, is_active from staff where org_id = ${org}`)), [{ id: owner, role: 'owner', is_active: false }]);
  });

  definer('sign_up_activate_owner', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    await db.execute(sql`update staff set is_active = false where id = ${a.instructor}`);
    await signUpRow({ org: a.org, owner: a.instructor }, `e-${randomUUID()}`, 'x', minutes(-5));
    const active = async () => rowsOf(await db.execute(sql`select is_active from staff where id = ${a.instructor}`))[0]!.is_active;
    const activate = sql`select sign_up_activate_owner(${a.org}::uuid)`;
    // Not before the code was right.
    await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(activate));
    assert.equal(await active(), false);
    await db.execute(sql`update studio_sign_ups set verified_at = ${minutes(-1).toISOString()}::timestamptz where org_id = ${a.org}`);
    // Not by the studio's own staff, not by the server acting for another org, not without an org.
    await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(activate));
    await withSystem(db, b.org, 'definer function test', (tx) => tx.execute(activate));
    await crossTenant(db, activate);
    assert.equal(await active(), false);
    // The server, for that org, once the address is proven: the sign-up's owner only.
    await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(activate));
    assert.equal(await active(), true);
    assert.deepEqual(rowsOf(await db.execute(sql`select is_active from staff where org_id = ${b.org}`)), [{ is_active: true }]);
  });

  definer('calendar_feeds_due', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const feed = async (o: { org: string; instructor: string }, synced: Date | null) => {
      const id = randomUUID();
      await db.execute(sql`insert into calendar_feeds (id, org_id, instructor_id, url, label, last_synced_at)
        values (${id}, ${o.org}, ${o.instructor}, ${`https://calendar.example/${id}.ics`}, '', ${synced ? synced.toISOString() : null}::timestamptz)`);
      return id;
    };
    const never = await feed(a, null);
    const old = await feed(b, minutes(-600));
    await feed(a, minutes(-10));
    const due = sql`select org_id, feed_id from calendar_feeds_due(${minutes(-360).toISOString()}::timestamptz, 1000)`;
    // Without an org: never read first, then the oldest, of every studio; the recent one is not due.
    const ours = (rows: Record<string, unknown>[]) => rows.filter((r) => [a.org, b.org].some((o) => o === String(r.org_id))).map((r) => [String(r.org_id), String(r.feed_id)]);
    assert.deepEqual(ours(await crossTenant(db, due)), [[a.org, never], [b.org, old]]);
    // Nothing for a studio's own staff or for the server acting for one studio.
    assert.deepEqual(rowsOf(await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(due))), []);
    assert.deepEqual(rowsOf(await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(due))), []);
    assert.equal((await crossTenant(db, sql`select * from calendar_feeds_due(${minutes(-360).toISOString()}::timestamptz, 1)`)).length, 1, 'at most the limit');
  });
  definer('verified_custom_domains', async () => {
    const a = await smallOrg(db);
    const b = await smallOrg(db);
    const host = (o: { org: string }) => `book-${o.org.slice(0, 8)}.example`;
    await db.execute(sql`insert into custom_domains (org_id, host, verification_token, verified_at) values (${a.org}, ${host(a)}, 'ta', now()), (${b.org}, ${host(b)}, 'tb', null)`);
    const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => [host(a), host(b)].includes(String(r.host))).map((r) => String(r.host));
    // Without an org: only the verified one, with its studio's slug.
    const all = await crossTenant(db, sql`select host, slug from verified_custom_domains()`);
    assert.deepEqual(mine(all), [host(a)]);
    const [slug] = rowsOf(await db.execute(sql`select slug from orgs where id = ${a.org}`));
    assert.equal(all.find((r) => r.host === host(a))!.slug, slug!.slug);
    // Nothing for a studio's own owner or for the server acting for one studio.
    assert.deepEqual(rowsOf(await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(sql`select * from verified_custom_domains()`))), []);
    assert.deepEqual(rowsOf(await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(sql`select * from verified_custom_domains()`))), []);
  });

  definer('sign_ups_remove_unverified', async () => {
    // Bare studios as a sign-up leaves them: the studio and its owner.
    const bare = async () => {
      const org = randomUUID();
      const instructor = randomUUID();
      await db.execute(sql`insert into orgs (id, slug, name, timezone, currency) values (${org}, ${`s-${org}`}, 'Signed up', 'Europe/Zurich', 'CHF')`);
      await db.execute(sql`insert into staff (id, org_id, role, name, email, timezone, is_active) values (${instructor}, ${org}, 'owner', 'Owner', ${`o@${org}.example`}, 'Europe/Zurich', false)`);
      return { org, instructor };
    };
    const [a, b, c] = [await bare(), await bare(), await bare()];
    await signUpRow({ org: a.org, owner: a.instructor }, `e-${randomUUID()}`, 'x', minutes(-60 * 24 * 8));
    await signUpRow({ org: b.org, owner: b.instructor }, `e-${randomUUID()}`, 'x', minutes(-60 * 24 * 8), minutes(-60 * 24 * 8 + 5));
    await signUpRow({ org: c.org, owner: c.instructor }, `e-${randomUUID()}`, 'x', minutes(-60));
    const remove = sql`select sign_ups_remove_unverified(${minutes(-60 * 24 * 7).toISOString()}::timestamptz) as removed`;
    const exists = async (org: string) => rowsOf(await db.execute(sql`select 1 from orgs where id = ${org}`)).length === 1;
    // Nothing for a studio's own staff or for the server acting for one studio.
    assert.deepEqual(rowsOf(await withCaller(db, { orgId: a.org, role: 'owner' }, (tx) => tx.execute(remove))), [{ removed: 0 }]);
    assert.deepEqual(rowsOf(await withSystem(db, a.org, 'definer function test', (tx) => tx.execute(remove))), [{ removed: 0 }]);
    assert.equal(await exists(a.org), true);
    // Without an org: the unverified studio older than the date goes with its people; a verified one and a recent one stay.
    assert.deepEqual(await crossTenant(db, remove), [{ removed: 1 }]);
    assert.deepEqual([await exists(a.org), await exists(b.org), await exists(c.org)], [false, true, true]);
    assert.deepEqual(rowsOf(await db.execute(sql`select 1 from staff where org_id = ${a.org}`)), []);
  });
});

/**
 * The studio's customers in the console: search, one customer's record (health answers only for
 * the booking's own instructor and managers, no credits for instructors), the JSON export, and
 * erasure (personal data replaced, the invoice kept as issued).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, fieldsOf, problemOf, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CustomerDetailOut, CustomersOut } from '../../../schema/api/admin-customers.ts';
import { signIn, type StaffSession } from './staff-session.ts';

describe('customers in the console', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));
  let owner: StaffSession; let noemi: StaffSession; let mara: StaffSession; let mia: StaffSession;
  let customerId: string; let bookingId: string; let orderId: string;
  const get = (path: string, who: StaffSession) => app.request(path, { headers: who.headers });
  const erase = (id: string, who: StaffSession) => app.request(`/v1/admin/customers/${id}/erase`, { method: 'POST', headers: { ...who.headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    // A health question on Reiki's intake form (Noemi conducts Reiki).
    await query(db.db, sql`insert into program_intake_forms (org_id, program_id, form_schema_json)
      values (${FLOW.org}, ${FLOW.reiki}, '{"type":"object","x-order":["injuries"],"properties":{"injuries":{"type":"string","title":"Injuries","x-health":true}}}')`);
    const reiki = (await demoVariants(app)).reiki![0]!;
    const paid = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    bookingId = paid.booking.id; orderId = paid.orderId;
    const [b] = await query(db.db, sql`select customer_id from program_bookings where id = ${bookingId}`);
    customerId = String(b!.customer_id);
    await query(db.db, sql`update program_bookings set intake_answers = '{"injuries":"left knee"}' where id = ${bookingId}`);
    await query(db.db, sql`insert into credit_ledger (org_id, customer_id, delta, balance_after, reason) values (${FLOW.org}, ${customerId}, 3, 3, 'goodwill')`);
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
    mia = await signIn(app, db.db, 'mia@studioflow.example');
  });
  after(async () => db.close());

  test('list and search; an instructor lists only the people whose bookings they conduct', async () => {
    const [c] = await query(db.db, sql`select name, email from customers where id = ${customerId}`);
    const all = await (await get('/v1/admin/customers', owner)).json() as CustomersOut;
    assert.ok(all.customers.some((x) => x.id === customerId));
    const found = await (await get(`/v1/admin/customers?q=${encodeURIComponent(String(c!.email).slice(0, 6).toUpperCase())}`, owner)).json() as CustomersOut;
    assert.ok(found.customers.some((x) => x.id === customerId));
    const none = await (await get('/v1/admin/customers?q=nobody-is-called-this', owner)).json() as CustomersOut;
    assert.deepEqual(none.customers, []);
    assert.ok((await (await get('/v1/admin/customers', noemi)).json() as CustomersOut).customers.some((x) => x.id === customerId));
    assert.ok(!(await (await get('/v1/admin/customers', mara)).json() as CustomersOut).customers.some((x) => x.id === customerId));
    const bad = await get('/v1/admin/customers?cursor=%25%25', owner);
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)), ['cursor']);
  });

  test('the record: health answers for the booking\'s instructor and managers only; credits not for instructors', async () => {
    const asManager = await (await get(`/v1/admin/customers/${customerId}`, mia)).json() as CustomerDetailOut;
    const answers = (d: CustomerDetailOut) => d.bookings.find((b) => b.id === bookingId)!.intake;
    assert.ok(answers(asManager).answers.some((a) => a.health && a.value === 'left knee'));
    assert.deepEqual(asManager.credits?.balance, 3);
    const asOwner = await (await get(`/v1/admin/customers/${customerId}`, owner)).json() as CustomerDetailOut;
    assert.ok(!answers(asOwner).answers.some((a) => a.health));
    assert.equal(answers(asOwner).health_withheld, true);
    const asNoemi = await (await get(`/v1/admin/customers/${customerId}`, noemi)).json() as CustomerDetailOut;
    assert.ok(answers(asNoemi).answers.some((a) => a.value === 'left knee'));
    assert.equal(asNoemi.credits, null);
    assert.equal((await get(`/v1/admin/customers/${customerId}`, mara)).status, 404);
    assert.equal((await get(`/v1/admin/customers/${randomUUID()}`, owner)).status, 404);
    assert.equal((await get('/v1/admin/customers/not-an-id', owner)).status, 400);
  });

  test('export: a JSON download for owners and managers', async () => {
    const res = await get(`/v1/admin/customers/${customerId}/export`, mia);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="customer-.*\.json"/);
    const body = await res.json() as CustomerDetailOut & { exported_at: string };
    assert.equal(body.customer.id, customerId);
    assert.ok(body.exported_at);
    assert.equal((await get(`/v1/admin/customers/${customerId}/export`, noemi)).status, 403);
  });

  test('erase: refused while a booking is live; then personal data replaced, the invoice kept as issued', async () => {
    const live = await erase(customerId, owner);
    assert.equal(live.status, 409);
    assert.equal((await erase(customerId, noemi)).status, 403);
    const [invoiceBefore] = await query(db.db, sql`select snapshot::text as s from invoices where order_id = ${orderId}`);
    await query(db.db, sql`update program_bookings set status = 'completed' where id = ${bookingId}`);
    const key = randomUUID();
    const send = () => app.request(`/v1/admin/customers/${customerId}/erase`, { method: 'POST', headers: { ...mia.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: '{}' });
    const done = await send();
    assert.equal(done.status, 200, await done.clone().text());
    assert.equal((await send()).headers.get('idempotency-replayed'), 'true');
    const [c] = await query(db.db, sql`select name, email, phone from customers where id = ${customerId}`);
    assert.deepEqual([c!.name, c!.phone], ['Erased customer', null]);
    assert.match(String(c!.email), /@erased\.invalid$/);
    const [b] = await query(db.db, sql`select customer_name, intake_answers::text as answers from program_bookings where id = ${bookingId}`);
    assert.deepEqual([b!.customer_name, b!.answers], ['Erased customer', '{}']);
    const [invoiceAfter] = await query(db.db, sql`select snapshot::text as s from invoices where order_id = ${orderId}`);
    assert.equal(invoiceAfter!.s, invoiceBefore!.s, 'the invoice stays as issued');
  });
});

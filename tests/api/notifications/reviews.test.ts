/**
 * Milestone reminders and reviews, with a fake clock. A confirmed program's milestones with a due date are
 * announced a day ahead (not when completed; a moved first session moves them). A day after a program
 * completes the customer is asked for a review; the answer, through the link's page (rating, text, an
 * unticked box to allow publishing), is taken once and recorded as `review.created`; the studio approves it
 * as a testimonial through the admin API (only with consent), and then the program's hosted page and the
 * widget's program answer show it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { parkedJobs, runJobsAt } from '../../support/parked-jobs.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';
import { rescheduleSessionAsStaff } from '../../support/staff-actions.ts';
import { NUDGE_QUEUE, nudgeJob } from '../../../server/modules/notifications/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { ReviewOut } from '../../../schema/api/admin-reviews.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';

const START = '2026-11-25T08:00:00Z';
const owner = { Authorization: 'Bearer sk_test_flow' };

describe('milestone reminders, review requests and testimonials', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  const job = () => nudgeJob({ db: db.db, now: clock.now, config: testConfig }) as unknown as JobDefinition;
  const at = (iso: string) => { clock.set(iso); return runJobsAt(db, new Date(iso), job()); };
  const mailsTo = (email: string) => query(db.db, sql`select dedupe_key, subject, text_body from mail_outbox where to_address = ${email} order by created_at, dedupe_key`);
  const admin = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => app.request(`/v1/admin${path}`, {
    method: init.method ?? 'GET', headers: { ...owner, ...(init.method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}), ...init.headers },
  });
  const form = (path: string, fields: Record<string, string>) => app.request(path, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
  });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  test('milestones with a due date: a day ahead, not when completed, moved with the first session', async () => {
    clock.set(START);
    const ana = customer();
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: ana, sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const planned = () => parkedJobs(db, NUDGE_QUEUE).then((all) => all.filter((j) => j.data.bookingId === b.id && j.data.kind === 'milestone_due'));
    // Due 7, 21, 42 and 56 days after the first session (09:00 in Zurich), announced a day before at the same local hour.
    assert.deepEqual((await planned()).map((j) => j.at), ['2026-12-07T08:00:00.000Z', '2026-12-21T08:00:00.000Z', '2027-01-11T08:00:00.000Z', '2027-01-25T08:00:00.000Z']);

    await at('2026-12-07T07:59:00Z');
    assert.equal((await mailsTo(ana.email)).filter((m) => String(m.dedupe_key).includes(':milestone:')).length, 0);
    await at('2026-12-07T08:00:00Z');
    const first = (await mailsTo(ana.email)).filter((m) => String(m.dedupe_key).includes(':milestone:'));
    assert.equal(first.length, 1);
    assert.equal(first[0]!.subject, 'Fällig am 8. Dezember 2026: Goal written down (EVOLVE — holistic coaching)');
    assert.match(String(first[0]!.text_body), /ist am 8\. Dezember 2026 fällig: Goal written down\./);
    assert.match(String(first[0]!.text_body), /http:\/\/localhost:8787\/manage\//);

    // The second milestone is done early: no reminder for it.
    const [m2] = await query(db.db, sql`select id from program_milestones where program_id = ${FLOW.evolve} and order_idx = (select min(order_idx) + 1 from program_milestones where program_id = ${FLOW.evolve})`);
    await query(db.db, sql`insert into program_progress (org_id, booking_id, milestone_id, completed_at) values (${FLOW.org}, ${b.id}, ${m2!.id}, '2026-12-15T10:00:00Z')`);
    await at('2026-12-21T08:00:00Z');
    assert.equal((await mailsTo(ana.email)).filter((m) => String(m.dedupe_key).includes(':milestone:')).length, 1, 'a completed milestone is not announced');

    // The first session moves a day later: the later milestones' dates move with it; the old jobs send nothing.
    clock.set('2026-12-22T08:00:00Z');
    const s1 = b.sessions[0]!;
    await rescheduleSessionAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' }, { bookingId: b.id, sessionId: s1.id, startsAt: '2026-12-01T13:00:00.000Z', override: true }, { now: clock.now(), config: testConfig });
    const after = (await planned()).map((j) => [j.at, j.data.dueAt]);
    assert.ok(after.some(([when, due]) => when === '2027-01-11T13:00:00.000Z' && due === '2027-01-12T13:00:00.000Z'), JSON.stringify(after));
    await at('2027-01-11T08:00:00Z');
    assert.equal((await mailsTo(ana.email)).filter((m) => String(m.dedupe_key).includes(':milestone:')).length, 1, 'the former date sends nothing');
    await at('2027-01-11T13:00:00Z');
    const third = (await mailsTo(ana.email)).filter((m) => String(m.dedupe_key).includes(':milestone:'));
    assert.equal(third.length, 2);
    assert.match(String(third[1]!.subject), /^Fällig am 12\. Januar 2027: Three habits running/);
  });

  let reviewPath = '';
  let reviewer = customer();

  test('a day after a program completes: one review request with a link to a form', async () => {
    clock.set(START);
    reviewer = customer({ locale: 'en', name: 'Ben Keller' });
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: reviewer, sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    // The session ends at 10:15Z; after the 24-hour attendance grace the program is completed.
    clock.set('2026-12-03T11:00:00Z');
    await runLifecycleAt(db, clock.current);
    await runLifecycleAt(db, clock.current);
    const [row] = await query(db.db, sql`select status from program_bookings where id = ${b.id}`);
    assert.equal(row!.status, 'completed');
    const planned = (await parkedJobs(db, NUDGE_QUEUE)).filter((j) => j.data.bookingId === b.id && j.data.kind === 'review_request');
    assert.deepEqual(planned.map((j) => j.at), ['2026-12-04T11:00:00.000Z']);
    await at('2026-12-04T11:00:00Z');
    await at('2026-12-05T10:00:00Z');
    const mails = (await mailsTo(reviewer.email)).filter((m) => String(m.dedupe_key).endsWith(':review_request'));
    assert.equal(mails.length, 1, 'once');
    assert.match(String(mails[0]!.subject), /^How was Reiki/);
    const link = /http:\/\/localhost:8787(\/reviews\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43})/.exec(String(mails[0]!.text_body));
    assert.ok(link, String(mails[0]!.text_body));
    reviewPath = link[1]!;

    const page = await app.request(reviewPath);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.match(html, /<input type="radio" name="rating" value="5" required>/);
    assert.match(html, /<input type="checkbox" name="consent" value="yes">/, 'the consent box is not ticked');
    assert.match(html, /Studio Flow may show my rating and text, signed with my first name and initial/);
    assert.equal((await app.request(reviewPath.replace(/.$/, reviewPath.endsWith('A') ? 'B' : 'A'))).status, 404, 'a forged token');
  });

  test('the answer: checked per field, taken once with the consent\'s words, recorded as review.created; not public until approved', async () => {
    const bad = await form(reviewPath, { rating: '9', text: 'x' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /rating: must be a whole number from 1 to 5/);
    const ok = await form(reviewPath, { rating: '5', text: 'Calm, precise and kind. <script>alert(1)</script>', consent: 'yes' });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Thank you!/);
    const again = await form(reviewPath, { rating: '1', text: 'changed my mind' });
    assert.match(await again.text(), /You have already answered/);
    const [event] = await query(db.db, sql`select payload from domain_events where type = 'review.created'`);
    assert.deepEqual({ ...(event!.payload as Record<string, unknown>), review_id: undefined }, { review_id: undefined, rating: 5, text: 'Calm, precise and kind. <script>alert(1)</script>', consent_to_publish: true });

    const listed = await (await admin('/reviews?status=pending')).json() as { reviews: ReviewOut[] };
    assert.equal(listed.reviews.length, 1);
    const r = listed.reviews[0]!;
    assert.deepEqual([r.rating, r.display_name, r.consent_to_publish, r.status, r.program.slug, r.customer.email], [5, 'Ben K.', true, 'pending', 'reiki', reviewer.email]);
    assert.equal(r.consent_text, 'Studio Flow may show my rating and text, signed with my first name and initial, on the program\'s page.');
    const before = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as ProgramDetail;
    assert.equal(before.testimonials.some((t) => t.author === 'Ben K.'), false, 'not shown before the studio approves it');
    assert.equal(before.review_summary, null);
  });

  test('approved by the studio: on the hosted page and in the widget\'s answer; instructors and other studios cannot', async () => {
    const [r] = (await (await admin('/reviews')).json() as { reviews: ReviewOut[] }).reviews;
    const mara = { Authorization: 'Bearer sk_test_mara_key' };
    await query(db.db, sql`insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values (${FLOW.org}, 'secret', 'sk_test_mara', ${hashKey('sk_test_mara_key')}, ${FLOW.mara})`);
    assert.equal((await admin(`/reviews/${r!.id}/approve`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_nord' } })).status, 404, 'another studio');
    const asInstructor = await admin(`/reviews/${r!.id}/approve`, { method: 'POST', headers: mara });
    assert.ok([401, 404].includes(asInstructor.status), String(asInstructor.status));
    const etagBefore = (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).headers.get('ETag')!;
    assert.ok(etagBefore);
    const approved = await admin(`/reviews/${r!.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200, await approved.clone().text());
    assert.equal((await approved.json() as ReviewOut).status, 'approved');

    const program = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as ProgramDetail;
    const shown = program.testimonials.find((t) => t.author === 'Ben K.');
    assert.deepEqual(shown, { quote: 'Calm, precise and kind. <script>alert(1)</script>', author: 'Ben K.', rating: 5, date: '2026-12-05' });
    assert.deepEqual(program.review_summary, { average: 5, count: 1 });
    // The answer's ETag follows the catalog's version: the old one no longer answers 304, the new one does.
    const fresh = await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, 'If-None-Match': etagBefore } });
    assert.equal(fresh.status, 200, 'an approval changes what the program answer shows');
    const etagAfter = fresh.headers.get('ETag')!;
    assert.notEqual(etagAfter, etagBefore);
    assert.equal((await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, 'If-None-Match': etagAfter } })).status, 304);
    assert.match(await (await app.request('/p/studio-flow/reiki')).text(), /Bewertet mit 5 von 5 von 1 Teilnehmerin oder Teilnehmer/, 'the words of one review on the hosted page');
    const page = await (await app.request('/p/studio-flow/reiki')).text();
    assert.match(page, /Calm, precise and kind\. &lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'escaped on the page');
    assert.match(page, /— Ben K\., <span>5 von 5 Sternen<\/span>/);
    assert.doesNotMatch(page, /Ben Keller/, 'never the full name');

    const rejected = await admin(`/reviews/${r!.id}/reject`, { method: 'POST' });
    assert.equal(rejected.status, 200);
    const hidden = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as ProgramDetail;
    assert.equal(hidden.testimonials.some((t) => t.author === 'Ben K.'), false, 'withdrawn again');
  });

  test('a review without consent to publish is read by the studio but cannot be approved', async () => {
    clock.set(START);
    const cleo = customer({ locale: 'fr', name: 'Cléo Martin' });
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: cleo, sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    clock.set('2026-12-10T11:00:00Z');
    await runLifecycleAt(db, clock.current);
    await runLifecycleAt(db, clock.current);
    await at('2026-12-11T11:00:00Z');
    const [mail] = (await mailsTo(cleo.email)).filter((m) => String(m.dedupe_key).endsWith(':review_request'));
    assert.match(String(mail!.subject), /^Comment s'est passé Reiki/);
    const path = /http:\/\/localhost:8787(\/reviews\/\S+)/.exec(String(mail!.text_body))![1]!;
    assert.match(await (await app.request(path)).text(), /<html lang="fr">/);
    assert.equal((await form(path, { rating: '3', text: 'Bien.' })).status, 200);
    const mine = (await (await admin('/reviews?status=pending')).json() as { reviews: ReviewOut[] }).reviews.find((x) => x.customer.email === cleo.email)!;
    assert.deepEqual([mine.consent_to_publish, mine.consent_text], [false, null]);
    const refused = await admin(`/reviews/${mine.id}/approve`, { method: 'POST' });
    assert.equal(refused.status, 409);
    assert.equal((await refused.json() as { code: string }).code, 'invalid_state');
  });
});

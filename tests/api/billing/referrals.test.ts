/**
 * Referral rewards: a confirmed booking gives its customer a code; a referee's paid order makes the
 * referrer's reward pending until the free cancellation window of the booking's first session has
 * passed, then grants it once (class credits) or voids it when the booking was cancelled within the
 * window; self-referral by the same mailbox is refused; the studio lists codes and rewards.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { cardPaid, skFlow, staffCancel } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';

import { FLOW } from '../../../demo/seed/index.ts';
import { settleReferralRewardNow } from '../../../server/modules/billing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('referral rewards', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reiki = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const customerId = async (email: string) => String((await query(db.db, sql`select id from customers where email = ${email}`))[0]!.id);
  const codeOf = async (email: string) => String((await query(db.db, sql`select r.code from referral_codes r join customers c on c.id = r.customer_id where c.email = ${email}`))[0]?.code ?? '');
  const credits = async (email: string) => Number((await query(db.db, sql`select coalesce(sum(l.delta), 0)::int as n from credit_ledger l join customers c on c.id = l.customer_id where c.email = ${email} and l.reason = 'referral_reward'`))[0]!.n);
  const rewardsOf = (refereeEmail: string) => query(db.db, sql`select w.* from referral_rewards w join customers c on c.id = w.referee_customer_id where c.email = ${refereeEmail}`);

  /** A referee's Reiki booking paid by card with the referrer's code (the address proven first, as a referral code needs). */
  async function referred(code: string, start: string, who = customer()) {
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: who, sessions: { mode: 'explicit', starts: [start] } });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card', coupon: code }, await proveIdentity(app, db.db, who.email as string)));
    assert.deepEqual(out.order.discount, { code, source: 'referral' });
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return { booking: b, email: who.email as string };
  }

  test('a confirmed booking gives its customer a code; the reward waits for the free window, then is granted once', async () => {
    clock.set(START);
    const referrer = customer({ name: 'Léa Bühler' });
    await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z', referrer);
    const code = await codeOf(referrer.email);
    assert.match(code, /^LEA-[A-HJ-NP-Z2-9]{4}$/, 'her first name, plain, and four unmistakable characters');

    const { booking, email } = await referred(code, '2026-12-09T09:00:00.000Z');
    assert.ok(await codeOf(email), 'the referee, confirmed too, has a code of their own');
    const [reward] = await rewardsOf(email);
    assert.equal(reward!.status, 'pending');
    assert.equal(reward!.referrer_customer_id, await customerId(referrer.email));
    assert.equal(new Date(String(reward!.due_at)).toISOString(), '2026-12-07T09:00:00.000Z', 'the session\'s start less Reiki\'s 48 free hours');
    assert.equal(await credits(referrer.email), 0, 'nothing while the referee may still cancel for free');
    const [job] = await query(db.db, sql`select start_after from pgboss.job where name = 'billing.referral_reward' and data->>'rewardId' = ${String(reward!.id)}`);
    assert.ok(job, 'the job that settles it is queued with it');

    clock.set('2026-12-07T08:59:00Z');
    assert.equal(await settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), clock.now()), 'not_due');
    assert.equal(await credits(referrer.email), 0);

    clock.set('2026-12-07T09:00:00Z');
    // Two runners at once: one grants, the other finds it settled.
    const outcomes = await Promise.all([1, 2].map(() => settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), clock.now())));
    assert.deepEqual(outcomes.sort(), ['granted', 'settled_already']);
    assert.equal(await credits(referrer.email), 1);
    assert.equal(await settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), clock.now()), 'settled_already');
    assert.equal(await credits(referrer.email), 1, 'once');
    // Cancelled after the window: the reward stands.
    await staffCancel(app, booking.id);
    assert.equal(await credits(referrer.email), 1);

    // The referrer sees her code and what it earned in the portal (no referee's name there).
    const proof = await proveIdentity(app, db.db, referrer.email as string);
    const mine = await app.request('/v1/portal/referral', { headers: { Authorization: `Bearer ${proof['Tandem-Identity']}` } });
    assert.equal(mine.status, 200);
    const own = await mine.json() as { code: string; link: string; reward_credits: number; reward: unknown; rewards: { status: string; kind: string; credits: number }[] };
    assert.equal(own.code, code);
    assert.equal(own.reward_credits, 1);
    assert.deepEqual(own.reward, { kind: 'credits', credits: 1 });
    assert.deepEqual(own.rewards.map((r) => [r.status, r.kind, r.credits]), [['granted', 'credits', 1]]);
    assert.doesNotMatch(JSON.stringify(own), new RegExp(email.replace(/[.+]/g, '\\$&')));
    // Her link: the studio's page, whose program links carry the code on to the widgets' payment.
    const link = new URL(own.link);
    assert.equal(link.search, `?tandem-coupon=${code}`);
    assert.match(link.pathname, /^\/p\/[a-z0-9-]+$/);
    const page = await (await app.request(`${link.pathname}${link.search}`)).text();
    const programLinks = [...page.matchAll(/<h2><a href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(programLinks.length > 0);
    for (const href of programLinks) assert.ok(href.endsWith(`?tandem-coupon=${code}`), href);
    assert.doesNotMatch(await (await app.request(`${link.pathname}?tandem-coupon=%22%3E%3Cscript%3E`)).text(), /tandem-coupon=/, 'only a code as the widget takes it is carried');

    const res = await app.request(`/v1/admin/referrals?referrer_id=${await customerId(referrer.email)}`, { headers: skFlow });
    assert.equal(res.status, 200);
    const { referrals } = await res.json() as { referrals: { code: string; uses: number; referrer: { email: string }; rewards: { status: string; credits: number; referee: { email: string }; granted_at: string | null }[] }[] };
    assert.equal(referrals.length, 1);
    assert.equal(referrals[0]!.code, code);
    assert.equal(referrals[0]!.uses, 1);
    assert.equal(referrals[0]!.referrer.email, referrer.email);
    assert.deepEqual(referrals[0]!.rewards.map((w) => [w.referee.email, w.status, w.credits, w.granted_at]), [[email, 'granted', 1, '2026-12-07T09:00:00.000Z']]);
  });

  test('cancelled within the free window: the reward is void, no credits', async () => {
    clock.set(START);
    const referrer = customer({ name: 'Marco Rossi' });
    await cardPaid(app, reiki, '2026-12-02T10:30:00.000Z', referrer);
    const { booking, email } = await referred(await codeOf(referrer.email), '2026-12-09T10:30:00.000Z');
    clock.set('2026-12-03T08:00:00Z');
    await staffCancel(app, booking.id);
    clock.set('2026-12-07T10:30:00Z');
    const [reward] = await rewardsOf(email);
    assert.equal(await settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), clock.now()), 'void');
    const [after] = await rewardsOf(email);
    assert.equal(after!.status, 'void');
    assert.equal(after!.void_reason, 'booking_cancelled');
    assert.equal(await credits(referrer.email), 0);
  });

  test('the same mailbox under another address is refused as self-referral', async () => {
    clock.set(START);
    const referrer = customer({ name: 'Nina Keller', email: `nina.${Date.now()}@example.ch` });
    await cardPaid(app, reiki, '2026-12-02T12:00:00.000Z', referrer);
    const code = await codeOf(referrer.email);
    const alias = referrer.email.replace('@', '+friends@');
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: customer({ email: alias }), sessions: { mode: 'explicit', starts: ['2026-12-09T12:00:00.000Z'] } });
    const res = await checkoutReq(app, b, { method: 'card', coupon: code }, await proveIdentity(app, db.db, alias));
    assert.equal(res.status, 422);
    assert.equal((await problemOf(res)).code, 'referral_self');
  });

  test('the studio sets a coupon reward: the referrer gets a single-use coupon of their own, once, its code in their mail; nobody else redeems it', async () => {
    clock.set(START);
    const put = (body: unknown) => app.request('/v1/admin/referrals/reward', { method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body) });
    const fields = async (res: Response) => { assert.equal(res.status, 400); return (await problemOf(res)).errors?.map((e) => e.field); };
    assert.deepEqual(await fields(await put({ kind: 'coupon', valid_days: 30 })), ['percent_bp']);
    assert.deepEqual(await fields(await put({ kind: 'coupon', amount_off: 2000, valid_days: 30 })), ['currency']);
    assert.deepEqual(await fields(await put({ kind: 'coupon', percent_bp: 0, valid_days: 400 })), ['percent_bp', 'valid_days']);
    assert.deepEqual(await fields(await put({ kind: 'credits', credits: 0 })), ['credits']);
    const fixed = await put({ kind: 'coupon', amount_off: 2000, currency: 'CHF', valid_days: 30 });
    assert.equal(fixed.status, 200, await fixed.clone().text());
    assert.deepEqual(await fixed.json(), { kind: 'coupon', amount_off: 2000, currency: 'CHF', valid_days: 30 });
    assert.equal((await put({ kind: 'coupon', percent_bp: 2000, valid_days: 60 })).status, 200);
    assert.deepEqual(await (await app.request('/v1/admin/referrals/reward', { headers: skFlow })).json(), { kind: 'coupon', percent_bp: 2000, valid_days: 60 });

    const referrer = customer({ name: 'Sofia Conti', locale: 'it' });
    await cardPaid(app, reiki, '2026-12-02T13:30:00.000Z', referrer);
    const { email } = await referred(await codeOf(referrer.email), '2026-12-09T13:30:00.000Z');
    const [reward] = await rewardsOf(email);
    assert.deepEqual([reward!.status, reward!.credits, reward!.coupon], ['pending', 0, { percent_bp: 2000, valid_days: 60 }], 'the setting as it stood when earned');

    const due = new Date(String(reward!.due_at));
    // Two runners at once, then a retry: one coupon, one mail.
    const outcomes = await Promise.all([1, 2].map(() => settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), due)));
    assert.deepEqual(outcomes.sort(), ['granted', 'settled_already']);
    assert.equal(await settleReferralRewardNow(db.db, testConfig, FLOW.org, String(reward!.id), due), 'settled_already');
    const coupons = await query(db.db, sql`select k.* from coupons k where k.customer_id = ${await customerId(referrer.email)}`);
    assert.equal(coupons.length, 1, 'exactly one coupon');
    const coupon = coupons[0]!;
    assert.match(String(coupon.code), /^THANKS-[A-HJ-NP-Z2-9]{10}$/);
    assert.deepEqual([coupon.kind, coupon.percent_bp, coupon.max_redemptions, coupon.max_per_customer], ['percent', 2000, 1, 1]);
    assert.equal(new Date(String(coupon.valid_until)).getTime(), due.getTime() + 60 * 86_400_000);
    const [granted] = await rewardsOf(email);
    assert.deepEqual([granted!.status, granted!.coupon_id], ['granted', coupon.id]);
    assert.equal(await credits(referrer.email), 0, 'a coupon, not credits');
    const mails = await query(db.db, sql`select to_address, subject, text_body from mail_outbox where dedupe_key = ${`referral-reward:${reward!.id}`}`);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, referrer.email);
    assert.match(String(mails[0]!.subject), /^Grazie per aver consigliato /, 'in the referrer\'s language');
    assert.ok(String(mails[0]!.text_body).includes(`Il suo codice: ${String(coupon.code)}`), String(mails[0]!.text_body));
    assert.match(String(mails[0]!.text_body), /20 % di sconto/);

    // Someone else, even with a proven address, is refused; the referrer redeems it (from its grant on).
    clock.set(due.toISOString());
    const other = customer();
    const theirs = await reserve(app, { program: 'reiki', variant: reiki, customer: other, sessions: { mode: 'explicit', starts: ['2026-12-16T13:30:00.000Z'] } });
    const refused = await checkoutReq(app, theirs, { method: 'card', coupon: String(coupon.code) }, await proveIdentity(app, db.db, other.email as string));
    assert.equal(refused.status, 422);
    assert.equal((await problemOf(refused)).code, 'coupon_not_yours');
    const own = await reserve(app, { program: 'reiki', variant: reiki, customer: referrer, sessions: { mode: 'explicit', starts: ['2026-12-16T09:00:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, own, { method: 'card', coupon: String(coupon.code) }, await proveIdentity(app, db.db, referrer.email as string)));
    assert.deepEqual(out.order.discount, { code: String(coupon.code), source: 'coupon' });

    const listed = await (await app.request(`/v1/admin/referrals?referrer_id=${await customerId(referrer.email)}`, { headers: skFlow })).json() as { referrals: { rewards: { status: string; credits: number; coupon_code: string | null }[] }[] };
    assert.deepEqual(listed.referrals[0]!.rewards.map((w) => [w.status, w.credits, w.coupon_code]), [['granted', 0, String(coupon.code)]], 'the studio sees the coupon it granted');
    // The referrer's portal says what the code earns now (the coupon, not credits) and what it earned.
    const proof = await proveIdentity(app, db.db, referrer.email as string);
    const mine = await (await app.request('/v1/portal/referral', { headers: { Authorization: `Bearer ${proof['Tandem-Identity']}` } })).json() as { reward: unknown; reward_credits: number; rewards: { status: string; kind: string; credits: number }[] };
    assert.deepEqual(mine.reward, { kind: 'coupon', percent_bp: 2000, valid_days: 60 });
    assert.equal(mine.reward_credits, 0);
    assert.deepEqual(mine.rewards.map((r) => [r.status, r.kind, r.credits]), [['granted', 'coupon', 0]]);
    assert.equal((await put({ kind: 'credits', credits: 1 })).status, 200);
  });
});

/**
 * <tandem-portal> for a booking the studio made with a payment link, in Chromium against a fake
 * portal API (msw): the reserved booking says until when it is held and offers "pay now"; the
 * widget's checkout answers the test processor, whose button pays; the booking shows confirmed.
 * Opened from the mail's `?pay=1` (the `pay` attribute) it goes straight to the payment. Axe-clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const TOKEN = 'M'.repeat(43);
const reserved = {
  id: ID, status: 'reserved', program: { slug: 'reiki', title: 'Reiki 1:1' }, variant: { name: 'Single session' },
  instructor: { id: '33333333-3333-4333-8333-333333333333', name: 'Noemi Keller' },
  next_session: null, sessions_to_schedule: 0, sessions_count: 1, total_price: { amount: 14000, currency: 'CHF' },
  sessions: [{ id: '22222221-2222-4222-8222-222222222222', seq: 1, starts_at: '2030-03-06T07:00:00.000Z', ends_at: '2030-03-06T08:00:00.000Z', timezone: 'Europe/Zurich', state: 'scheduled', revision: 0, change_deadline: null, actions: { reschedule: false, cancel: false }, meeting_url: null }],
  milestones: [], money: null,
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
  actions: { schedule_sessions: false, reschedule_series: false, cancel: false, message: false, update_card: false, pay_balance: false, pay_balance_once: false, pay_now: true },
  pay_until: '2030-03-03T08:00:00.000Z',
};
const confirmed = {
  ...reserved, status: 'confirmed', pay_until: undefined,
  actions: { ...reserved.actions, pay_now: undefined, cancel: true, message: true },
  money: {
    order_id: '55555555-5555-4555-8555-555555555555', status: 'paid', total: { amount: 14000, currency: 'CHF' }, paid: { amount: 14000, currency: 'CHF' },
    refunded: { amount: 0, currency: 'CHF' }, balance_due: { amount: 0, currency: 'CHF' }, payments: [], plan: null, invoices: [], credit_notes: [], bank_refunds: [],
  },
};

const posts: { path: string; body: unknown; key: string | null; auth: string | null }[] = [];
function api(paid: { done: boolean }) {
  const record = async (request: Request) => posts.push({ path: new URL(request.url).pathname, body: await request.clone().json().catch(() => null), key: request.headers.get('Idempotency-Key'), auth: request.headers.get('Authorization') });
  return [
    http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [paid.done ? confirmed : reserved] })),
    http.get(`*/v1/portal/bookings/${ID}`, () => HttpResponse.json(paid.done ? confirmed : reserved)),
    http.get(`*/v1/portal/bookings/${ID}/messages`, () => HttpResponse.json({ messages: [] })),
    http.post(`*/v1/portal/bookings/${ID}/payment-link/checkout`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ payment: { provider: 'test', client_secret: 'test_pi_1_secret', publishable_key: null, stripe_account: null, test_mode: true }, amount: { amount: 14000, currency: 'CHF' } });
    }),
    http.post(`*/v1/portal/bookings/${ID}/payment-link/test-payment`, async ({ request }) => {
      await record(request);
      paid.done = true;
      return HttpResponse.json(confirmed);
    }),
  ];
}

const root = (el: TandemPortal) => el.shadowRoot!;
const buttons = (el: TandemPortal, name: RegExp) => [...root(el).querySelectorAll('button')].filter((b) => name.test(b.textContent!.trim()));

describe('<tandem-portal> pay now (a payment link)', () => {
  before(async () => { await startMocks(); });
  after(() => worker.stop());

  it('a reserved booking made for the customer: held until, "pay now", the test processor pays, confirmed (German)', async () => {
    posts.length = 0;
    worker.resetHandlers(...api({ done: false }));
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} booking=${ID} lang="de"></tandem-portal>`);
    await waitFor(() => root(el).querySelector('h2')?.textContent === 'Reiki 1:1', 'the booking');
    const payNow = await waitFor(() => buttons(el, /^Jetzt .*140.* bezahlen$/)[0], `the pay-now button in: ${root(el).textContent!.replace(/\s+/g, ' ').slice(0, 400)}`);
    const text = root(el).textContent!.replace(/\s+/g, ' ');
    expect(text).to.match(/Für Sie reserviert bis .*2030.*: Bezahlen Sie .*140.*, um die Buchung zu bestätigen\./);
    await expect(el).to.be.accessible();
    payNow.click();
    await waitFor(() => [...root(el).querySelectorAll('.hint')].some((h) => h.textContent === 'Testmodus: Es wird keine echte Karte belastet.'), 'the test processor');
    expect(posts.map((p) => [p.path, p.body])).to.deep.equal([[`/v1/portal/bookings/${ID}/payment-link/checkout`, { method: 'card' }]]);
    await expect(el).to.be.accessible();
    buttons(el, /^Jetzt .*140.* bezahlen$/)[0]!.click();
    await waitFor(() => root(el).querySelector('.live')?.textContent === 'Bezahlt: Ihre Buchung ist bestätigt.', 'the confirmation');
    expect(posts.map((p) => p.path)).to.deep.equal([`/v1/portal/bookings/${ID}/payment-link/checkout`, `/v1/portal/bookings/${ID}/payment-link/test-payment`]);
    expect(posts.every((p) => p.auth === `Bearer ${TOKEN}` && /^[0-9a-f-]{36}$/.test(p.key ?? ''))).to.equal(true);
    expect(buttons(el, /bezahlen/)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('opened from the mail (`pay`): straight to the payment', async () => {
    posts.length = 0;
    worker.resetHandlers(...api({ done: false }));
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} booking=${ID} lang="en" pay></tandem-portal>`);
    await waitFor(() => [...root(el).querySelectorAll('.hint')].some((h) => h.textContent === 'Test mode: no real card is charged.'), 'the payment, opened');
    expect(posts.map((p) => p.path)).to.deep.equal([`/v1/portal/bookings/${ID}/payment-link/checkout`]);
    await expect(el).to.be.accessible();
  });
});

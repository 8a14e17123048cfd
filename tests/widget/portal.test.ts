/**
 * <tandem-portal> in Chromium against a fake portal API (msw): the booking view in German with its
 * sessions, milestones and documents; cancelling by the quote shown line by line; signing in with an
 * e-mail code where a studio embeds it with its key; the plan (update card on the test processor, and
 * with Stripe's Payment Element in setup mode against a stand-in Stripe.js: confirmSetup, a decline;
 * pay the open balance to the saved card, or once by card in the Payment Element: confirmPayment); a session's calendar file; booking all remaining sessions from one first
 * date with the booking widget's own time step. Each view is axe-clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { seriesFor, slotsFor, startMocks, worker } from './helpers/mock-api.ts';
import { calendar, pickFirstSlot, waitFor, waitSlots } from './helpers/dom.ts';
import { evolve, programs } from './helpers/fixtures.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const TOKEN = 'M'.repeat(43);
const zone = 'Europe/Zurich';
const session = (seq: number, starts: string | null, state: string, actions = { reschedule: false, cancel: false }) => ({
  id: `2222222${seq}-2222-4222-8222-222222222222`, seq, starts_at: starts, ends_at: starts ? new Date(Date.parse(starts) + 3_600_000).toISOString() : null,
  timezone: zone, state, revision: 0, change_deadline: starts ? new Date(Date.parse(starts) - 86_400_000).toISOString() : null, actions,
});
const detail = {
  id: ID, status: 'confirmed', program: { slug: 'split', title: 'SPLIT' }, variant: { name: '6 weekly sessions' },
  instructor: { id: '33333333-3333-4333-8333-333333333333', name: 'Luca Brunner' },
  next_session: null, sessions_to_schedule: 1, sessions_count: 2, total_price: { amount: 18000, currency: 'CHF' },
  sessions: [{ ...session(1, '2030-03-06T07:00:00.000Z', 'scheduled', { reschedule: true, cancel: true }), meeting_url: 'https://meet.example/split-1' }, session(2, null, 'to_schedule')],
  milestones: [{ id: '44444444-4444-4444-8444-444444444444', order: 0, name: 'Baseline measured', description_html: '<p>Front and side splits.</p>', due_at: '2030-03-06T07:00:00.000Z', completed_at: null, notes_html: null }],
  money: {
    order_id: '55555555-5555-4555-8555-555555555555', status: 'paid', total: { amount: 18000, currency: 'CHF' }, paid: { amount: 18000, currency: 'CHF' },
    refunded: { amount: 0, currency: 'CHF' }, balance_due: { amount: 0, currency: 'CHF' }, payments: [], plan: null,
    invoices: [{ id: '66666666-6666-4666-8666-666666666666', number: 'FLOW-2030-0001', issued_at: '2030-03-01T08:00:00.000Z', total: { amount: 18000, currency: 'CHF' }, pdf_url: '/v1/portal/invoices/x.pdf' }],
    credit_notes: [],
    bank_refunds: [],
  },
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
  actions: { schedule_sessions: true, reschedule_series: true, cancel: true, message: true },
};
const quote = {
  booking_id: ID, scope: 'booking', session_id: null, action: 'cancel_booking', fault: 'policy', by: 'customer', method: 'money', currency: 'CHF',
  total: 18000, paid: 18000, refund: 18000, fee: 0, credits_back: 0, balance_due: 0,
  lines: [{ session_id: detail.sessions[0]!.id, seq: 1, starts_at: '2030-03-06T07:00:00.000Z', rule: 'cancelled_in_time', value: 9000, refund: 9000, fee: 0 },
    { session_id: detail.sessions[1]!.id, seq: 2, starts_at: null, rule: 'not_scheduled', value: 9000, refund: 9000, fee: 0 }],
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000, text: null }, quote_id: 'q'.repeat(40), expires_at: '2030-03-01T08:10:00.000Z',
};

const seen: { method: string; path: string; auth: string | null; body: unknown }[] = [];
function portalApi() {
  const record = async (request: Request) => {
    const body = request.method === 'POST' ? await request.clone().json().catch(() => null) : null;
    seen.push({ method: request.method, path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), body });
  };
  return [
    http.get('*/v1/portal/bookings', async ({ request }) => { await record(request); return HttpResponse.json({ bookings: [{ ...detail }] }); }),
    http.get(`*/v1/portal/bookings/${ID}`, async ({ request }) => { await record(request); return HttpResponse.json(detail); }),
    http.get(`*/v1/portal/bookings/${ID}/messages`, () => HttpResponse.json({ messages: [] })),
    http.get(`*/v1/portal/bookings/${ID}/artifacts`, () => HttpResponse.json({ artifacts: [], max_bytes: 20 * 1024 * 1024 })),
    http.get(`*/v1/portal/bookings/${ID}/cancellation`, async ({ request }) => { await record(request); return HttpResponse.json(quote); }),
    http.post(`*/v1/portal/bookings/${ID}/cancel`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ booking: { ...detail, status: 'cancelled', sessions: detail.sessions.map((s) => ({ ...s, state: 'cancelled', actions: { reschedule: false, cancel: false } })), actions: { schedule_sessions: false, reschedule_series: false, cancel: false, message: true } }, settlement: null });
    }),
    http.post('*/v1/embed/identity/code', () => HttpResponse.json({ status: 'sent_if_possible', expires_in_minutes: 10 }, { status: 202 })),
    http.post('*/v1/embed/identity/verify', () => HttpResponse.json({ identity_token: `it_${'i'.repeat(43)}`, expires_at: '2030-03-01T20:00:00.000Z' })),
  ];
}

/** EVOLVE with a deposit plan: session 1 scheduled, seven to schedule, CHF 780 still owed, a card on file. */
const planned = {
  ...detail,
  program: { slug: 'evolve', title: 'EVOLVE coaching' }, variant: { name: 'Deposit and installments' },
  instructor: { id: evolve.instructors[0]!.id, name: evolve.instructors[0]!.name },
  sessions_to_schedule: 7, sessions_count: 8,
  sessions: [session(1, '2030-03-06T07:00:00.000Z', 'scheduled', { reschedule: true, cancel: true }), ...[2, 3, 4, 5, 6, 7, 8].map((n) => session(n, null, 'to_schedule'))],
  money: {
    ...detail.money, status: 'partially_paid', total: { amount: 108000, currency: 'CHF' }, paid: { amount: 30000, currency: 'CHF' }, balance_due: { amount: 78000, currency: 'CHF' },
    plan: {
      installments: [1, 2, 3].map((seq) => ({ seq, due_at: `2030-0${2 + seq}-20T08:00:00.000Z`, amount: { amount: 26000, currency: 'CHF' }, status: seq === 1 ? 'failed' : 'scheduled' })),
      next_installment: { seq: 1, due_at: '2030-03-20T08:00:00.000Z', amount: { amount: 26000, currency: 'CHF' } }, card_saved: true,
    },
  },
  actions: { schedule_sessions: true, reschedule_series: true, cancel: true, message: false, update_card: true, pay_balance: true },
};

function planApi() {
  const record = async (request: Request) => {
    const body = request.method === 'POST' ? await request.clone().json().catch(() => null) : null;
    seen.push({ method: request.method, path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), body });
  };
  return [
    http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [planned] })),
    http.get(`*/v1/portal/bookings/${ID}`, async ({ request }) => { await record(request); return HttpResponse.json(planned); }),
    http.post(`*/v1/portal/bookings/${ID}/card`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ setup: { provider: 'test', client_secret: 'test_seti_1_secret_2', publishable_key: null, stripe_account: null, test_mode: true } });
    }),
    http.post(`*/v1/portal/bookings/${ID}/card/test-confirm`, async ({ request }) => { await record(request); return HttpResponse.json(planned); }),
    http.post(`*/v1/portal/bookings/${ID}/pay-balance`, async ({ request }) => {
      await record(request);
      const m = (amount: number) => ({ amount, currency: 'CHF' });
      return HttpResponse.json({ charge: { amount: m(78000), installments: [1, 2, 3].map((seq) => ({ seq, amount: m(26000) })), other: m(0), in_flight: m(0) }, booking: { ...planned, actions: { ...planned.actions, pay_balance: false } } }, { status: 202 });
    }),
    http.get(`*/v1/portal/bookings/${ID}/sessions/:sessionId/ics`, async ({ request }) => {
      await record(request);
      return new HttpResponse('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
    }),
    http.post(`*/v1/portal/bookings/${ID}/sessions`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...planned, sessions_to_schedule: 0 });
    }),
    // The booking widget's time step asks the embed API, with the studio's key.
    http.get('*/v1/embed/programs/:slug/slots/series', ({ request, params }) => {
      const q = new URL(request.url).searchParams;
      const series = seriesFor(programs[String(params.slug)]!, q.get('first_start')!, q.get('variant'), q.get('tz')!, q.get('starts'));
      seen.push({ method: 'GET', path: new URL(request.url).pathname, auth: null, body: { count: q.get('count') } });
      return HttpResponse.json({ ...series, sessions: series.sessions.slice(0, Number(q.get('count') ?? series.sessions.length)) });
    }),
    http.get('*/v1/embed/programs/:slug/slots', ({ request, params }) => {
      const q = new URL(request.url).searchParams;
      return HttpResponse.json(slotsFor(String(params.slug), q.get('from')!, q.get('to')!, q.get('tz')!, q.get('instructor') ?? undefined));
    }),
    http.get('*/v1/embed/programs/:slug', ({ params }) => HttpResponse.json(programs[String(params.slug)]!)),
  ];
}

const root = (el: TandemPortal) => el.shadowRoot!;
const button = (el: TandemPortal, name: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

describe('<tandem-portal>', () => {
  before(async () => { await startMocks(); });
  beforeEach(() => { seen.length = 0; worker.resetHandlers(...portalApi()); });
  after(() => worker.stop());

  it('shows the booking in German: sessions with their state and deadline, milestones, the invoice; axe-clean', async () => {
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
    await waitFor(() => root(el).querySelector('h2')?.textContent === 'SPLIT', 'the booking heading');
    const text = root(el).textContent!.replace(/\s+/g, ' ');
    expect(text).to.include('Termin 1 · Geplant');
    expect(text).to.include('Termin 2 · Noch zu planen');
    expect(text).to.include('Kostenlos verschieben oder absagen bis');
    const join = root(el).querySelector<HTMLAnchorElement>('a[aria-label="Online teilnehmen: Termin 1"]')!;
    expect(join.href, 'the session\'s own meeting address').to.equal('https://meet.example/split-1');
    expect(join.rel).to.equal('noopener noreferrer');
    expect(root(el).querySelectorAll('a[aria-label^="Online teilnehmen"]')).to.have.length(1);
    expect(text).to.include('Baseline measured');
    expect(text).to.include('Rechnung FLOW-2030-0001');
    expect(button(el, 'Nächsten Termin buchen')).to.exist;
    expect(seen.every((c) => c.auth === `Bearer ${TOKEN}`)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('cancels by the quote shown line by line, sending its quote_id', async () => {
    const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
    (await waitFor(() => button(el, 'Buchung stornieren'), 'the cancel button')).click();
    const table = await waitFor(() => root(el).querySelector('section.quote table'), 'the quote');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' '));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.include('rechtzeitig: kostenlos');
    expect(rows[1]).to.include('nicht geplant');
    await expect(el).to.be.accessible();
    button(el, 'Absage bestätigen')!.click();
    await waitFor(() => root(el).textContent!.includes('Erledigt.'), 'the confirmation');
    const cancel = seen.find((c) => c.method === 'POST' && c.path.endsWith('/cancel'));
    expect(cancel?.body).to.deep.equal({ quote_id: quote.quote_id });
    expect(root(el).textContent).to.include('Termin 1 · Abgesagt');
  });

  it('embedded with a key and no token: signs in with an e-mail code, then lists the bookings with the identity token', async () => {
    const el = await fixture<TandemPortal>(html`<tandem-portal key="pk_test_flow" lang="en"></tandem-portal>`);
    const email = await waitFor(() => root(el).querySelector<HTMLInputElement>('#email'), 'the e-mail field');
    await expect(el).to.be.accessible();
    email.value = 'ana@example.ch';
    button(el, 'Send me a code')!.click();
    const code = await waitFor(() => root(el).querySelector<HTMLInputElement>('#code'), 'the code field');
    code.value = '123456';
    button(el, 'Sign in')!.click();
    await waitFor(() => root(el).querySelector('h2')?.textContent === 'SPLIT', 'the booking');
    expect(seen.filter((c) => c.path === '/v1/portal/bookings').map((c) => c.auth)).to.include(`Bearer it_${'i'.repeat(43)}`);
  });

  describe('the plan, calendar files and the series picker', () => {
    beforeEach(() => { worker.resetHandlers(...planApi()); });

    it('update card on the test processor, then pay the open balance; axe-clean', async () => {
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
      (await waitFor(() => button(el, 'Karte ändern'), 'the update card button')).click();
      const save = await waitFor(() => button(el, 'Karte speichern'), 'the test card button');
      expect(root(el).textContent).to.include('Testmodus');
      await expect(el).to.be.accessible();
      save.click();
      await waitFor(() => root(el).querySelector('.live')?.textContent === 'Karte gespeichert.', 'the card saved');
      expect(seen.map((c) => `${c.method} ${c.path}`)).to.include.members([`POST /v1/portal/bookings/${ID}/card`, `POST /v1/portal/bookings/${ID}/card/test-confirm`]);
      const payButton = () => [...root(el).querySelectorAll('button')].find((b) => /^Offenen Betrag bezahlen \(.*780.*\)$/.test(b.textContent!.trim()));
      (await waitFor(payButton, 'the pay button')).click();
      await waitFor(() => /^Zahlung von .*780.* ausgelöst/.test(root(el).querySelector('.live')?.textContent ?? ''), 'the payment started');
      expect(seen.filter((c) => c.path.endsWith('/pay-balance'))).to.have.length(1);
      expect(payButton()).to.equal(undefined);
      expect(seen.every((c) => c.auth === `Bearer ${TOKEN}`)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    /** A stand-in Stripe.js from js.stripe.com that records what the portal asked of it; `window.__stripeSetupError` makes confirmSetup answer a decline. */
    function useFakeStripe(): void {
      const fake = `window.Stripe = function (key, opts) {
        window.__stripe = { key, opts, elements: null, confirmed: [] };
        return {
          _registerWrapper() {},
          elements(o) { window.__stripe.elements = o; return { create(kind) { return { mount(el) { const d = document.createElement('div'); d.className = 'fake-pe'; d.textContent = 'FAKE ' + kind; el.appendChild(d); } }; } }; },
          confirmSetup(o) {
            window.__stripe.confirmed.push({ call: 'confirmSetup', redirect: o.redirect, hasElements: !!o.elements });
            return Promise.resolve(window.__stripeSetupError ? { error: { type: 'card_error', message: window.__stripeSetupError } } : { setupIntent: { id: 'seti_fake', status: 'succeeded' } });
          },
          confirmPayment(o) {
            window.__stripe.confirmed.push({ call: 'confirmPayment', redirect: o.redirect, hasElements: !!o.elements });
            return Promise.resolve({ paymentIntent: { status: 'succeeded' } });
          },
        };
      }; window.Stripe.version = 'endive';`;
      worker.use(
        http.get('https://js.stripe.com/*', () => new HttpResponse(fake, { headers: { 'Content-Type': 'text/javascript' } })),
        http.post(`*/v1/portal/bookings/${ID}/card`, async ({ request }) => {
          seen.push({ method: 'POST', path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), body: null });
          return HttpResponse.json({ setup: { provider: 'stripe', client_secret: 'seti_777_secret_888', publishable_key: 'pk_test_stripe', stripe_account: 'acct_flow', test_mode: true } });
        }),
      );
    }
    type FakeStripe = { key: string; opts: { stripeAccount?: string; locale?: string }; elements: { clientSecret: string; locale: string }; confirmed: { call: string; redirect: string; hasElements: boolean }[] };
    const fakeStripe = () => (window as unknown as { __stripe: FakeStripe }).__stripe;

    it('update card with Stripe: the Payment Element in setup mode on the studio\'s account, confirmSetup in the page, then the booking read again', async () => {
      useFakeStripe();
      (window as unknown as { __stripeSetupError?: string }).__stripeSetupError = undefined;
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
      (await waitFor(() => button(el, 'Karte ändern'), 'the update card button')).click();
      const stripeEl = await waitFor(() => root(el).querySelector('tandem-stripe-payment'), 'the Payment Element');
      await waitFor(() => stripeEl.shadowRoot?.querySelector('.fake-pe'), 'the Payment Element mounted');
      expect(fakeStripe().key).to.equal('pk_test_stripe');
      expect(fakeStripe().opts).to.include({ stripeAccount: 'acct_flow', locale: 'de' });
      expect(fakeStripe().elements).to.include({ clientSecret: 'seti_777_secret_888', locale: 'de' });
      expect(stripeEl.shadowRoot!.querySelector('.fake-pe')!.textContent).to.equal('FAKE payment');
      await expect(el).to.be.accessible();
      const reads = seen.filter((c) => c.method === 'GET' && c.path === `/v1/portal/bookings/${ID}`).length;
      const save = await waitFor(() => [...stripeEl.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Karte speichern'), 'the save button');
      save.click();
      await waitFor(() => root(el).querySelector('.live')?.textContent === 'Karte gespeichert.', 'the card saved');
      expect(fakeStripe().confirmed).to.deep.equal([{ call: 'confirmSetup', redirect: 'if_required', hasElements: true }]);
      // Nothing told the server the card is saved: Stripe's webhook does; the portal reads the booking again.
      expect(seen.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal([`/v1/portal/bookings/${ID}/card`]);
      await waitFor(() => seen.filter((c) => c.method === 'GET' && c.path === `/v1/portal/bookings/${ID}`).length > reads, 'the booking read again');
      expect(root(el).querySelector('tandem-stripe-payment')).to.equal(null);
    });

    it('update card with Stripe: a declined card is said in the Payment Element and the form stays to try again', async () => {
      useFakeStripe();
      (window as unknown as { __stripeSetupError?: string }).__stripeSetupError = 'Ihre Karte wurde abgelehnt.';
      try {
        const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
        (await waitFor(() => button(el, 'Karte ändern'), 'the update card button')).click();
        const stripeEl = await waitFor(() => root(el).querySelector('tandem-stripe-payment'), 'the Payment Element');
        const save = await waitFor(() => [...stripeEl.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Karte speichern'), 'the save button');
        const before = fakeStripe().confirmed.length;
        save.click();
        const alert = await waitFor(() => stripeEl.shadowRoot!.querySelector('[role="alert"]'), 'the decline');
        expect(alert.textContent!.trim()).to.equal('Ihre Karte wurde abgelehnt.');
        expect(fakeStripe().confirmed.slice(before).map((c) => c.call)).to.deep.equal(['confirmSetup']);
        expect(root(el).querySelector('.live')?.textContent ?? '').to.not.equal('Karte gespeichert.');
        expect(root(el).querySelector('tandem-stripe-payment')).to.equal(stripeEl);
        expect([...stripeEl.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Karte speichern')!.hasAttribute('disabled')).to.equal(false);
      } finally {
        (window as unknown as { __stripeSetupError?: string }).__stripeSetupError = undefined;
      }
    });

    it('pay now by card: a one-off payment of the open balance in the Payment Element, confirmPayment in the page; the webhook records it', async () => {
      useFakeStripe();
      worker.use(
        http.get(`*/v1/portal/bookings/${ID}`, async ({ request }) => {
          seen.push({ method: 'GET', path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), body: null });
          return HttpResponse.json({ ...planned, actions: { ...planned.actions, pay_balance_once: true } });
        }),
        http.post(`*/v1/portal/bookings/${ID}/pay-balance/payment`, async ({ request }) => {
          seen.push({ method: 'POST', path: new URL(request.url).pathname, auth: request.headers.get('Authorization'), body: null });
          const m = (amount: number) => ({ amount, currency: 'CHF' });
          return HttpResponse.json({
            payment: { provider: 'stripe', client_secret: 'pi_555_secret_666', publishable_key: 'pk_test_stripe', stripe_account: 'acct_flow', test_mode: true },
            charge: { amount: m(78000), installments: [1, 2, 3].map((seq) => ({ seq, amount: m(26000) })), other: m(0), in_flight: m(0) },
          });
        }),
      );
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="de"></tandem-portal>`);
      const payOnce = () => [...root(el).querySelectorAll('button')].find((b) => /^Jetzt .*780.* mit Karte bezahlen$/.test(b.textContent!.trim()));
      (await waitFor(payOnce, 'the pay-by-card button')).click();
      const stripeEl = await waitFor(() => root(el).querySelector('tandem-stripe-payment'), 'the Payment Element');
      await waitFor(() => stripeEl.shadowRoot?.querySelector('.fake-pe'), 'the Payment Element mounted');
      expect(fakeStripe().opts).to.include({ stripeAccount: 'acct_flow', locale: 'de' });
      expect(fakeStripe().elements).to.include({ clientSecret: 'pi_555_secret_666', locale: 'de' });
      expect(payOnce()).to.equal(undefined, 'the button gives way to the form');
      await expect(el).to.be.accessible();
      const before = fakeStripe().confirmed.length;
      const reads = seen.filter((c) => c.method === 'GET' && c.path === `/v1/portal/bookings/${ID}`).length;
      const submit = await waitFor(() => [...stripeEl.shadowRoot!.querySelectorAll('button')].find((b) => /^Jetzt .*780.* mit Karte bezahlen$/.test(b.textContent!.trim())), 'the pay button');
      submit.click();
      await waitFor(() => root(el).querySelector('.live')?.textContent === 'Danke: Ihre Zahlung wird bestätigt und erscheint gleich hier.', 'the thanks');
      expect(fakeStripe().confirmed.slice(before)).to.deep.equal([{ call: 'confirmPayment', redirect: 'if_required', hasElements: true }]);
      // The browser's word records nothing: the only POST asked for the intent; the booking is read again.
      expect(seen.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal([`/v1/portal/bookings/${ID}/pay-balance/payment`]);
      await waitFor(() => seen.filter((c) => c.method === 'GET' && c.path === `/v1/portal/bookings/${ID}`).length > reads, 'the booking read again');
      expect(root(el).querySelector('tandem-stripe-payment')).to.equal(null);
    });

    it('a scheduled session\'s calendar file is fetched with the bearer', async () => {
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="en"></tandem-portal>`);
      (await waitFor(() => button(el, 'Add to calendar'), 'the calendar button')).click();
      const got = await waitFor(() => seen.find((c) => c.path.endsWith('/ics')), 'the .ics request');
      expect(got.path).to.equal(`/v1/portal/bookings/${ID}/sessions/${planned.sessions[0]!.id}/ics`);
      expect(got.auth).to.equal(`Bearer ${TOKEN}`);
    });

    it('books all remaining sessions from one first date: the widget\'s time step at the cadence, then one POST with every start', async () => {
      const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} key="pk_test_flow" lang="en"></tandem-portal>`);
      (await waitFor(() => button(el, 'Book all remaining sessions'), 'the series button')).click();
      const picker = await waitFor(() => root(el).querySelector('tandem-portal-time'), 'the time picker');
      const step = await waitSlots(await waitFor(() => picker.shadowRoot?.querySelector('tandem-time-step')?.shadowRoot, 'the time step'));
      expect(calendar(step).querySelector('.day.free')).to.exist;
      await pickFirstSlot(step);
      // The series check asks for the seven remaining sessions only.
      await waitFor(() => seen.find((c) => c.path.endsWith('/slots/series')), 'the series check');
      expect(seen.filter((c) => c.path.endsWith('/slots/series')).map((c) => (c.body as { count: string }).count)).to.include('7');
      // The resulting dates: seven, a week apart.
      await waitFor(() => step.querySelectorAll('ol.sessions li').length === 7, 'seven dates');
      await expect(el).to.be.accessible();
      const next = [...step.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Continue')!;
      next.click();
      const posted = await waitFor(() => seen.find((c) => c.method === 'POST' && c.path.endsWith('/sessions')), 'the POST');
      const starts = (posted.body as { starts: string[] }).starts;
      expect(starts).to.have.length(7);
      for (let i = 1; i < starts.length; i++) expect(Math.round((Date.parse(starts[i]!) - Date.parse(starts[i - 1]!)) / 86_400_000)).to.be.within(6, 8);
      await waitFor(() => root(el).textContent!.includes('Booked.'), 'the confirmation');
    });
  });
});

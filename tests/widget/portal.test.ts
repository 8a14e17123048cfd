/**
 * <tandem-portal> in Chromium against a fake portal API (msw): the booking view in German with its
 * sessions, milestones and documents; cancelling by the quote shown line by line; signing in with an
 * e-mail code where a studio embeds it with its key. Each view is axe-clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
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
  sessions: [session(1, '2030-03-06T07:00:00.000Z', 'scheduled', { reschedule: true, cancel: true }), session(2, null, 'to_schedule')],
  milestones: [{ id: '44444444-4444-4444-8444-444444444444', order: 0, name: 'Baseline measured', description_html: '<p>Front and side splits.</p>', due_at: '2030-03-06T07:00:00.000Z', completed_at: null, notes_html: null }],
  money: {
    order_id: '55555555-5555-4555-8555-555555555555', status: 'paid', total: { amount: 18000, currency: 'CHF' }, paid: { amount: 18000, currency: 'CHF' },
    refunded: { amount: 0, currency: 'CHF' }, balance_due: { amount: 0, currency: 'CHF' }, payments: [], plan: null,
    invoices: [{ id: '66666666-6666-4666-8666-666666666666', number: 'FLOW-2030-0001', issued_at: '2030-03-01T08:00:00.000Z', total: { amount: 18000, currency: 'CHF' }, pdf_url: '/v1/portal/invoices/x.pdf' }],
    credit_notes: [],
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
    http.get(`*/v1/portal/bookings/${ID}/cancellation`, async ({ request }) => { await record(request); return HttpResponse.json(quote); }),
    http.post(`*/v1/portal/bookings/${ID}/cancel`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ booking: { ...detail, status: 'cancelled', sessions: detail.sessions.map((s) => ({ ...s, state: 'cancelled', actions: { reschedule: false, cancel: false } })), actions: { schedule_sessions: false, reschedule_series: false, cancel: false, message: true } }, settlement: null });
    }),
    http.post('*/v1/embed/identity/code', () => HttpResponse.json({ status: 'sent_if_possible', expires_in_minutes: 10 }, { status: 202 })),
    http.post('*/v1/embed/identity/verify', () => HttpResponse.json({ identity_token: `it_${'i'.repeat(43)}`, expires_at: '2030-03-01T20:00:00.000Z' })),
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
});

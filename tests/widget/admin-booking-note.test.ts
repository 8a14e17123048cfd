/**
 * The booking's private note in the booking record, in Chromium: shown as stored, written by
 * keyboard (Italian words), sent with PUT …/note; a refusal shows its field. axe-clean. The admin
 * API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

type Call = { method: string; path: string; search: string; body: Record<string, unknown> | undefined };

const session = (role: string) => ({ status: 'signed_in', staff: { id: 's1', name: 'Sandra', email: 'sandra@studioflow.example', role, timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' });
const row = { id: 'b1', status: 'confirmed', booking_status: 'confirmed', program: { id: 'p1', slug: 'split', title: 'SPLIT' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
  instructor: { id: 'i1', name: 'Luca Brunner' }, next_session: null, sessions_count: 2, total_price: { amount: 18000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
const order = { id: 'o1', status: 'paid', currency: 'CHF', subtotal: 18000, discount_total: 0, discount: null, vat_total: 0, rounding_adjustment: 0, total: 18000, amount_paid: 18000, amount_due: 0,
  lines: [], booking_id: 'b1', customer: null, created_at: '2026-12-01T08:00:00.000Z', payments: [{ id: 'pay1', amount: 18000, currency: 'CHF', method: 'card', status: 'succeeded' }],
  installments: [], refunds: [] as unknown[], invoices: [], credit_notes: [], refunded: 0, refunds_pending: 0, credited: 0, balance_due: 0 };
const sessions = [
  { id: 'se1', seq: 1, starts_at: '2026-12-08T06:00:00.000Z', ends_at: '2026-12-08T07:00:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: null },
  { id: 'se2', seq: 2, starts_at: '2026-12-15T06:00:00.000Z', ends_at: '2026-12-15T07:00:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: null },
];
const detail = () => ({ ...row, variant: { id: 'v1', name: 'Two' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: null, cancelled_at: null, cancellation_reason: null, notes_private_md: 'Prefers mornings', intake: { answers: [], health_withheld: false }, sessions, sessions_to_schedule: 0, order, progress: [], events: [] });

function stubApi(role = 'owner'): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname, search: url.search, body });
    const json = (status: number, value: unknown, type = 'application/json') => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, session(role));
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [row], counts: { reserved: 0, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail());
    if (key === 'GET /v1/admin/bookings/b1/artifacts') return json(200, { artifacts: [], max_bytes: 1 });
    if (key === 'GET /v1/admin/bookings/b1/messages') return json(200, { messages: [] });
    if (key === 'GET /v1/admin/bookings/b1/refunds/quote') {
      const q = url.searchParams;
      if (q.get('mode') === 'partial' && Number(q.get('amount')) > 18000) {
        return json(422, { code: 'refund_exceeds_refundable', title: 'More than was paid and not yet refunded', detail: '18000 CHF can still be refunded.',
          errors: [{ field: 'amount', message: 'darf höchstens 18000 sein, was bezahlt und noch nicht erstattet ist' }] }, 'application/problem+json');
      }
      const ids = (q.get('session_ids') ?? '').split(',').filter(Boolean);
      const lines = sessions.filter((s) => ids.includes(s.id)).map((s) => ({ session_id: s.id, seq: s.seq, starts_at: s.starts_at, value: 9000, refunded_before: 0, refund: 9000 }));
      return json(200, { booking_id: 'b1', mode: q.get('mode'), currency: 'CHF', paid: 18000, refunded: 0, refundable: 18000, amount: lines.reduce((a, l) => a + l.refund, 0) || 18000, lines, quote_id: 'quote-1', expires_at: '2026-12-05T08:10:00.000Z' });
    }
    if (key === 'PUT /v1/admin/bookings/b1/note') {
      if (String(body?.notes_md ?? '').length > 20) return json(400, { code: 'validation_failed', title: 'The request is not valid', errors: [{ field: 'notes_md', message: 'is too long (5,000 characters at most)' }] }, 'application/problem+json');
      return json(200, { booking_id: 'b1', notes_private_md: body!.notes_md });
    }
    if (key === 'POST /v1/admin/bookings/b1/refunds') {
      order.refunds = [{ id: 'r1', kind: 'provider', status: 'pending', amount: 9000, credits: 0, currency: 'CHF', payment_id: 'pay1', booking_id: 'b1', reason: `staff refund: ${String(body!.reason)}`, transfer_reference: null, completed_at: null, created_at: '2026-12-05T08:00:00.000Z' }];
      return json(201, { booking_id: 'b1', mode: body!.mode, amount: 9000, currency: 'CHF', reason: body!.reason, lines: [], refunds: [{ id: 'r1', amount: 9000, status: 'pending', provider: 'test' }], credit_note: null, refundable: 9000 });
    }
    return json(404, { code: 'not_found', title: 'Not found' }, 'application/problem+json');
  };
  return calls;
}

const root = (el: TandemAdmin) => el.shadowRoot!;
const refundEl = (el: TandemAdmin) => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot?.querySelector('tandem-admin-refund') ?? null;
const button = (r: ParentNode | null, text: string) => [...(r?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(text));

async function openBooking(lang: string, role = 'owner') {
  const calls = stubApi(role);
  const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
  await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
  button(root(el), 'Lea Brunner')!.click();
  await waitFor(() => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot?.querySelector('section[aria-labelledby="record-money"]'), 'the record');
  return { el, calls };
}

describe('<tandem-admin> the booking\'s private note', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('shows the note, saves a new one by keyboard (Italian), and shows a refusal with its field', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('it');
    const r = root(el).querySelector('tandem-admin-booking-record')!.shadowRoot!;
    const text = await waitFor(() => r.querySelector<HTMLTextAreaElement>('#note-booking'), 'the note');
    expect(text.value).to.equal('Prefers mornings');
    expect(r.querySelector('label[for="note-booking"]')!.textContent).to.contain('Nota sulla prenotazione');
    text.value = '';
    text.focus();
    await sendKeys({ type: 'Cash only' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelector('section[aria-labelledby="record-notes"] [role="status"] .notice'), 'the notice');
    expect(calls.filter((c) => c.method === 'PUT' && c.path === '/v1/admin/bookings/b1/note').at(-1)!.body).to.deep.equal({ notes_md: 'Cash only' });
    expect(r.querySelector('section[aria-labelledby="record-notes"] [role="status"]')!.textContent).to.contain('Nota salvata.');
    text.value = 'A note far too long for the stub';
    text.form!.requestSubmit();
    await waitFor(() => r.querySelector('section[aria-labelledby="record-notes"] [role="alert"] .error'), 'the refusal');
    expect(r.querySelector('section[aria-labelledby="record-notes"] [role="alert"]')!.textContent).to.contain('notes_md: is too long');
    await expectAccessible(el);
  });
});

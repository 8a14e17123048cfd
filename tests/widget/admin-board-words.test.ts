/**
 * The console at 1,200 px, in Chromium: the pipeline's seven columns are all within the page (each
 * column's right edge inside the board's own box, the board inside the window: nothing cut off);
 * the booking view says payment methods, payment statuses and the history in words (German and
 * Italian), not codes, and the wizard's heading says the program's status in words. axe-clean. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import type { TandemAdminWizard } from '../../widget/elements/tandem-admin/wizard/program-wizard.ts';
import type { AdminProgramOut } from '../../schema/api/admin-programs.ts';

const session = { status: 'signed_in', staff: { id: 's1', name: 'Sandra', email: 'sandra@studioflow.example', role: 'owner', timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' };
const row = (id: string, status: string, name: string) => ({ id, status, booking_status: status === 'payment_overdue' ? 'confirmed' : status, program: { id: 'p1', slug: 'evolve', title: 'EVOLVE Career Coaching' },
  customer: { id: `c${id}`, name, email: `${id}@example.ch` }, instructor: { id: 'i1', name: 'Mara Keller' }, next_session: { starts_at: '2026-12-09T09:00:00.000Z', timezone: 'Europe/Zurich' },
  sessions_count: 1, total_price: { amount: 24000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' });
const statuses = ['reserved', 'confirmed', 'in_progress', 'awaiting_attendance', 'payment_overdue', 'completed', 'cancelled'];
const rows = statuses.map((s, i) => row(`b${i}`, s, `Customer with a long name ${i}`));
const order = { id: 'o1', status: 'paid', currency: 'CHF', subtotal: 24000, discount_total: 0, discount: null, vat_total: 0, rounding_adjustment: 0, total: 24000, amount_paid: 24000, amount_due: 0,
  lines: [], booking_id: 'b1', customer: null, created_at: '2026-12-01T08:00:00.000Z',
  payments: [{ id: 'pay1', amount: 14000, currency: 'CHF', method: 'card', status: 'succeeded' }, { id: 'pay2', amount: 10000, currency: 'CHF', method: 'qr_bill', status: 'pending' }],
  installments: [], refunds: [], invoices: [], credit_notes: [], refunded: 0, refunds_pending: 0, credited: 0, balance_due: 0 };
const detail = { ...rows[1], variant: { id: 'v1', name: 'One' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: null, cancelled_at: null, cancellation_reason: null, intake: { answers: [], health_withheld: false }, sessions: [], sessions_to_schedule: 0, order, progress: [],
  events: [{ at: '2026-12-01T08:00:00.000Z', type: 'booking.reserved', actor_role: 'anonymous' }, { at: '2026-12-01T08:05:00.000Z', type: 'payment.succeeded', actor_role: 'system' },
    { at: '2026-12-02T08:05:00.000Z', type: 'session.checked_in', actor_role: 'instructor' }] };

function stubApi(): void {
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, session);
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: rows, counts: Object.fromEntries(statuses.map((s) => [s, 1])), next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail);
    if (key === 'GET /v1/admin/bookings/b1/artifacts') return json(200, { artifacts: [], max_bytes: 1 });
    if (key === 'GET /v1/admin/bookings/b1/messages') return json(200, { messages: [] });
    return json(404, { code: 'not_found', title: 'Not found' });
  };
}

const root = (el: TandemAdmin) => el.shadowRoot!;

describe('<tandem-admin> at 1,200 px and in words', () => {
  const realFetch = window.fetch;
  before(async () => { await setViewport({ width: 1200, height: 900 }); });
  afterEach(() => { window.fetch = realFetch; });

  it('the pipeline\'s columns all fit at 1,200 px: none is cut off', async function () {
    this.timeout(30_000);
    stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    const board = await waitFor(() => root(el).querySelector<HTMLElement>('.board'), 'the board');
    const columns = [...board.querySelectorAll<HTMLElement>(':scope > section')];
    expect(columns).to.have.length(7);
    const box = board.getBoundingClientRect();
    expect(box.right).to.be.at.most(window.innerWidth, 'the board stays inside the window');
    expect(board.scrollWidth).to.be.at.most(board.clientWidth + 1, 'no column lies beyond the board');
    for (const c of columns) expect(c.getBoundingClientRect().right).to.be.at.most(box.right + 0.5, c.id || c.textContent!.slice(0, 20));
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth, 'the page itself does not scroll sideways');
    await expectAccessible(el);
  });

  it('payment methods, payment statuses and the history in German and Italian words', async function () {
    this.timeout(30_000);
    for (const [lang, payments, history] of [
      ['de', ['(Karte, bezahlt)', '(QR-Rechnung, ausstehend)'], ['Reserviert (Website-Besuch)', 'Zahlung eingegangen (Tandem)', 'Eingecheckt (Lehrperson)']],
      ['it', ['(carta, pagato)', '(QR-fattura, in attesa)'], ['Riservata (visita del sito)', 'Pagamento ricevuto (Tandem)', 'Presenza registrata (insegnante)']],
    ] as const) {
      stubApi();
      const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
      await waitFor(() => root(el).querySelector('.board'), 'the board');
      [...root(el).querySelectorAll<HTMLButtonElement>('.board button')].find((b) => b.textContent!.includes('Customer with a long name 1'))!.click();
      await waitFor(() => root(el).querySelector('tandem-admin-booking-record'), 'the booking');
      const text = root(el).textContent!.replace(/\s+/g, ' ');
      for (const p of payments) expect(text).to.contain(p);
      for (const h of history) expect(text).to.contain(h);
      expect(text).not.to.match(/qr_bill|succeeded|booking\.reserved|payment\.succeeded/);
      await expectAccessible(el);
    }
  });

  it('the wizard\'s heading says the program\'s status in words (German)', async function () {
    this.timeout(30_000);
    stubApi();
    const program = { id: 'pr1', slug: 'breath', title: 'Breathwork', status: 'draft', category: 'coaching', summary: '', long_description_md: '', description_html: '',
      translations: {}, tags: [], details: {}, delivery_mode: 'in_person', location_id: null, resource_id: null, meeting_url: null, session_length_min: 60, is_multi_session: false,
      default_sessions_count: 1, scheduling: { buffer_before_min: 0, buffer_after_min: 15 }, instructor_ids: [], variants: [], form: null, form_required: false, milestones: [],
      policies: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 }, visibility: 'public', private_link_token: null, missing: [], updated_at: '2026-12-01T08:00:00.000Z' } as unknown as AdminProgramOut;
    const el = await fixture<TandemAdminWizard>(html`<tandem-admin-wizard lang="de" .program=${program}></tandem-admin-wizard>`);
    const heading = await waitFor(() => el.shadowRoot!.querySelector('h2'), 'the heading');
    expect(heading.textContent!.replace(/\s+/g, ' ')).to.contain('(Status: Entwurf)');
    el.program = { ...program, status: 'published' } as AdminProgramOut;
    await el.updateComplete;
    expect(heading.textContent!.replace(/\s+/g, ' ')).to.contain('(Status: Veröffentlicht)');
  });
});

/**
 * Booking actions in the console, in Chromium: schedule the sessions still open, move one, shift the
 * series, record a transfer, cancel with the settlement quote shown line by line (its quote_id sent);
 * and booking for a customer (program, variant, times, intake, paid by transfer). axe-clean; English
 * and German. The admin API is a stub on window.fetch that records what the console sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import { button, json, openBooking as open, restoreFetchAfterEach, root, stubAdminApi, type Call } from './helpers/admin-console.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

const row = { id: 'b1', status: 'reserved', booking_status: 'reserved', program: { id: 'p1', slug: 'evolve', title: 'EVOLVE' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
  instructor: { id: 'i1', name: 'Mara Keller' }, next_session: null, sessions_count: 3, total_price: { amount: 24000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
const session1 = (id: string, seq: number, starts: string) => ({ id, seq, starts_at: starts, ends_at: starts.replace('T09', 'T10'), timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled' });
const order = { id: 'o1', status: 'pending', currency: 'CHF', subtotal: 24000, discount_total: 0, discount: null, vat_total: 0, rounding_adjustment: 0, total: 24000, amount_paid: 0, amount_due: 24000,
  lines: [], booking_id: 'b1', customer: null, created_at: '2026-12-01T08:00:00.000Z', payments: [], installments: [], refunds: [], invoices: [], credit_notes: [], refunded: 0, refunds_pending: 0, credited: 0, balance_due: 24000 };
const detail = { ...row, variant: { id: 'v1', name: 'Three' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: '2026-12-06T08:00:00.000Z', cancelled_at: null, cancellation_reason: null, intake: { answers: [], health_withheld: false },
  sessions: [session1('se1', 1, '2026-12-09T09:00:00.000Z'), session1('se2', 2, '2026-12-16T09:00:00.000Z'), { ...session1('se3', 3, ''), starts_at: null, ends_at: null }],
  sessions_to_schedule: 1, order, progress: [], events: [] };
const quote = { booking_id: 'b1', scope: 'booking', session_id: null, action: 'cancel_booking', fault: 'policy', by: 'staff', method: 'money', currency: 'CHF', total: 24000, paid: 24000,
  refund: 12000, fee: 4000, credits_back: 0, balance_due: 0, quote_id: 'quote-1234567890', expires_at: '2026-12-07T09:00:00Z',
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000, text: null },
  lines: [{ session_id: 'se1', seq: 1, starts_at: '2026-12-09T09:00:00.000Z', rule: 'late_cancellation', value: 8000, refund: 4000, fee: 4000 },
    { session_id: 'se2', seq: 2, starts_at: '2026-12-16T09:00:00.000Z', rule: 'cancelled_in_time', value: 8000, refund: 8000, fee: 0 }] };
const reiki = { id: 'pr-reiki', slug: 'reiki', title: 'Reiki 1:1', status: 'published', category: 'reiki', summary: 'Calm', long_description_md: '', description_html: '', translations: {}, tags: [], details: {},
  delivery_mode: 'in_person', location_id: 'l1', resource_id: null, meeting_url: null, session_length_min: 60, is_multi_session: false, default_sessions_count: 1, scheduling: {}, instructor_ids: ['i1'],
  variants: [{ id: 'v-old', name: 'Old', currency: 'CHF', price: 12000, vat_rate_bp: 810, billing: 'package', sessions_count: 1, deposit_amount: null, credit_price: null, pay_plan: null, is_active: false },
    { id: 'v-single', name: 'Single', currency: 'CHF', price: 14000, vat_rate_bp: 810, billing: 'package', sessions_count: 1, deposit_amount: null, credit_price: null, pay_plan: null, is_active: true }],
  form: { type: 'object', 'x-order': ['goal'], required: ['goal'], properties: { goal: { type: 'string', title: 'Your goal', 'x-i18n': { de: { title: 'Ihr Ziel' } } } } }, form_required: true,
  milestones: [], policies: {}, visibility: 'hidden', private_link_token: null, missing: [], updated_at: '2026-12-01T08:00:00.000Z' };

function stubApi(): Call[] {
  return stubAdminApi(({ method, url, key }) => {
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [row], counts: { reserved: 1, confirmed: 0, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail);
    if (key === 'GET /v1/admin/bookings/b9') return json(200, { ...detail, id: 'b9', status: 'confirmed', program: { id: 'pr-reiki', slug: 'reiki', title: 'Reiki 1:1' }, sessions: [detail.sessions[0]], sessions_to_schedule: 0, order: null });
    if (key === 'GET /v1/admin/bookings/b1/cancellation') return json(200, quote);
    if (method === 'POST' && url.pathname.startsWith('/v1/admin/bookings/b1/')) return json(200, detail);
    if (key === 'POST /v1/admin/orders/o1/payments') return json(201, { payment: { id: 'pay1', amount: 24000, currency: 'CHF', method: 'bank_transfer', reference: 'x', status: 'succeeded' }, order, booking: { id: 'b1', status: 'confirmed' } });
    if (key === 'GET /v1/admin/programs') return json(200, { programs: [{ id: 'pr-draft', slug: 'draft', title: 'A draft', status: 'draft', category: 'coaching', visibility: 'public', variants: 0, updated_at: '' }, { id: 'pr-reiki', slug: 'reiki', title: 'Reiki 1:1', status: 'published', category: 'reiki', visibility: 'hidden', variants: 1, updated_at: '' }] });
    if (key === 'GET /v1/admin/programs/pr-reiki') return json(200, reiki);
    if (key === 'POST /v1/admin/bookings') return json(201, { ...detail, id: 'b9' });
    return json(404, { code: 'not_found', title: 'Not found' });
  });
}

const actions = (el: TandemAdmin) => root(el).querySelector('tandem-admin-booking-actions')?.shadowRoot ?? null;
const newBooking = (el: TandemAdmin) => root(el).querySelector('tandem-admin-new-booking')?.shadowRoot ?? null;
const posted = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path).at(-1);

const openBooking = (lang: 'en' | 'de') => open(lang, stubApi(), (el) => actions(el)?.querySelector('h3'), 'the actions');

describe('<tandem-admin> booking actions', () => {
  restoreFetchAfterEach();

  it('schedules, moves, shifts, records a transfer and cancels by the quote shown line by line (English)', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('en');
    await expectAccessible(el);
    const a = actions(el)!;

    // The session still open, at a local time (the browser is in Europe/Zurich).
    const start = a.querySelector<HTMLInputElement>('#sched-0')!;
    start.value = '2026-12-23T10:00';
    start.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => posted(calls, '/v1/admin/bookings/b1/sessions'), 'scheduled');
    expect(posted(calls, '/v1/admin/bookings/b1/sessions')!.body).to.deep.equal({ starts: ['2026-12-23T09:00:00.000Z'] });
    expect(posted(calls, '/v1/admin/bookings/b1/sessions')!.headers['Tandem-CSRF']).to.equal('csrf-1');
    await waitFor(() => a.querySelector('[role="status"]')!.textContent!.includes('Scheduled.'), 'the notice');

    // One session moved, outside the hours.
    button(a, 'Move #1')!.click();
    const at = await waitFor(() => a.querySelector<HTMLInputElement>('#move-se1'), 'the move form');
    expect(at.value).to.equal('2026-12-09T10:00');
    at.value = '2026-12-10T18:30';
    (at.form!.querySelector('input[name="override"]') as HTMLInputElement).click();
    at.form!.requestSubmit();
    await waitFor(() => posted(calls, '/v1/admin/bookings/b1/sessions/se1/reschedule'), 'moved');
    expect(posted(calls, '/v1/admin/bookings/b1/sessions/se1/reschedule')!.body).to.deep.equal({ starts_at: '2026-12-10T17:30:00.000Z', override: true });

    // The series a week later.
    a.querySelector<HTMLInputElement>('#shift-weeks')!.form!.requestSubmit();
    await waitFor(() => posted(calls, '/v1/admin/bookings/b1/reschedule-series'), 'shifted');
    expect(posted(calls, '/v1/admin/bookings/b1/reschedule-series')!.body).to.deep.equal({ shift_weeks: 1, override: false });

    // A transfer received: the balance due by default.
    expect(a.querySelector<HTMLInputElement>('#tr-amount')!.value).to.equal('240.00');
    a.querySelector<HTMLInputElement>('#tr-ref')!.value = 'UBS 2026-12-01 Brunner';
    a.querySelector<HTMLInputElement>('#tr-ref')!.form!.requestSubmit();
    await waitFor(() => posted(calls, '/v1/admin/orders/o1/payments'), 'recorded');
    expect(posted(calls, '/v1/admin/orders/o1/payments')!.body).to.deep.equal({ amount: 24000, method: 'bank_transfer', reference: 'UBS 2026-12-01 Brunner' });

    // Cancelling: the quote, line by line, then the cancel with its id.
    button(a, 'Cancel booking…')!.click();
    await waitFor(() => a.querySelector('.quote table'), 'the quote');
    const lines = [...a.querySelectorAll('.quote tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(lines.map((l) => [l[0], l[2], l[3], l[4], l[5]])).to.deep.equal([
      ['1', 'late cancellation', 'CHF 80.00', 'CHF 40.00', 'CHF 40.00'],
      ['2', 'cancelled in time', 'CHF 80.00', 'CHF 80.00', 'CHF 0.00'],
    ]);
    const dts = [...a.querySelectorAll('.quote dt')].map((d) => `${d.textContent!.trim()}: ${d.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim()}`);
    expect(dts).to.deep.equal(['Paid: CHF 240.00', 'Refund: CHF 120.00', 'Fee: CHF 40.00']);
    await expectAccessible(el);
    button(a, 'Cancel with this settlement')!.click();
    await waitFor(() => posted(calls, '/v1/admin/bookings/b1/cancel'), 'cancelled');
    expect(posted(calls, '/v1/admin/bookings/b1/cancel')!.body).to.deep.equal({ quote_id: 'quote-1234567890' });
    for (const c of calls.filter((x) => x.method === 'POST')) expect(c.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('books for a customer, paid by transfer, and opens the booking (German)', async function () {
    this.timeout(60_000);
    const calls = stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="de"></tandem-admin>`);
    await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
    button(root(el), 'Für Kundschaft buchen')!.click();
    const nb = () => newBooking(el)!;
    const select = await waitFor(() => nb()?.querySelector<HTMLSelectElement>('#nb-program option[value="pr-reiki"]') && nb().querySelector<HTMLSelectElement>('#nb-program'), 'the programs');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Programm wählen', 'Reiki 1:1']);
    select.value = 'pr-reiki';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => nb().querySelector('#nb-name'), 'the form');
    expect([...nb().querySelectorAll<HTMLOptionElement>('#nb-variant option')].map((o) => o.value)).to.deep.equal(['v-single']);
    expect(nb().querySelector('label[for="nb-q-goal"]')!.textContent).to.contain('Ihr Ziel');
    await expectAccessible(el);
    nb().querySelector<HTMLInputElement>('#nb-name')!.value = 'Tom Keller';
    nb().querySelector<HTMLInputElement>('#nb-email')!.value = 'tom@example.ch';
    nb().querySelector<HTMLInputElement>('#nb-start-0')!.value = '2026-12-09T10:00';
    nb().querySelector<HTMLInputElement>('#nb-q-goal')!.value = 'Ruhe';
    nb().querySelector<HTMLInputElement>('input[name="payment"][value="paid"]')!.click();
    const ref = await waitFor(() => nb().querySelector<HTMLInputElement>('#nb-reference'), 'the reference');
    ref.value = 'PostFinance 4711';
    ref.form!.requestSubmit();
    await waitFor(() => posted(calls, '/v1/admin/bookings'), 'the booking');
    expect(posted(calls, '/v1/admin/bookings')!.body).to.deep.equal({
      program: 'pr-reiki', variant: 'v-single', customer: { name: 'Tom Keller', email: 'tom@example.ch', locale: 'de' },
      sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] }, intake: { goal: 'Ruhe' }, payment: { mode: 'paid_by_transfer', reference: 'PostFinance 4711' },
    });
    await waitFor(() => calls.some((c) => c.method === 'GET' && c.path === '/v1/admin/bookings/b9'), 'the new booking opened');
    await waitFor(() => actions(el)?.querySelector('h3'), 'its actions');
    expect(actions(el)!.querySelector('h3')!.textContent).to.equal('Aktionen');
    await expectAccessible(el);
  });

  it('books for a customer with a payment link mailed to them (French)', async function () {
    this.timeout(60_000);
    const calls = stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="fr"></tandem-admin>`);
    await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
    button(root(el), 'Réserver pour un·e client·e')!.click();
    const nb = () => newBooking(el)!;
    const select = await waitFor(() => nb()?.querySelector<HTMLSelectElement>('#nb-program option[value="pr-reiki"]') && nb().querySelector<HTMLSelectElement>('#nb-program'), 'the programs');
    select.value = 'pr-reiki';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => nb().querySelector('#nb-name'), 'the form');
    const link = nb().querySelector<HTMLInputElement>('input[name="payment"][value="link"]')!;
    expect(link.parentElement!.textContent).to.contain('Envoyer un lien pour payer en ligne');
    nb().querySelector<HTMLInputElement>('#nb-name')!.value = 'Léa Brunner';
    nb().querySelector<HTMLInputElement>('#nb-email')!.value = 'lea@example.ch';
    nb().querySelector<HTMLInputElement>('#nb-start-0')!.value = '2026-12-09T10:00';
    nb().querySelector<HTMLInputElement>('#nb-q-goal')!.value = 'Calme';
    link.click();
    await el.updateComplete;
    expect(nb().querySelector('#nb-reference'), 'no transfer reference for a link').to.equal(null);
    await expectAccessible(el);
    link.form!.requestSubmit();
    await waitFor(() => posted(calls, '/v1/admin/bookings'), 'the booking');
    expect((posted(calls, '/v1/admin/bookings')!.body as { payment: unknown }).payment).to.deep.equal({ mode: 'payment_link' });
  });
});

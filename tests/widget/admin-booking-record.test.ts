/**
 * The booking record in the console, in Chromium: the order's refunds, invoices and credit notes,
 * the milestone progress, and the message thread where staff answer the customer (by keyboard:
 * the text and Enter on the send button). English and French; axe-clean. The admin API is a stub
 * on window.fetch that records what the console sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import { button, json, openBooking as open, restoreFetchAfterEach, root, signedIn, stubAdminApi, type Call } from './helpers/admin-console.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

const session = signedIn();
const row = { id: 'b1', status: 'confirmed', booking_status: 'confirmed', program: { id: 'p1', slug: 'evolve', title: 'EVOLVE' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
  instructor: { id: 'i1', name: 'Mara Keller' }, next_session: null, sessions_count: 1, total_price: { amount: 24000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
const order = { id: 'o1', status: 'paid', currency: 'CHF', subtotal: 24000, discount_total: 0, discount: null, vat_total: 0, rounding_adjustment: 0, total: 24000, amount_paid: 24000, amount_due: 0,
  lines: [], booking_id: 'b1', customer: null, created_at: '2026-12-01T08:00:00.000Z', payments: [{ id: 'pay1', amount: 24000, currency: 'CHF', method: 'card', status: 'succeeded' }],
  installments: [{ id: 'in1', seq: 1, due_at: '2026-12-01T08:00:00.000Z', amount: 12000, currency: 'CHF', status: 'paid', attempts: 1, paid_at: '2026-12-01T08:00:00.000Z' },
    { id: 'in2', seq: 2, due_at: '2027-01-01T08:00:00.000Z', amount: 12000, currency: 'CHF', status: 'overdue', attempts: 2, paid_at: null }],
  refunds: [
    { id: 'r1', kind: 'provider', status: 'succeeded', amount: 8000, credits: 0, currency: 'CHF', payment_id: 'pay1', booking_id: 'b1', reason: 'session 2 cancelled in time', transfer_reference: null, completed_at: '2026-12-03T10:00:00.000Z', created_at: '2026-12-03T09:00:00.000Z' },
    { id: 'r2', kind: 'credits', status: 'succeeded', amount: 0, credits: 2, currency: 'CHF', payment_id: null, booking_id: 'b1', reason: 'goodwill', transfer_reference: null, completed_at: null, created_at: '2026-12-04T09:00:00.000Z' },
  ],
  invoices: [{ id: 'inv1', number: 17, issued_at: '2026-12-01T08:00:00.000Z', reference: null, reference_type: null, pdf_url: 'https://api.example/v1/admin/invoices/inv1.pdf' }],
  credit_notes: [{ id: 'cn1', number: 'FLOW-CN-2026-0001', sequence: 1, invoice_id: 'inv1', invoice_number: 17, currency: 'CHF', total: 8000, vat_total: 0, reason: 'session 2 cancelled in time', issued_at: '2026-12-03T09:00:00.000Z', pdf_url: 'https://api.example/v1/admin/credit-notes/cn1.pdf' }],
  refunded: 8000, refunds_pending: 0, credited: 8000, balance_due: 0 };
const detail = { ...row, variant: { id: 'v1', name: 'Three' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: null, cancelled_at: null, cancellation_reason: null, intake: { answers: [], health_withheld: false },
  sessions: [{ id: 'se1', seq: 1, starts_at: '2026-12-09T09:00:00.000Z', ends_at: '2026-12-09T10:00:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: 'Knee: careful' }],
  sessions_to_schedule: 0, order,
  progress: [
    { milestone_id: 'm1', name: 'Intake call', due_day_offset: 0, completed_at: '2026-12-02T09:00:00.000Z', artifact_url: 'https://files.example/plan.pdf', notes_md: 'Goals agreed' },
    { milestone_id: 'm2', name: 'Mid-point review', due_day_offset: 14, completed_at: null, artifact_url: null, notes_md: null },
  ],
  events: [] };

function stubApi(): Call[] {
  const thread = [{ id: 'msg1', from: 'customer', body_html: '<p>Can we start <em>earlier</em>?</p>', created_at: '2026-12-02T08:00:00.000Z' }];
  return stubAdminApi(({ key, body }) => {
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [row], counts: { reserved: 0, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail);
    if (key === 'GET /v1/admin/bookings/b1/artifacts') return json(200, { artifacts: [], max_bytes: 1 });
    if (key === 'GET /v1/admin/bookings/b1/messages') return json(200, { messages: thread });
    if (key === 'POST /v1/admin/bookings/b1/messages') {
      if (String(body?.body ?? '').trim() === '') return new Response(JSON.stringify({ code: 'validation_failed', title: 'The request is not valid.', errors: [{ field: 'body', message: 'is required' }] }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
      thread.push({ id: `msg${thread.length + 1}`, from: 'staff', body_html: `<p>${String(body!.body)}</p>`, created_at: '2026-12-05T08:00:00.000Z' });
      return json(201, { messages: thread });
    }
    if (key === 'PUT /v1/admin/bookings/b1/progress/m2') {
      if (String(body?.artifact_url ?? '').startsWith('http:')) return new Response(JSON.stringify({ code: 'validation_failed', title: 'The request is not valid.', errors: [{ field: 'artifact_url', message: 'must start with https://' }] }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
      return json(200, { progress: detail.progress });
    }
    if (key === 'POST /v1/admin/bookings/b1/credits') {
      if (Number(body?.delta) < -10) return new Response(JSON.stringify({ code: 'insufficient_credits', title: 'Not enough credits', detail: 'Deducting 20 credits would leave a negative balance.' }), { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
      return json(201, { customer_id: 'c1', balance: 7, entry: { id: 'l1', delta: Number(body!.delta), balance_after: 7, reason: String(body!.reason), created_at: '2026-12-05T08:00:00.000Z' } });
    }
    if (key === 'PUT /v1/admin/bookings/b1/sessions/se1/note') return json(200, { session: { ...detail.sessions[0], notes_private_md: body!.notes_md } });
    if (key === 'POST /v1/admin/bookings/b1/confirmation') return json(202, { booking_id: 'b1', invoice_number: 'FLOW-2026-0017', queued_at: '2026-12-05T08:00:00.000Z' });
    return json(404, { code: 'not_found', title: 'Not found' });
  }, session);
}

const record = (el: TandemAdmin) => root(el).querySelector('tandem-admin-booking-record')?.shadowRoot ?? null;
const cells = (r: ShadowRoot, section: string) => [...r.querySelectorAll(`section[aria-labelledby="${section}"] tbody tr`)]
  .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));

const openBooking = (lang: string) => open(lang, stubApi(), (el) => record(el)?.querySelector('.thread'), 'the thread');

describe('<tandem-admin> booking record', () => {
  restoreFetchAfterEach();

  it('shows refunds, invoices, credit notes, progress and the thread, and answers the customer by keyboard (English)', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('en');
    const r = record(el)!;
    const plan = [...r.querySelectorAll('table.plan tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(plan.map((c) => [c[0], c[2], c[3]])).to.deep.equal([['1', 'CHF 120.00', 'Paid'], ['2', 'CHF 120.00', 'Overdue']]);
    expect(cells(r, 'record-money').filter((c) => c.length === 5).map((c) => c.slice(1))).to.deep.equal([
      ['CHF 80.00', 'Back to the card', 'Done', 'session 2 cancelled in time'],
      ['2 credits', 'Class credits', 'Done', 'goodwill'],
    ]);
    const links = [...r.querySelectorAll<HTMLAnchorElement>('section[aria-labelledby="record-money"] a')].map((a) => [a.getAttribute('aria-label'), a.href]);
    expect(links).to.deep.equal([['PDF 17', 'https://api.example/v1/admin/invoices/inv1.pdf'], ['PDF FLOW-CN-2026-0001', 'https://api.example/v1/admin/credit-notes/cn1.pdf']]);
    const progress = cells(r, 'record-progress');
    expect(progress[0]![0]).to.equal('Intake call');
    expect(progress[0]![1]).to.match(/^Done on /);
    expect(progress[0]![2]).to.equal('https://files.example/plan.pdf');
    expect(progress[1]!.slice(0, 3)).to.deep.equal(['Mid-point review', 'Open', '—']);
    // The customer's message, as the server's sanitised HTML.
    expect(r.querySelector('.thread li em')!.textContent).to.equal('earlier');
    await expectAccessible(el);

    // An empty message is refused by the API and the refusal is shown.
    r.querySelector<HTMLTextAreaElement>('#message-body')!.form!.noValidate = true;
    button(r, 'Send the message')!.click();
    await waitFor(() => r.querySelector('section[aria-labelledby="record-messages"] [role="alert"] .error'), 'the refusal');
    expect(r.querySelector('section[aria-labelledby="record-messages"] [role="alert"]')!.textContent).to.contain('body: is required');

    // By keyboard: type the answer, Tab to the button, Enter.
    const text = r.querySelector<HTMLTextAreaElement>('#message-body')!;
    text.focus();
    await sendKeys({ type: 'Yes, 8:30 works.' });
    await sendKeys({ press: 'Tab' });
    expect(r.activeElement?.textContent?.trim()).to.equal('Send the message');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelectorAll('.thread li').length === 2, 'the answer in the thread');
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/admin/bookings/b1/messages').at(-1)!;
    expect(sent.body).to.deep.equal({ body: 'Yes, 8:30 works.' });
    expect(sent.headers['Idempotency-Key']).to.be.a('string').and.not.empty;
    expect(sent.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(r.querySelector('section[aria-labelledby="record-messages"] [role="status"]')!.textContent).to.contain('Message sent.');
    expect(r.querySelector('section[aria-labelledby="record-messages"] [role="alert"]')!.textContent!.trim()).to.equal('');
    expect(text.value).to.equal('');
    await expectAccessible(el);

    // The confirmation mail again.
    button(r, 'Send the confirmation again')!.click();
    await waitFor(() => r.querySelector('.resend [role="status"] .notice'), 'the resend notice');
    expect(r.querySelector('.resend [role="status"]')!.textContent).to.contain('invoice FLOW-2026-0017');
    const resent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/admin/bookings/b1/confirmation');
    expect(resent).to.have.length(1);
    expect(resent[0]!.headers['Idempotency-Key']).to.be.a('string').and.not.empty;
  });

  it('logs a milestone: done, notes and an artifact link, by keyboard; a refusal shows its field', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('de');
    const r = record(el)!;
    const toggle = button(r, 'Erfassen: Mid-point review')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    const notes = await waitFor(() => r.querySelector<HTMLTextAreaElement>('#notes-m2'), 'the log form');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const done = notes.form!.querySelector<HTMLInputElement>('input[name="completed"]')!;
    done.focus();
    await sendKeys({ press: 'Space' });
    expect(done.checked).to.equal(true);
    notes.focus();
    await sendKeys({ type: 'Halfway there' });
    const link = r.querySelector<HTMLInputElement>('#artifact-m2')!;
    link.value = 'http://files.example/half.pdf';
    // The browser's own check would stop an http link; the API's refusal is shown too.
    notes.form!.noValidate = true;
    notes.form!.requestSubmit();
    await waitFor(() => r.querySelector('section[aria-labelledby="record-progress"] [role="alert"] .error'), 'the refusal');
    expect(r.querySelector('section[aria-labelledby="record-progress"] [role="alert"]')!.textContent).to.contain('artifact_url: must start with https://');
    link.value = 'https://files.example/half.pdf';
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelector('section[aria-labelledby="record-progress"] [role="status"] .notice'), 'the notice');
    const puts = calls.filter((c) => c.method === 'PUT' && c.path === '/v1/admin/bookings/b1/progress/m2');
    expect(puts.at(-1)!.body).to.deep.equal({ completed: true, notes_md: 'Halfway there', artifact_url: 'https://files.example/half.pdf' });
    expect(puts.at(-1)!.headers['Idempotency-Key']).to.be.a('string').and.not.empty;
    expect(r.querySelector('section[aria-labelledby="record-progress"] [role="status"]')!.textContent).to.contain('Fortschritt gespeichert.');
    await expectAccessible(el);
  });

  it('grants credits with a reason, shows a refused deduction, and offers no credit form to instructors', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('en');
    const r = record(el)!;
    const sec = 'section[aria-labelledby="record-credits"] ';
    const delta = r.querySelector<HTMLInputElement>('#credits-delta')!;
    delta.value = '-20';
    r.querySelector<HTMLInputElement>('#credits-reason')!.value = 'Too many';
    delta.form!.requestSubmit();
    await waitFor(() => r.querySelector(`${sec}[role="alert"] .error`), 'the refusal');
    expect(r.querySelector(`${sec}[role="alert"]`)!.textContent).to.contain('negative balance');
    delta.value = '5';
    const reason = r.querySelector<HTMLInputElement>('#credits-reason')!;
    reason.value = '';
    reason.focus();
    await sendKeys({ type: 'Goodwill' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelector(`${sec}[role="status"] .notice`), 'the notice');
    expect(r.querySelector(`${sec}[role="status"]`)!.textContent).to.contain('the balance is now 7');
    expect(calls.filter((c) => c.path === '/v1/admin/bookings/b1/credits').at(-1)!.body).to.deep.equal({ delta: 5, reason: 'Goodwill' });
    expect(r.querySelector(`${sec}[role="alert"]`)!.textContent!.trim()).to.equal('');
    await expectAccessible(el);

    session.staff.role = 'instructor';
    try {
      const { el: asInstructor } = await openBooking('en');
      expect(record(asInstructor)!.querySelector('#credits-delta')).to.equal(null);
    } finally {
      session.staff.role = 'owner';
    }
  });

  it('writes a private note on a session by keyboard (Italian)', async function () {
    this.timeout(60_000);
    const { el, calls } = await openBooking('it');
    const r = record(el)!;
    const area = r.querySelector<HTMLTextAreaElement>('#note-se1')!;
    expect(area.value).to.equal('Knee: careful');
    expect(r.querySelector('label[for="note-se1"]')!.textContent).to.match(/^Nota sulla sessione 1 · /);
    area.focus();
    await sendKeys({ type: ', no deep lunges' });
    await sendKeys({ press: 'Tab' });
    expect(r.activeElement?.textContent?.trim()).to.equal('Salva la nota della sessione 1');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => r.querySelector('section[aria-labelledby="record-notes"] [role="status"] .notice'), 'the notice');
    expect(r.querySelector('section[aria-labelledby="record-notes"] [role="status"]')!.textContent).to.contain('Nota salvata.');
    const put = calls.filter((c) => c.method === 'PUT' && c.path === '/v1/admin/bookings/b1/sessions/se1/note').at(-1)!;
    expect(put.body).to.deep.equal({ notes_md: 'Knee: careful, no deep lunges' });
    await expectAccessible(el);
  });

  it('offers no resend and no progress log for a reserved booking', async function () {
    this.timeout(60_000);
    const calls = stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
    detail.booking_status = 'reserved';
    try {
      button(root(el), 'Lea Brunner')!.click();
      await waitFor(() => record(el)?.querySelector('.thread'), 'the thread');
      expect(button(record(el), 'Send the confirmation again')).to.equal(undefined);
      expect(button(record(el), 'Log: ')).to.equal(undefined);
      expect(calls.some((c) => c.path.endsWith('/confirmation'))).to.equal(false);
    } finally {
      detail.booking_status = 'confirmed';
    }
  });

  it('speaks French and Italian', async function () {
    this.timeout(60_000);
    for (const [lang, heading, kind] of [['fr', 'Remboursements', 'Retour sur la carte'], ['it', 'Rimborsi', 'Sulla carta']] as const) {
      const { el } = await openBooking(lang);
      const r = record(el)!;
      expect([...r.querySelectorAll('h4')].map((h) => h.textContent)).to.include(heading);
      expect(cells(r, 'record-money').filter((c) => c.length === 5)[0]![2]).to.equal(kind);
      expect(button(r, lang === 'fr' ? 'Envoyer le message' : 'Invia il messaggio')).to.exist;
      await expectAccessible(el);
    }
  });
});

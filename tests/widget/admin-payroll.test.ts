/**
 * The console's payroll view in Chromium: the current period with its live totals per instructor,
 * each instructor's sessions and adjustments, a PDF statement per instructor and the CSV; the pay
 * rules with their history, a new rule entered by keyboard (a new row, never an edit) and an unused
 * one removed; closing a period (asked first, the API's refusal shown) and marking a closed one paid
 * by keyboard; an instructor sees none of the forms; English, German, French and Italian; axe-clean;
 * and the console's navigation opening it. The admin API is a stub on window.fetch that records
 * what the view sent (CSRF token, Idempotency-Key), as in the other console tests.
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { activeElement, expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/payroll/payroll-view.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdminPayroll } from '../../widget/elements/tandem-admin/payroll/payroll-view.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };

const rule = (id: string, staff: string, program: string | null, kind: string, value: number, from: string, inUse: boolean, bounds: { min?: number; max?: number } = {}) => ({
  id, staff_id: staff, program_id: program, kind, value, currency: 'CHF', min_amount: bounds.min ?? null, max_amount: bounds.max ?? null, valid_from: from,
  created_at: `${from}T08:00:00.000Z`, in_use: inUse,
});
const period = (id: string, from: string, to: string, status: string, total: number) => ({
  id, starts_on: from, ends_on: to, status, closed_at: status === 'open' ? null : '2026-12-01T11:00:00.000Z', paid_on: null as string | null, paid_reference: null as string | null,
  totals: [{ staff_id: 'i1', amount: total, currency: 'CHF' }],
});
const percent40 = { id: 'r1', kind: 'percent', value: 4000, currency: 'CHF', min_amount: null, max_amount: null, valid_from: '2020-01-01', program_id: null };
const earning = (over: Record<string, unknown>) => ({
  id: 'e', kind: 'session', amount: 0, currency: 'CHF', earned_on: '2026-12-01', booking_id: 'b1', session_id: 's1', session_seq: 1, session_starts_at: '2026-12-01T08:00:00.000Z',
  program: { id: 'pr1', title: 'EVOLVE' }, customer_name: 'Ana Muster', rule: percent40, inputs: {}, adjusts_id: null, reason: null, ...over,
});
const statementOf = (staffId: string, name: string, sessions: unknown[], adjustments: unknown[], total: number) => ({
  staff_id: staffId, staff_name: name, statement_pdf_url: `https://api.example/v1/admin/payroll/periods/p-dec/statements/${staffId}.pdf`,
  sessions, bookings: [], adjustments, totals: [{ amount: total, currency: 'CHF' }],
});
const maraDecember = statementOf('i1', 'Mara Keller', [
  earning({ id: 'e3', amount: 5800, session_seq: 3, inputs: { outcome: 'completed', net_revenue: 14500, share_bp: null, seq: 3 } }),
  earning({ id: 'e4', amount: 2900, earned_on: '2026-12-08', session_id: 's4', session_seq: 4, session_starts_at: '2026-12-08T08:00:00.000Z', inputs: { outcome: 'no_show', net_revenue: 14500, share_bp: 5000, seq: 4 } }),
], [
  earning({ id: 'e5', kind: 'adjustment', amount: -1450, earned_on: '2026-12-09', session_id: 's2', session_seq: 2, session_starts_at: '2026-11-24T08:00:00.000Z', adjusts_id: 'e2',
    reason: 'refund after the earning was recorded: CHF 29.00 becomes CHF 14.50', inputs: { from: 2900, to: 1450 } }),
], 7250);

function state() {
  return {
    periods: [period('p-dec', '2026-12-01', '2026-12-31', 'open', 7250), period('p-nov', '2026-11-01', '2026-11-30', 'closed', 11600)],
    rules: [rule('r0', 'i1', null, 'percent', 3500, '2019-01-01', true), rule('r1', 'i1', null, 'percent', 4000, '2020-01-01', true),
      rule('r2', 'i1', null, 'percent', 5000, '2099-01-01', false), rule('r3', 'i2', 'pr1', 'per_session', 7000, '2020-01-01', true, { min: 6000, max: 9000 })],
    settings: { period: 'monthly', anchor_on: null as string | null, no_show_share_bp: 5000, late_cancel_share_bp: 0, currency: 'CHF', timezone: 'Europe/Zurich', saved: true },
  };
}

const staff = { staff: [{ id: 'o1', name: 'Sandra Flow', email: 'sandra@example.ch', role: 'owner', is_active: true },
  { id: 'i1', name: 'Mara Keller', email: 'mara@example.ch', role: 'instructor', is_active: true },
  { id: 'i2', name: 'Luca Rossi', email: 'luca@example.ch', role: 'instructor', is_active: true }] };
const programs = { programs: [{ id: 'pr1', slug: 'evolve', title: 'EVOLVE', status: 'published', category: 'coaching', visibility: 'public', variants: 2, updated_at: '2026-11-01T08:00:00.000Z' }] };
const session = { status: 'signed_in', staff: { id: 'o1', name: 'Sandra Flow', email: 'sandra@example.ch', role: 'owner', timezone: 'Europe/Zurich' },
  studio: { id: 'org1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' };

function stubApi(options: { refuseClose?: boolean } = {}): { calls: Call[]; db: ReturnType<typeof state> } {
  const calls: Call[] = [];
  const db = state();
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, session);
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [], counts: {}, next_cursor: null });
    if (key === 'GET /v1/admin/staff') return json(200, staff);
    if (key === 'GET /v1/admin/programs') return json(200, programs);
    if (key === 'GET /v1/admin/payroll/settings') return json(200, db.settings);
    if (key === 'POST /v1/admin/payroll/settings') {
      db.settings = { ...db.settings, ...(body as object), anchor_on: (body!.anchor_on as string | undefined) ?? null };
      return json(200, db.settings);
    }
    if (key === 'GET /v1/admin/payroll/periods') return json(200, { periods: db.periods });
    if (key === 'GET /v1/admin/payroll/rules') return json(200, { rules: db.rules });
    const detail = /^\/v1\/admin\/payroll\/periods\/(p-\w+)$/.exec(url.pathname);
    if (method === 'GET' && detail) {
      const p = db.periods.find((x) => x.id === detail[1])!;
      const instructors = p.id === 'p-dec' ? [maraDecember] : [statementOf('i1', 'Mara Keller', [earning({ id: 'e1', amount: 11600, earned_on: '2026-11-17', inputs: { outcome: 'completed', net_revenue: 29000 } })], [], 11600)];
      return json(200, { period: p, instructors, export_csv_url: `https://api.example/v1/admin/payroll/periods/${p.id}/export.csv` });
    }
    if (key === 'POST /v1/admin/payroll/rules') {
      const r = rule(`r${db.rules.length}`, String(body!.staff_id), (body!.program_id as string | null) ?? null, String(body!.kind), Number(body!.value), String(body!.valid_from), false);
      db.rules = [...db.rules, r];
      return json(201, r);
    }
    const removed = /^\/v1\/admin\/payroll\/rules\/(r\d+)$/.exec(url.pathname);
    if (method === 'DELETE' && removed) {
      db.rules = db.rules.filter((r) => r.id !== removed[1]);
      return json(200, { deleted: true, id: removed[1] });
    }
    if (key === 'POST /v1/admin/payroll/periods/p-dec/close') {
      if (options.refuseClose) return json(409, { type: 'x', title: 'Invalid state', status: 409, code: 'invalid_state', detail: 'The period ends on 2026-12-31: it can be closed from 2027-01-01.' });
      db.periods[0] = { ...db.periods[0]!, status: 'closed', closed_at: '2027-01-02T09:00:00.000Z' };
      return json(200, db.periods[0]);
    }
    if (key === 'POST /v1/admin/payroll/periods/p-nov/paid') {
      db.periods[1] = { ...db.periods[1]!, status: 'paid', paid_on: String(body!.paid_on), paid_reference: String(body!.reference) };
      return json(200, db.periods[1]);
    }
    return json(404, { type: 'x', title: 'Not found', status: 404, code: 'not_found' });
  };
  return { calls, db };
}

const root = (el: Element) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => root(el).querySelector<T>(sel);
const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const captions = (el: Element) => [...root(el).querySelectorAll('caption')].map((c) => c.textContent!.trim());
const tableWith = (el: Element, caption: string) => [...root(el).querySelectorAll('table')].find((t) => t.caption?.textContent!.trim() === caption)!;
const rowsOf = (table: HTMLTableElement) => [...table.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

async function mount(lang: string, role = 'owner', options: { refuseClose?: boolean } = {}): Promise<{ el: TandemAdminPayroll; calls: Call[]; db: ReturnType<typeof state> }> {
  const stub = stubApi(options);
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminPayroll>(html`<tandem-admin-payroll lang=${lang} staff-role=${role} zone="Europe/Zurich" .client=${client}></tandem-admin-payroll>`);
  await waitFor(() => q(el, 'table.totals') && q(el, 'table.rules'), 'the period and the rules');
  return { el, ...stub };
}

describe('<tandem-admin-payroll>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('shows the current period with its totals per instructor, the sessions and adjustments, a statement per instructor and the CSV (English)', async function () {
    this.timeout(30_000); // the first test of the page also loads axe
    const { el } = await mount('en');
    const pick = q<HTMLSelectElement>(el, '#pr-pick')!;
    expect([...pick.options].map((o) => o.textContent!.trim())).to.deep.equal(['1 Dec 2026 – 31 Dec 2026 · Open', '1 Nov 2026 – 30 Nov 2026 · Closed']);
    expect(pick.value).to.equal('p-dec', 'the current period first');
    expect(rowsOf(tableWith(el, 'Totals per instructor'))).to.deep.equal([['Mara Keller', 'CHF 72.50', 'Statement (PDF)']]);
    expect(rowsOf(tableWith(el, 'Sessions · Mara Keller'))).to.deep.equal([
      ['1 Dec 2026', 'EVOLVE', 'Ana Muster', '3', 'Delivered', 'CHF 145.00', '40 % of net revenue', 'CHF 58.00'],
      ['8 Dec 2026', 'EVOLVE', 'Ana Muster', '4', 'No-show (share 50 %)', 'CHF 145.00', '40 % of net revenue', 'CHF 29.00'],
    ]);
    expect(rowsOf(tableWith(el, 'Adjustments · Mara Keller'))).to.deep.equal([
      ['9 Dec 2026', 'EVOLVE', 'Session 2 · 24 Nov 2026 · Ana Muster', 'refund after the earning was recorded: CHF 29.00 becomes CHF 14.50', '-CHF 14.50'],
    ]);
    const statements = [...root(el).querySelectorAll<HTMLAnchorElement>('a[aria-label="Statement (PDF): Mara Keller"]')];
    expect(statements.length).to.equal(2);
    for (const a of statements) {
      expect(new URL(a.href).pathname + new URL(a.href).search).to.equal('/v1/admin/payroll/periods/p-dec/statements/i1.pdf?lang=en');
      expect(a.hasAttribute('download')).to.equal(true);
    }
    const csv = [...root(el).querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.textContent!.startsWith('Export CSV'))!;
    expect(new URL(csv.href).pathname).to.equal('/v1/admin/payroll/periods/p-dec/export.csv');
    await expectAccessible(el);
  });

  it('pay rules with their history; a new rule entered by keyboard is a new row, and one nothing was earned under is removed', async () => {
    const { el, calls } = await mount('en');
    expect(rowsOf(tableWith(el, 'History of Mara Keller · All programs'))).to.deep.equal([
      ['1 Jan 2019', 'Share of net revenue', '35 % of net revenue', 'Replaced (earnings computed under it)', ''],
      ['1 Jan 2020', 'Share of net revenue', '40 % of net revenue', 'In force (earnings computed under it)', ''],
      ['1 Jan 2099', 'Share of net revenue', '50 % of net revenue', 'From a later date', 'Remove'],
    ]);
    expect(rowsOf(tableWith(el, 'History of Luca Rossi · EVOLVE'))).to.deep.equal([
      ['1 Jan 2020', 'Per delivered session', 'CHF 70.00 per session (at least CHF 60.00, at most CHF 90.00)', 'In force (earnings computed under it)', ''],
    ]);

    // Luca, for EVOLVE only, 45 % from June 2099: by keyboard through the form.
    q<HTMLSelectElement>(el, '#pr-staff')!.focus();
    await sendKeys({ type: 'L' });
    await sendKeys({ press: 'Tab' });
    expect(activeElement()?.id).to.equal('pr-program');
    await sendKeys({ type: 'E' });
    await sendKeys({ press: 'Tab' });
    expect(activeElement()?.id).to.equal('pr-kind');
    await sendKeys({ press: 'Tab' });
    expect(activeElement()?.id).to.equal('pr-value');
    await sendKeys({ type: '45' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(activeElement()?.id).to.equal('pr-from');
    // Dates are typed in the browser's own segment order; the value is what matters here. Enter sends the form.
    (activeElement() as HTMLInputElement).value = '2099-06-01';
    await sendKeys({ press: 'Enter' });
    const post = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/payroll/rules'), 'the new rule');
    expect(post.body).to.deep.equal({ staff_id: 'i2', program_id: 'pr1', kind: 'percent', value: 4500, valid_from: '2099-06-01' });
    expect(post.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(post.headers['Idempotency-Key']).to.be.a('string').and.not.equal('');
    await waitFor(() => root(el).textContent!.includes('The rule is added.'), 'added');
    await waitFor(() => tableWith(el, 'History of Luca Rossi · EVOLVE') && rowsOf(tableWith(el, 'History of Luca Rossi · EVOLVE')).length === 2, 'the new row');
    expect(rowsOf(tableWith(el, 'History of Luca Rossi · EVOLVE'))[1]!.slice(0, 4)).to.deep.equal(['1 Jun 2099', 'Share of net revenue', '45 % of net revenue', 'From a later date']);
    expect(rowsOf(tableWith(el, 'History of Luca Rossi · EVOLVE'))[0]![2], 'the earlier rule is untouched').to.equal('CHF 70.00 per session (at least CHF 60.00, at most CHF 90.00)');

    // A flat rule has no bounds per session; the amount is in the payroll currency.
    const kind = q<HTMLSelectElement>(el, '#pr-kind')!;
    kind.value = 'flat';
    kind.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(q(el, '#pr-min')).to.equal(null);
    expect(q(el, 'label[for="pr-value"]')!.textContent!.trim()).to.equal('Amount (CHF)');

    const remove = [...root(el).querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Remove: Mara Keller · All programs, 1 Jan 2099')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    const del = await waitFor(() => calls.find((c) => c.method === 'DELETE'), 'the removal');
    expect(del.path).to.equal('/v1/admin/payroll/rules/r2');
    expect(del.headers['Tandem-CSRF']).to.equal('csrf-1');
    await waitFor(() => rowsOf(tableWith(el, 'History of Mara Keller · All programs')).length === 2, 'the row gone');
    await expectAccessible(el);
  });

  it('closing asks first and shows the API\'s refusal; a closed period is marked paid by keyboard with its date and reference', async () => {
    const { el, calls } = await mount('en', 'manager', { refuseClose: true });
    buttonWith(el, 'Close this period…')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => activeElement()?.id === 'pr-close-now', 'the question, focus on its answer');
    expect(q(el, '#pr-close-q')!.textContent).to.contain('From then on nothing in it changes');
    expect(calls.some((c) => c.path.endsWith('/close')), 'nothing sent before the answer').to.equal(false);
    await expectAccessible(el);
    await sendKeys({ press: 'Enter' });
    const close = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/payroll/periods/p-dec/close'), 'the close');
    expect(close.headers['Idempotency-Key']).to.be.a('string');
    await waitFor(() => q(el, '[role="alert"] .error'), 'the refusal');
    expect(q(el, '[role="alert"]')!.textContent).to.contain('it can be closed from 2027-01-01');
    await waitFor(() => activeElement()?.id === 'pr-pick', 'the focus back on the period picker');
    // Asking again and keeping it open puts the focus back where it was.
    buttonWith(el, 'Close this period…')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => activeElement()?.id === 'pr-close-now', 'asked again');
    await sendKeys({ press: 'Tab' });
    expect(activeElement()?.textContent?.trim()).to.equal('Keep it open');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => activeElement()?.id === 'pr-close', 'back on the close button');
    expect(calls.filter((c) => c.path.endsWith('/close')).length, 'kept open: nothing more sent').to.equal(1);
    expect(q(el, 'dl.period-facts')!.textContent).to.contain('Open');

    const pick = q<HTMLSelectElement>(el, '#pr-pick')!;
    pick.value = 'p-nov';
    pick.dispatchEvent(new Event('change'));
    const paidOn = await waitFor(() => q<HTMLInputElement>(el, '#pr-paid-on'), 'the payout form of the closed period');
    expect(buttonWith(el, 'Close this period…')).to.equal(undefined);
    expect(paidOn.min).to.equal('2026-11-30');
    paidOn.value = '2026-12-05';
    q<HTMLInputElement>(el, '#pr-ref')!.focus();
    await sendKeys({ type: 'UBS payroll 2026-11' });
    await sendKeys({ press: 'Enter' });
    const paid = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/payroll/periods/p-nov/paid'), 'paid');
    expect(paid.body).to.deep.equal({ paid_on: '2026-12-05', reference: 'UBS payroll 2026-11' });
    await waitFor(() => q(el, 'dl.period-facts')!.textContent!.includes('UBS payroll 2026-11'), 'the period paid');
    const dl = q(el, 'dl.period-facts')!;
    const facts = Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()]));
    expect(facts).to.deep.equal({ Dates: '1 Nov 2026 – 30 Nov 2026', Status: 'Paid', 'Closed on': '1 Dec 2026', 'Paid on': '5 Dec 2026', 'Bank reference': 'UBS payroll 2026-11' });
    expect(q(el, '#pr-paid-on'), 'a paid period has no payout form').to.equal(null);
    expect(root(el).textContent).to.contain('The period is marked as paid.');
  });

  it('the studio\'s payroll settings: the no-show share changed by keyboard; every two weeks asks for the first day of one period', async () => {
    const { el, calls } = await mount('en');
    const share = q<HTMLInputElement>(el, '#pr-no-show')!;
    expect([share.value, q<HTMLInputElement>(el, '#pr-late')!.value, q<HTMLInputElement>(el, '#pr-currency')!.value]).to.deep.equal(['50', '0', 'CHF']);
    expect(q(el, '#pr-anchor')).to.equal(null);
    share.focus();
    share.select();
    await sendKeys({ type: '40' });
    await sendKeys({ press: 'Enter' });
    const saved = await waitFor(() => calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/payroll/settings'), 'the settings');
    expect(saved.body).to.deep.equal({ period: 'monthly', no_show_share_bp: 4000, late_cancel_share_bp: 0, currency: 'CHF' });
    await waitFor(() => root(el).textContent!.includes('The settings are saved.'), 'saved');
    const kind = q<HTMLSelectElement>(el, '#pr-period-kind')!;
    kind.focus();
    await sendKeys({ type: 'E' }); // "Every two weeks"
    await el.updateComplete;
    const anchor = await waitFor(() => q<HTMLInputElement>(el, '#pr-anchor'), 'the first day');
    expect(anchor.required).to.equal(true);
    anchor.value = '2027-01-04';
    anchor.form!.requestSubmit();
    await waitFor(() => calls.filter((c) => c.path === '/v1/admin/payroll/settings' && c.method === 'POST').length === 2, 'saved again');
    expect(calls.filter((c) => c.path === '/v1/admin/payroll/settings' && c.method === 'POST')[1]!.body)
      .to.deep.equal({ period: 'biweekly', anchor_on: '2027-01-04', no_show_share_bp: 4000, late_cancel_share_bp: 0, currency: 'CHF' });
    await expectAccessible(el);
  });

  it('an instructor (German): the period and their rules as the API answers them, the statement in German, no forms and no buttons that change anything', async () => {
    const { el, calls } = await mount('de', 'instructor');
    expect(q(el, 'h2')!.textContent).to.equal('Löhne');
    expect(captions(el)).to.include('Summen pro Lehrperson');
    expect(rowsOf(tableWith(el, 'Sitzungen · Mara Keller'))[1]![4]).to.equal('Nicht erschienen (Anteil 50 %)');
    expect(rowsOf(tableWith(el, 'Korrekturen · Mara Keller'))[0]![4]).to.equal('CHF-14.50');
    const statement = q<HTMLAnchorElement>(el, 'a[aria-label="Abrechnung (PDF): Mara Keller"]')!;
    expect(new URL(statement.href).search).to.equal('?lang=de');
    expect(buttonWith(el, 'Periode abschliessen…')).to.equal(undefined);
    expect(q(el, '#pr-staff'), 'no rule form').to.equal(null);
    expect(q(el, '#pr-paid-on')).to.equal(null);
    expect([...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Summen aktualisieren']);
    expect(captions(el)).to.include('Verlauf von Mara Keller · Alle Programme');
    expect(q(el, '#pr-no-show'), 'no settings form').to.equal(null);
    expect(q(el, '#pr-settings')!.closest('section')!.textContent!.replace(/\s+/g, ' ')).to.contain('Nichterscheinen').and.to.contain('50 %');
    buttonWith(el, 'Summen aktualisieren')!.click();
    await waitFor(() => calls.filter((c) => c.path === '/v1/admin/payroll/periods').length === 2, 'the totals read again');
    await expectAccessible(el);
  });

  it('French and Italian', async () => {
    const fr = await mount('fr-CH');
    expect(q(fr.el, 'h2')!.textContent).to.equal('Rémunération');
    expect(captions(fr.el)).to.include('Totaux par intervenant·e');
    expect(q(fr.el, '#pr-rules')!.textContent).to.equal('Règles de rémunération');
    expect(rowsOf(tableWith(fr.el, 'Historique de Mara Keller · Tous les programmes'))[1]![2]).to.equal('40 % du chiffre d’affaires net');
    expect(new URL(q<HTMLAnchorElement>(fr.el, 'a[aria-label="Relevé (PDF): Mara Keller"]')!.href).search).to.equal('?lang=fr');
    window.fetch = realFetch;
    const it = await mount('it');
    expect(q(it.el, 'h2')!.textContent).to.equal('Compensi');
    expect(buttonWith(it.el, 'Chiudi questo periodo…')).to.exist;
    expect(rowsOf(tableWith(it.el, 'Sessioni · Mara Keller'))[0]![4]).to.equal('Svolta');
    await expectAccessible(it.el);
  });

  it('the console\'s navigation opens payroll for the signed-in owner, in the studio\'s zone', async () => {
    stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    const nav = await waitFor(() => buttonWith(el, 'Payroll'), 'the navigation');
    nav.focus();
    await sendKeys({ press: 'Enter' });
    const view = await waitFor(() => q<TandemAdminPayroll>(el, 'tandem-admin-payroll'), 'the payroll view');
    expect(nav.getAttribute('aria-pressed')).to.equal('true');
    expect([view.staffRole, view.zone]).to.deep.equal(['owner', 'Europe/Zurich']);
    await waitFor(() => view.shadowRoot!.querySelector('table.totals'), 'the period');
  });
});

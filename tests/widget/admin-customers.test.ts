/**
 * The console's customers in Chromium: the search list paged by the API's cursor, one
 * customer's record (bookings with intake answers and the note where health answers were
 * withheld, credit balance and ledger, messages), the JSON export link, the erasure after a
 * confirmation with the API's 409 listing the bookings not over, then erased; an instructor sees
 * no credits, export or erasure; en/de/fr/it; axe-clean. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/customers/customers-view.ts';
import type { TandemAdminCustomers } from '../../widget/elements/tandem-admin/customers/customers-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };

const row = (i: number) => ({ id: `c${i}`, name: `Kundin ${i}`, email: `k${i}@example.ch`, phone: i === 1 ? '+41 79 123 45 67' : null, language: 'de', bookings: 1, created_at: '2026-11-01T09:00:00Z' });
const detail = (erased = false) => ({
  customer: { id: 'c1', name: erased ? 'Erased customer' : 'Kundin 1', email: erased ? 'erased-c1@erased.invalid' : 'k1@example.ch', phone: erased ? null : '+41 79 123 45 67', language: 'de', timezone: 'Europe/Zurich', created_at: '2026-11-01T09:00:00Z' },
  bookings: [
    { id: 'b1', status: 'confirmed', created_at: '2026-11-02T09:00:00Z', program: { slug: 'reiki', title: 'Reiki 1:1' }, instructor: { id: 'i1', name: 'Noemi Frei' },
      total: { amount: 14000, currency: 'CHF' }, intake: { answers: [{ name: 'goal', label: 'Your goal', value: 'Calm', health: false }, { name: 'injury', label: 'Injuries', value: 'Knee', health: true }], health_withheld: false } },
    { id: 'b2', status: 'completed', created_at: '2026-10-02T09:00:00Z', program: { slug: 'evolve', title: 'Evolve' }, instructor: { id: 'i2', name: 'Luca Meier' },
      total: { amount: 48000, currency: 'CHF' }, intake: { answers: [], health_withheld: true } },
  ],
  credits: { balance: 3, ledger: [{ id: 'l1', delta: 4, balance_after: 4, reason: 'package', booking_id: 'b2', created_at: '2026-10-02T09:00:00Z' }, { id: 'l2', delta: -1, balance_after: 3, reason: 'session', booking_id: 'b2', created_at: '2026-10-09T09:00:00Z' }] },
  messages: [{ id: 'm1', booking_id: 'b1', from: 'customer', body: 'Can we move Thursday?', created_at: '2026-11-03T09:00:00Z' }],
});

function stubApi(role: 'owner' | 'instructor' = 'owner'): Call[] {
  const calls: Call[] = [];
  let live = true;
  let erased = false;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/customers') {
      const q = url.searchParams.get('q');
      if (q) return json(200, { customers: [row(7)].filter((r) => r.name.toLowerCase().includes(q.toLowerCase()) || r.email.includes(q)), next_cursor: null });
      if (url.searchParams.get('cursor') === 'page2') return json(200, { customers: [row(3)], next_cursor: null });
      return json(200, { customers: [row(1), row(2)], next_cursor: 'page2' });
    }
    if (key === 'GET /v1/admin/customers/c1') {
      const d = detail(erased);
      return json(200, role === 'instructor' ? { ...d, credits: null, bookings: [d.bookings[0]] } : d);
    }
    if (key === 'POST /v1/admin/customers/c1/erase') {
      if (live) { live = false; return json(409, { type: 'x', title: 'Conflict', status: 409, code: 'conflict', detail: 'This customer has bookings that are not over: cancel them first.', bookings: ['b1'] }); }
      erased = true;
      return json(200, { id: 'c1', erased: true });
    }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const deepActive = (): Element | null => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a; };

async function mount(lang: string, role: 'owner' | 'instructor' = 'owner'): Promise<{ el: TandemAdminCustomers; calls: Call[] }> {
  const calls = stubApi(role);
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminCustomers>(html`<tandem-admin-customers lang=${lang} staff-role=${role} .client=${client}></tandem-admin-customers>`);
  await waitFor(() => root(el).querySelector('tbody'), 'the list');
  return { el, calls };
}
const names = (el: Element) => [...root(el).querySelectorAll('tbody td:first-child')].map((td) => td.textContent!.trim());

describe('<tandem-admin-customers>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('lists, pages by the cursor and searches by keyboard (German)', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('de');
    expect(names(el)).to.deep.equal(['Kundin 1', 'Kundin 2']);
    await expectAccessible(el);
    buttonWith(el, 'Mehr anzeigen')!.click();
    await waitFor(() => names(el).length === 3, 'the next page');
    expect(names(el)).to.deep.equal(['Kundin 1', 'Kundin 2', 'Kundin 3']);
    expect(calls.map((c) => c.path)).to.deep.equal(['/v1/admin/customers', '/v1/admin/customers?cursor=page2']);
    expect(buttonWith(el, 'Mehr anzeigen'), 'no more pages').to.equal(undefined);
    expect(deepActive()?.textContent, 'the keyboard goes on at the first new row').to.equal('Kundin 3');
    root(el).querySelector<HTMLInputElement>('#cu-q')!.focus();
    await sendKeys({ type: 'kundin 7' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => names(el).join() === 'Kundin 7', 'the search');
    expect(calls.at(-1)!.path).to.equal('/v1/admin/customers?q=kundin+7');
  });

  it('shows one customer\'s record, exports it, and erases after a confirmation, the 409 listing the live booking first (English)', async () => {
    const { el, calls } = await mount('en');
    buttonWith(el, 'Kundin 1')!.click();
    await waitFor(() => root(el).querySelector('section.booking'), 'the record');
    expect(deepActive()?.id, 'the focus goes to the record\'s heading').to.equal('cu-heading');
    const text = root(el).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Reiki 1:1 · Confirmed');
    const answers = [...root(el).querySelectorAll('section.booking')][0]!.querySelectorAll('dl')[1]!;
    expect([...answers.querySelectorAll('dt, dd')].map((x) => x.textContent)).to.deep.equal(['Your goal', 'Calm', 'Injuries', 'Knee'], 'a health answer where the API gives it');
    expect(text).to.contain('Evolve · Completed');
    expect([...root(el).querySelectorAll('section.booking')][1]!.textContent).to.contain('Health answers are shown only to the booking’s instructor and managers.');
    expect([...root(el).querySelectorAll('section.booking')][0]!.textContent).not.to.contain('Health answers are shown only');
    expect(text).to.contain('CHF 140.00');
    expect(text).to.contain('Balance: 3');
    expect([...root(el).querySelectorAll('table tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent!.trim()).join(' '))).to.deep.equal(['+4 4 package', '-1 3 session']);
    expect(text).to.contain('Can we move Thursday?');
    const exportLink = [...root(el).querySelectorAll('a')].find((a) => a.textContent!.includes('Export'))!;
    expect(exportLink.getAttribute('href')).to.equal('/v1/admin/customers/c1/export');
    expect(exportLink.hasAttribute('download')).to.equal(true);
    await expectAccessible(el);

    buttonWith(el, 'Erase personal data…')!.click();
    await waitFor(() => buttonWith(el, 'Erase for good'), 'the confirmation');
    expect(calls.some((c) => c.path.endsWith('/erase')), 'nothing erased before confirming').to.equal(false);
    await expectAccessible(el);
    buttonWith(el, 'Erase for good')!.click();
    await waitFor(() => root(el).textContent!.includes('These bookings are not over yet'), 'the 409');
    expect(root(el).querySelector('.confirm ul')!.textContent!.trim()).to.equal('Reiki 1:1 · Confirmed');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('cancel them first');
    buttonWith(el, 'Erase personal data…')!.click();
    (await waitFor(() => buttonWith(el, 'Erase for good'), 'the confirmation again')).click();
    await waitFor(() => root(el).textContent!.includes('Personal data erased.'), 'erased');
    const erase = calls.filter((c) => c.path === '/v1/admin/customers/c1/erase').at(-1)!;
    expect(erase.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(erase.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(root(el).querySelector('h2')!.textContent).to.equal('Erased customer');

    const opened: string[] = [];
    el.addEventListener('open-booking', (e) => opened.push((e as CustomEvent<string>).detail));
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Open the booking: Reiki 1:1"]')!.click();
    expect(opened).to.deep.equal(['b1']);
    buttonWith(el, 'Back to the list')!.click();
    await waitFor(() => root(el).querySelector('tbody'), 'the list again');
    await waitFor(() => deepActive()?.textContent === 'Kundin 1', 'the focus back on the customer');
  });

  it('an instructor sees no credits, export or erasure; French and Italian', async () => {
    const { el } = await mount('fr', 'instructor');
    buttonWith(el, 'Kundin 1')!.click();
    await waitFor(() => root(el).querySelector('section.booking'), 'the record');
    expect(root(el).textContent).not.to.contain('Crédits');
    expect(root(el).querySelector('a[download]')).to.equal(null);
    expect(buttonWith(el, 'Effacer les données personnelles…')).to.equal(undefined);
    expect(root(el).textContent).to.contain('Réponses d’inscription');
    await expectAccessible(el);
    const { el: it } = await mount('it');
    expect(root(it).querySelector('h2')!.textContent).to.equal('Clientela');
    expect(buttonWith(it, 'Mostra altri')).to.exist;
    await expectAccessible(it);
  });
});

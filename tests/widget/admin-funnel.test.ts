/**
 * The console's funnel view in Chromium: the last 30 days in the studio's zone by default, the
 * programs' funnels added up as a bar chart and a table (visits, share of the step before, of all
 * views), the attribution by source with paid visits, conversion, bookings and revenue, the CSV
 * link of the same query; another period, program and grouping ask the API again; en/de/fr/it;
 * the API's 403 as the error line; the navigation shows it to owners and managers only; axe-clean.
 * The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/funnel/funnel-view.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdminFunnel } from '../../widget/elements/tandem-admin/funnel/funnel-view.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';
import { funnelSteps, type FunnelStep } from '../../shared/funnel.ts';
import { addDays } from '../../shared/dates.ts';

type Call = { method: string; path: string; query: URLSearchParams };

const steps = (visits: Partial<Record<FunnelStep, number>>) => funnelSteps(visits);
const byProgram = [
  { key: 'evolve', steps: steps({ viewed: 120, time_chosen: 60, intake_done: 40, details_done: 30, checkout_started: 24, paid: 12 }), bookings: 12, revenue: [{ amount: 696000, currency: 'CHF' }] },
  { key: 'reiki', steps: steps({ viewed: 80, time_chosen: 40, details_done: 20, checkout_started: 16, paid: 8 }), bookings: 8, revenue: [{ amount: 112000, currency: 'CHF' }] },
];
const bySource = [
  { key: 'newsletter', steps: steps({ viewed: 150, time_chosen: 80, paid: 15 }), bookings: 15, revenue: [{ amount: 580000, currency: 'CHF' }] },
  { key: '(direct)', steps: steps({ viewed: 50, time_chosen: 20, paid: 5 }), bookings: 6, revenue: [{ amount: 228000, currency: 'CHF' }, { amount: 9000, currency: 'EUR' }] },
];
const programs = { programs: [
  { id: 'pr1', slug: 'evolve', title: 'EVOLVE', status: 'published', category: 'coaching', visibility: 'public', variants: 2, updated_at: '2026-11-01T08:00:00.000Z' },
  { id: 'pr2', slug: 'reiki', title: 'Reiki 1:1', status: 'published', category: 'reiki', visibility: 'public', variants: 1, updated_at: '2026-11-01T08:00:00.000Z' },
] };
const sessionOf = (role: 'owner' | 'instructor') => ({ status: 'signed_in', staff: { id: 'o1', name: 'Sandra Flow', email: 'sandra@example.ch', role, timezone: 'Europe/Zurich' },
  studio: { id: 'org1', name: 'Studio Flow', timezone: 'Pacific/Auckland', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' });

function stubApi(options: { forbidden?: boolean; role?: 'owner' | 'instructor' } = {}): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    calls.push({ method, path: url.pathname, query: url.searchParams });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    if (key === 'GET /v1/admin/session') return json(200, sessionOf(options.role ?? 'owner'));
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [], counts: {}, next_cursor: null });
    if (key === 'GET /v1/admin/programs') return json(200, programs);
    if (key === 'GET /v1/admin/funnel') {
      if (options.forbidden) return json(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'The funnel is for the studio\'s owners and managers.' });
      const q = url.searchParams;
      const by = q.get('by') ?? 'program';
      const groups = by === 'program' ? byProgram.filter((g) => !q.get('program') || g.key === q.get('program')) : by === 'source' ? bySource : [{ ...bySource[0]!, key: 'email' }];
      return json(200, { from: q.get('from'), to: q.get('to'), by, program: q.get('program'), groups });
    }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const funnelCalls = (calls: Call[]) => calls.filter((c) => c.path === '/v1/admin/funnel');
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.trim());
const todayIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function mount(lang: string, options: { forbidden?: boolean } = {}): Promise<{ el: TandemAdminFunnel; calls: Call[] }> {
  const calls = stubApi(options);
  const client = new AdminApi();
  const el = await fixture<TandemAdminFunnel>(html`<tandem-admin-funnel lang=${lang} zone="Pacific/Auckland" .client=${client}></tandem-admin-funnel>`);
  if (!options.forbidden) await waitFor(() => root(el).querySelector('svg') && root(el).querySelectorAll('table').length === 2, 'the chart and both tables');
  return { el, calls };
}

describe('<tandem-admin-funnel>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('the last 30 days in the studio\'s zone: the programs\' steps added up as a chart and a table, attribution by source with revenue, the CSV of it', async () => {
    const { el, calls } = await mount('en');
    const to = todayIn('Pacific/Auckland');
    const asked = funnelCalls(calls);
    expect(asked.map((c) => c.query.get('by')).sort()).to.deep.equal(['program', 'source']);
    for (const c of asked) expect([c.query.get('from'), c.query.get('to'), c.query.get('program')]).to.deep.equal([addDays(to, -29), to, null]);

    const bars = [...root(el).querySelectorAll('svg g[data-step]')];
    expect(bars.map((g) => g.getAttribute('data-step'))).to.deep.equal(['viewed', 'time_chosen', 'intake_done', 'details_done', 'checkout_started', 'paid']);
    const width = (step: string) => Number(root(el).querySelector(`g[data-step="${step}"] rect.bar`)!.getAttribute('width'));
    expect(width('viewed')).to.equal(330);
    expect(width('time_chosen')).to.equal(165, '100 of 200 visits: half the longest bar');
    expect(width('paid')).to.equal(33);
    expect(root(el).querySelector('svg title')!.textContent).to.contain('Viewed 200, Time chosen 100, Questions answered 40');

    const stepRows = [...root(el).querySelectorAll('table')[0]!.querySelectorAll('tbody tr')];
    expect(cells(stepRows[0]!)).to.deep.equal(['Viewed', '200', '—', '—']);
    expect(cells(stepRows[1]!)).to.deep.equal(['Time chosen', '100', '50%', '50%']);
    expect(cells(stepRows[5]!)).to.deep.equal(['Paid', '20', '50%', '10%']);

    const sourceRows = [...root(el).querySelectorAll('table')[1]!.querySelectorAll('tbody tr')];
    const money = (amount: number, currency: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
    expect(cells(sourceRows[0]!)).to.deep.equal(['newsletter', '150', '15', '10%', '15', money(5800, 'CHF')]);
    expect(cells(sourceRows[1]!)).to.deep.equal(['(direct)', '50', '5', '10%', '6', `${money(2280, 'CHF')}, ${money(90, 'EUR')}`]);
    const csv = root(el).querySelector<HTMLAnchorElement>('a[download]')!;
    const href = new URL(csv.href);
    expect(href.pathname).to.equal('/v1/admin/funnel.csv');
    expect(Object.fromEntries(href.searchParams)).to.deep.equal({ from: addDays(to, -29), to, by: 'source' });
    await expectAccessible(el);
  });

  it('another period, one program and another grouping ask again (by keyboard)', async () => {
    const { el, calls } = await mount('en');
    const r = root(el);
    const set = (sel: string, value: string) => { const f = r.querySelector<HTMLInputElement | HTMLSelectElement>(sel)!; f.value = value; };
    set('#fu-from', '2026-11-01');
    set('#fu-to', '2026-11-30');
    set('#fu-program', 'evolve');
    set('#fu-by', 'medium');
    const before = funnelCalls(calls).length;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => funnelCalls(calls).length === before + 2, 'two new requests');
    const asked = funnelCalls(calls).slice(before);
    for (const c of asked) expect([c.query.get('from'), c.query.get('to'), c.query.get('program')]).to.deep.equal(['2026-11-01', '2026-11-30', 'evolve']);
    expect(asked.map((c) => c.query.get('by')).sort()).to.deep.equal(['medium', 'program']);
    await waitFor(() => r.querySelector('table:nth-of-type(2) tbody th')?.textContent === 'email', 'the medium table');
    expect(cells(r.querySelectorAll('table')[0]!.querySelector('tbody tr')!)).to.deep.equal(['Viewed', '120', '—', '—'], 'only EVOLVE');
    expect(r.querySelectorAll('h3')[1]!.textContent).to.equal('Attribution: Medium');
  });

  it('German, French and Italian', async () => {
    for (const [lang, heading, viewed, paid] of [['de', 'Conversion-Trichter', 'Angesehen', 'Bezahlt'], ['fr', 'Entonnoir de conversion', 'Vu', 'Payé'], ['it', 'Imbuto di conversione', 'Visto', 'Pagato']] as const) {
      const { el } = await mount(lang);
      expect(root(el).querySelector('h2')!.textContent).to.equal(heading);
      const rows = [...root(el).querySelectorAll('table')[0]!.querySelectorAll('tbody th')].map((th) => th.textContent);
      expect([rows[0], rows[5]]).to.deep.equal([viewed, paid]);
      await expectAccessible(el);
    }
  });

  it('the API\'s 403 (an instructor\'s key) is the error line', async () => {
    const { el } = await mount('en', { forbidden: true });
    const alert = await waitFor(() => root(el).querySelector('[role="alert"] .error'), 'the error');
    expect(alert.textContent).to.contain('owners and managers');
  });

  it('the console\'s navigation opens it for an owner, in the studio\'s zone; an instructor has no such button', async () => {
    stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    const buttonWith = (text: string) => [...root(el).querySelectorAll('nav button')].find((b) => b.textContent!.trim() === text) as HTMLButtonElement | undefined;
    const nav = await waitFor(() => buttonWith('Funnel'), 'the navigation');
    nav.click();
    const view = await waitFor(() => root(el).querySelector<TandemAdminFunnel>('tandem-admin-funnel'), 'the funnel view');
    expect(nav.getAttribute('aria-pressed')).to.equal('true');
    expect(view.zone).to.equal('Pacific/Auckland');

    stubApi({ role: 'instructor' });
    const other = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    await waitFor(() => root(other).querySelector('nav button'), 'the navigation');
    expect([...root(other).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.not.include('Funnel');
  });
});

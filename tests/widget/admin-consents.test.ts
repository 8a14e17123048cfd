/**
 * The marketing view's consents list, in Chromium against a stub admin API: filtered by status
 * (unsubscribed = withdrawn) and searched by e-mail address, each a new first page; "show more"
 * follows the API's cursor and appends; how many are shown is said politely; the filter's controls
 * are labelled; en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import type { TandemAdminMarketing } from '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

const ID = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const consent = (n: number, status: string) => ({
  id: ID(n), customer: { id: ID(n + 50), name: `Kundin ${n}` }, email: `k${n}@example.ch`, status, source: 'checkout', locale: 'de', wording: 'Ja', wording_version: '1',
  requested_at: '2026-11-01T09:00:00Z', request_ip_hash: 'x', confirmed_at: null, confirm_ip_hash: null, withdrawn_at: status === 'withdrawn' ? '2026-11-03T09:00:00Z' : null, withdrawn_via: null,
});
const STATUSES = ['confirmed', 'pending', 'withdrawn', 'expired'];
const ALL = Array.from({ length: 60 }, (_, i) => consent(i + 1, STATUSES[i % 4]!));

function stubApi(): URL[] {
  const asked: URL[] = [];
  window.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input), location.href);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    if (url.pathname !== '/v1/admin/marketing/consents') return json(404, { code: 'not_found', title: 'Not found' });
    asked.push(url);
    const p = url.searchParams;
    const hits = ALL.filter((c) => (!p.get('status') || c.status === p.get('status')) && (!p.get('q') || c.email.includes(p.get('q')!)));
    const from = p.get('cursor') ? Number(p.get('cursor')) : 0;
    const limit = Number(p.get('limit') ?? 100);
    const page = hits.slice(from, from + limit);
    return json(200, { consents: page, next_cursor: from + limit < hits.length ? String(from + limit) : null });
  };
  return asked;
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll('tbody tr')];
const status = (el: Element) => root(el).querySelector('[role="status"]')!.textContent!.trim();
async function mount(lang = 'en'): Promise<{ el: TandemAdminMarketing; asked: URL[] }> {
  const asked = stubApi();
  const el = await fixture<TandemAdminMarketing>(html`<tandem-admin-marketing lang=${lang} .client=${new AdminApi()}></tandem-admin-marketing>`);
  await waitFor(() => root(el).querySelector('tbody'), 'the consents');
  return { el, asked };
}

describe('the consents list', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('pages by the cursor, filters by status and searches by address, saying how many are shown; axe-clean', async function () {
    this.timeout(30_000);
    const { el, asked } = await mount();
    expect(rows(el)).to.have.length(50);
    expect(asked[0]!.searchParams.get('limit')).to.equal('50');
    expect(status(el)).to.equal('50+ consents shown.');
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Show more')!.click();
    await waitFor(() => rows(el).length === 60, 'the second page');
    expect(asked.at(-1)!.searchParams.get('cursor')).to.equal('50');
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Show more')).to.equal(false);
    await expectAccessible(el);

    const select = root(el).querySelector<HTMLSelectElement>('#cs-status')!;
    expect(root(el).querySelector('label[for="cs-status"]')!.textContent).to.equal('Status');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['All', 'Confirmed', 'Pending', 'Unsubscribed', 'Expired (never confirmed)']);
    select.value = 'withdrawn';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => rows(el).length === 15, 'the unsubscribed');
    expect(asked.at(-1)!.searchParams.get('status')).to.equal('withdrawn');
    expect(asked.at(-1)!.searchParams.get('cursor')).to.equal(null, 'a new first page');
    expect(rows(el).every((r) => r.textContent!.includes('Withdrawn'))).to.equal(true);
    expect(status(el)).to.equal('15 consents shown.');

    const q = root(el).querySelector<HTMLInputElement>('#cs-q')!;
    expect(root(el).querySelector('label[for="cs-q"]')!.textContent).to.equal('E-mail address contains');
    q.value = 'k3';
    q.dispatchEvent(new Event('input'));
    root(el).querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    const expected = ['k3@example.ch', 'k31@example.ch', 'k35@example.ch', 'k39@example.ch'];
    await waitFor(() => asked.at(-1)!.searchParams.get('q') === 'k3' && rows(el).length === expected.length, 'the search');
    expect(asked.at(-1)!.searchParams.get('status')).to.equal('withdrawn', 'with the status');
    expect(rows(el).map((r) => r.querySelectorAll('td')[1]!.textContent)).to.deep.equal(expected);
    expect(status(el)).to.equal('4 consents shown.');
    await expectAccessible(el);
  });

  for (const [lang, label, option] of [['de', 'E-Mail-Adresse enthält', 'Abgemeldet'], ['fr', 'L’adresse e-mail contient', 'Désabonnés'], ['it', 'L’indirizzo e-mail contiene', 'Disiscritti']] as const) {
    it(`in ${lang}: its own words`, async () => {
      const { el } = await mount(lang);
      expect(root(el).querySelector('label[for="cs-q"]')!.textContent).to.equal(label);
      expect([...root(el).querySelector<HTMLSelectElement>('#cs-status')!.options].map((o) => o.textContent)).to.include(option);
      await expectAccessible(el);
    });
  }
});

/**
 * The console's marketing view in Chromium against a stub admin API: consents (record a withdrawal,
 * resend a confirmation), referrals with rewards, reviews approved or hidden (stars with a text
 * alternative), segments created and edited with their live counts, members and CSV link, campaigns
 * written in four languages with a Markdown preview, scheduled, test-sent and cancelled; the tabs by
 * keyboard; en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, sendKeys, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import type { TandemAdminMarketing } from '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: any };
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const consent = (n: number, status: string) => ({
  id: ID(n), customer: { id: ID(n + 5), name: `Kundin ${n}` }, email: `k${n}@example.ch`, status, source: 'checkout', locale: 'de', wording: 'Ja', wording_version: '1',
  requested_at: '2026-11-01T09:00:00Z', request_ip_hash: 'x', confirmed_at: status === 'confirmed' ? '2026-11-02T09:00:00Z' : null, confirm_ip_hash: null, withdrawn_at: null, withdrawn_via: null,
});
const segment = { id: ID(1), name: 'German', filter: { languages: ['de'] }, created_at: '2026-11-01T09:00:00Z', count: 12, with_consent: 5 };
const campaign = (status: string) => ({
  id: ID(2), name: 'Winter', segment_id: ID(1), status, subject: { en: 'Winter' }, body_md: { en: 'Hello' }, send_at: '2027-01-10T09:00:00Z',
  started_at: null, finished_at: null, cancelled_at: status === 'cancelled' ? '2026-12-07T09:00:00Z' : null, queued: 0, skipped: 0, delivered: 0, pending: 0, failed: 0, unsubscribed: 0,
});
const review = (status: string) => ({
  id: ID(3), booking_id: ID(4), program: { slug: 'reiki', title: 'Reiki' }, customer: { id: ID(5), name: 'Ben Keller', email: 'ben@example.ch' }, rating: 4, text: 'Calm and kind.',
  consent_to_publish: true, consent_text: 'ok', display_name: 'Ben K.', submitted_at: '2026-12-05T09:00:00Z', status, moderated_at: null,
});

const sessionOf = (role: 'owner' | 'instructor') => ({ status: 'signed_in', staff: { id: 'o1', name: 'Sandra Flow', email: 'sandra@example.ch', role, timezone: 'Europe/Zurich' },
  studio: { id: 'org1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' });

function stubApi(role: 'owner' | 'instructor' = 'owner'): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const key = `${method} ${url.pathname}`;
    switch (key) {
      case 'GET /v1/admin/session': return json(200, sessionOf(role));
      case 'GET /v1/admin/bookings': return json(200, { bookings: [], counts: {}, next_cursor: null });
      case 'GET /v1/admin/programs': return json(200, { programs: [{ id: ID(4), slug: 'reiki', title: 'Reiki 1:1', status: 'published', category: 'x', visibility: 'public', variants: 1, updated_at: '2026-11-01T09:00:00Z' }] });
      case 'GET /v1/admin/marketing/consents': return json(200, { consents: [consent(1, 'confirmed'), consent(2, 'pending')] });
      case `POST /v1/admin/marketing/consents/${ID(1)}/withdraw`: return json(200, { ...consent(1, 'withdrawn'), withdrawn_at: '2026-12-07T09:00:00Z', withdrawn_via: 'staff' });
      case `POST /v1/admin/marketing/consents/${ID(2)}/resend`: return json(202, consent(2, 'pending'));
      case 'GET /v1/admin/referrals': return json(200, { referrals: [{ code: 'LEA-K7QM', referrer: { id: ID(6), name: 'Léa Bühler', email: 'lea@example.ch' }, uses: 1, referee_discount_bp: 1000, referrer_reward_credits: 1, created_at: '2026-11-01T09:00:00Z',
        rewards: [{ id: ID(7), referee: { id: ID(8), name: 'Tom Frei', email: 'tom@example.ch' }, order_id: ID(9), booking_id: ID(9), credits: 1, status: 'granted', due_at: '2026-12-01T09:00:00Z', granted_at: '2026-12-01T09:00:00Z', voided_at: null, void_reason: null }] }] });
      case 'GET /v1/admin/referrals/reward': return json(200, { kind: 'credits', credits: 1 });
      case 'GET /v1/admin/reviews': return json(200, { reviews: [review('pending')] });
      case `POST /v1/admin/reviews/${ID(3)}/approve`: return json(200, review('approved'));
      case 'GET /v1/admin/segments': return json(200, { segments: [segment] });
      case 'POST /v1/admin/segments': return body.name ? json(201, { ...segment, id: ID(9), name: body.name, filter: body.filter, count: 3, with_consent: 1 })
        : json(400, { code: 'validation_failed', detail: 'Check the fields', errors: [{ field: 'name', message: 'is required' }] });
      case `PATCH /v1/admin/segments/${ID(1)}`: return json(200, { ...segment, name: body.name, filter: body.filter, count: 4, with_consent: 2 });
      case `GET /v1/admin/segments/${ID(1)}/members`: return json(200, { members: [{ id: ID(5), name: 'Anna Graf', email: 'anna@example.ch', language: 'de', last_booking_at: null, total_paid: 14000, credits: 0, consent: true }] });
      case 'GET /v1/admin/campaigns': return json(200, { campaigns: [campaign('scheduled')] });
      case 'POST /v1/admin/campaigns': return json(201, { ...campaign('scheduled'), id: ID(7), name: body.name, subject: body.subject, body_md: body.body_md, send_at: body.send_at ?? '2026-12-07T09:00:00Z' });
      case 'POST /v1/admin/programs/preview': return json(200, { html: `<p>${String(body.markdown).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>` });
      case `POST /v1/admin/campaigns/${ID(2)}/cancel`: return json(200, campaign('cancelled'));
      case `POST /v1/admin/campaigns/${ID(2)}/test`: return json(202, { to: 'sandra@studioflow.example' });
      default: return json(404, { code: 'not_found', title: 'Not found' });
    }
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const button = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
async function mount(lang: string): Promise<{ el: TandemAdminMarketing; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminMarketing>(html`<tandem-admin-marketing lang=${lang} .client=${client}></tandem-admin-marketing>`);
  await waitFor(() => root(el).querySelector('tbody'), 'the consents');
  return { el, calls };
}
const tab = async (el: TandemAdminMarketing, name: string) => {
  [...root(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((b) => b.textContent!.trim() === name)!.click();
  await el.updateComplete;
};
const status = (el: Element) => root(el).querySelector('[role="status"]')!.textContent!.trim();

describe('<tandem-admin-marketing>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('consents: staff record a withdrawal and resend a pending confirmation (with CSRF and Idempotency-Key); axe-clean', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('en');
    const rows = () => [...root(el).querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows()[0]).to.contain('Kundin 1').and.contain('Confirmed');
    await expectAccessible(el);
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Record withdrawal: Kundin 1"]')!.click();
    await waitFor(() => rows()[0]!.includes('Withdrawn'), 'withdrawn');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).to.equal(`/v1/admin/marketing/consents/${ID(1)}/withdraw`);
    expect(post.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(post.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(status(el)).to.equal('Withdrawal recorded.');
    expect(root(el).querySelector('button[aria-label="Record withdrawal: Kundin 1"]')).to.equal(null);
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Resend confirmation: Kundin 2"]')!.click();
    await waitFor(() => status(el) === 'Confirmation mail sent again.', 'resent');
  });

  it('the sections by keyboard; referrals with rewards; a review approved, its stars read as text', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('en');
    root(el).querySelector<HTMLButtonElement>('#tab-consents')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => root(el).textContent!.includes('LEA-K7QM'), 'the referrals');
    expect(root(el).querySelector('#tab-referrals')!.getAttribute('aria-selected')).to.equal('true');
    expect(root(el).activeElement?.id).to.equal('tab-referrals');
    expect(root(el).querySelector('tbody')!.textContent!.replace(/\s+/g, ' ')).to.contain('Tom Frei: 1 credits, granted');
    await expectAccessible(el);
    await sendKeys({ press: 'End' });
    await waitFor(() => root(el).textContent!.includes('Calm and kind.'), 'the reviews');
    expect(root(el).querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal('4 out of 5 stars');
    await expectAccessible(el);
    button(el, 'Approve as testimonial')!.click();
    await waitFor(() => root(el).querySelector('tbody')!.textContent!.includes('Shown'), 'approved');
    expect(calls.some((c) => c.method === 'POST' && c.path === `/v1/admin/reviews/${ID(3)}/approve`)).to.equal(true);
    expect(button(el, 'Approve as testimonial')).to.equal(undefined);
  });

  it('segments: a new one refused without a name, then created; one edited; its members and CSV', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('en');
    await tab(el, 'Segments');
    await waitFor(() => root(el).textContent!.includes('German'), 'the segments');
    button(el, 'New segment')!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('form')!;
    form.noValidate = true;
    form.requestSubmit();
    await waitFor(() => root(el).querySelector('[role="alert"] li'), 'the problem');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('name: is required');
    const name = root(el).querySelector<HTMLInputElement>('#sg-name')!;
    name.value = 'French friends';
    name.dispatchEvent(new Event('input'));
    const fr = [...root(el).querySelectorAll('fieldset label')].find((l) => l.textContent!.includes('French'))!.querySelector('input')!;
    fr.click();
    const tick = (text: string) => [...root(el).querySelectorAll('fieldset label')].find((l) => l.textContent!.trim() === text)!.querySelector('input')!.click();
    tick('Reiki 1:1');
    tick('completed');
    const consent = root(el).querySelector<HTMLSelectElement>('#sg-consent')!;
    consent.value = 'confirmed';
    consent.dispatchEvent(new Event('change'));
    const paid = root(el).querySelector<HTMLInputElement>('#sg-paid')!;
    paid.value = '100';
    paid.dispatchEvent(new Event('input'));
    await el.updateComplete;
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('French friends'), 'created');
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/v1/admin/segments').at(-1)!.body).to.deep.equal({ name: 'French friends', filter: { languages: ['fr'], program_ids: [ID(4)], booking_statuses: ['completed'], consent: 'confirmed', min_total_paid: 10000 } });
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Edit: German"]')!.click();
    await el.updateComplete;
    const edit = root(el).querySelector<HTMLInputElement>('#sg-name')!;
    expect(edit.value).to.equal('German');
    edit.value = 'German speakers';
    edit.dispatchEvent(new Event('input'));
    await el.updateComplete;
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('German speakers'), 'edited');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).to.equal(`/v1/admin/segments/${ID(1)}`);
    expect(patch.body).to.deep.equal({ name: 'German speakers', filter: { languages: ['de'] } });
    expect(root(el).querySelector('tbody')!.textContent).to.contain('4');
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Show members: German speakers"]')!.click();
    await waitFor(() => root(el).textContent!.includes('Anna Graf'), 'the members');
    expect(root(el).querySelector<HTMLAnchorElement>('a[download]')!.getAttribute('href')).to.equal(`/v1/admin/segments/${ID(1)}/members.csv`);
    await expectAccessible(el);
  });

  it('campaigns in German: written in four languages with a preview, scheduled, a test sent, a scheduled one cancelled', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('de');
    await tab(el, 'Kampagnen');
    await waitFor(() => root(el).textContent!.includes('Winter'), 'the campaigns');
    expect(root(el).querySelector('tbody')!.textContent).to.contain('Geplant');
    button(el, 'Neue Kampagne')!.click();
    await el.updateComplete;
    const type = async (sel: string, value: string) => {
      const input = root(el).querySelector<HTMLInputElement | HTMLTextAreaElement>(sel)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
    };
    await type('#cp-name', 'Frühling');
    for (const [l, s, b] of [['en', 'Spring', 'New **morning** class'], ['de', 'Frühling', 'Neu: ein **Morgenkurs**'], ['fr', 'Printemps', 'Nouveau'], ['it', 'Primavera', 'Novità']] as const) {
      await type(`#cp-subject-${l}`, s);
      await type(`#cp-body-${l}`, b);
    }
    root(el).querySelector<HTMLButtonElement>('#cp-body-de ~ p button')!.click();
    const preview = await waitFor(() => root(el).querySelector('figure.preview'), 'the preview');
    expect(preview.innerHTML).to.contain('<strong>Morgenkurs</strong>');
    expect(preview.getAttribute('aria-label')).to.equal('Vorschau (Deutsch)');
    [...root(el).querySelectorAll<HTMLInputElement>('input[name="cp-when"]')][1]!.click();
    await el.updateComplete;
    await type('#cp-at', '2027-03-01T09:30');
    await expectAccessible(el);
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Frühling'), 'created');
    const created = calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/campaigns')!.body;
    expect(created.subject).to.deep.equal({ en: 'Spring', de: 'Frühling', fr: 'Printemps', it: 'Primavera' });
    expect(created.body_md.de).to.equal('Neu: ein **Morgenkurs**');
    expect(created.send_at).to.equal(new Date('2027-03-01T09:30').toISOString());
    expect(created.segment_id).to.equal(ID(1));
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Test senden: Winter"]')!.click();
    await waitFor(() => status(el) === 'Test an sandra@studioflow.example gesendet.', 'the test');
    expect(calls.find((c) => c.path === `/v1/admin/campaigns/${ID(2)}/test`)!.body).to.deep.equal({ language: 'de' });
    await type('#cp-test-to', 'team@studioflow.example');
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Test senden: Winter"]')!.click();
    await waitFor(() => calls.filter((c) => c.path === `/v1/admin/campaigns/${ID(2)}/test`).length === 2 && !el.busy, 'the second test');
    await el.updateComplete;
    expect(calls.filter((c) => c.path === `/v1/admin/campaigns/${ID(2)}/test`)[1]!.body).to.deep.equal({ email: 'team@studioflow.example', language: 'de' });
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Kampagne absagen: Winter"]')!.click();
    await waitFor(() => root(el).querySelector('tbody')!.textContent!.includes('Abgesagt'), 'cancelled');
    expect(root(el).querySelector('button[aria-label="Kampagne absagen: Winter"]')).to.equal(null);
  });

  for (const [lang, heading, tabs] of [['fr', 'Marketing', ['Consentements', 'Parrainages', 'Segments', 'Campagnes', 'Automatisations', 'Avis']], ['it', 'Marketing', ['Consensi', 'Raccomandazioni', 'Segmenti', 'Campagne', 'Automazioni', 'Recensioni']]] as const) {
    it(`in ${lang}: its own words`, async () => {
      const { el } = await mount(lang);
      expect(root(el).querySelector('h2')!.textContent).to.equal(heading);
      expect([...root(el).querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim())).to.deep.equal([...tabs]);
      await expectAccessible(el);
    });
  }

  it('the console\'s menu opens it for an owner (its view, no other view touched); an instructor has no such entry', async () => {
    stubApi();
    const el = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    const entry = () => [...root(el).querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent!.trim() === 'Marketing');
    (await waitFor(entry, 'the menu entry')).click();
    await waitFor(() => root(el).querySelector('tandem-admin-marketing'), 'the marketing view');
    expect(entry()!.getAttribute('aria-pressed')).to.equal('true');
    stubApi('instructor');
    const other = await fixture<TandemAdmin>(html`<tandem-admin lang="en"></tandem-admin>`);
    await waitFor(() => root(other).querySelector('nav button'), 'the navigation');
    expect([...root(other).querySelectorAll('nav button')].map((b) => b.textContent!.trim())).to.not.include('Marketing');
  });
});

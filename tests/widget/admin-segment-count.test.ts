/**
 * The segment form's live count, in Chromium against a stub admin API: opening the form counts the
 * empty filter; changes ask again once typing settles (debounced; a late answer to an older filter is
 * dropped), and the count line is a polite, atomic live region, busy while a newer count is asked; the
 * filters the API had and the form lacked (last booking before, credits at least, utm_source, tags)
 * are labelled and reach the saved segment; a segment being edited shows its saved count at once;
 * en/de/fr/it; axe-clean.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import type { TandemAdminMarketing } from '../../widget/elements/tandem-admin/marketing/marketing-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';
import { COUNT_DELAY_MS } from '../../widget/elements/tandem-admin/marketing/segment-count.ts';

type Call = { method: string; path: string; body: any };
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const segment = { id: ID(1), name: 'Regulars', filter: { min_credits: 2, tags: ['vip', 'yoga'], utm_source: 'newsletter', last_booking_before: new Date('2026-06-01T00:00:00').toISOString() }, created_at: '2026-11-01T09:00:00Z', count: 12, with_consent: 5 };

/** When the slow count (slowFirst) has been answered. */
let slowAnswered = false;

/** Counts a filter as "number of its fields × 10"; with `slowFirst` the second count answers after 4 × COUNT_DELAY_MS. */
function stubApi(opts: { slowFirst?: boolean } = {}): Call[] {
  const calls: Call[] = [];
  slowAnswered = false;
  let previews = 0;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    switch (`${method} ${url.pathname}`) {
      case 'GET /v1/admin/marketing/consents': return json(200, { consents: [] });
      case 'GET /v1/admin/segments': return json(200, { segments: [segment] });
      case 'GET /v1/admin/programs': return json(200, { programs: [] });
      case 'POST /v1/admin/segments/preview': {
        previews++;
        const n = Object.keys(body.filter).length;
        if (opts.slowFirst && previews === 2) {
          await new Promise((r) => setTimeout(r, 4 * COUNT_DELAY_MS));
          slowAnswered = true;
        }
        return json(200, { count: 100 - n * 10, with_consent: 50 - n * 10, sample: [] });
      }
      case 'POST /v1/admin/segments': return json(201, { ...segment, id: ID(9), name: body.name, filter: body.filter, count: 3, with_consent: 1 });
      case `PATCH /v1/admin/segments/${ID(1)}`: return json(200, { ...segment, name: body.name, filter: body.filter, count: 4, with_consent: 2 });
      default: return json(404, { code: 'not_found', title: 'Not found' });
    }
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const button = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const line = (el: Element) => root(el).querySelector('#sg-count');
async function openForm(lang = 'en', opts: { slowFirst?: boolean } = {}): Promise<{ el: TandemAdminMarketing; calls: Call[] }> {
  const calls = stubApi(opts);
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminMarketing>(html`<tandem-admin-marketing lang=${lang} .client=${client}></tandem-admin-marketing>`);
  el.select('segments');
  await waitFor(() => root(el).textContent!.includes('Regulars'), 'the segments');
  return { el, calls };
}
const type = async (el: TandemAdminMarketing, sel: string, value: string) => {
  const input = root(el).querySelector<HTMLInputElement>(sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
};
const previews = (calls: Call[]) => calls.filter((c) => c.path === '/v1/admin/segments/preview');

describe('the segment form\'s live count', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('counts as the filters change, once typing settles, in a polite live region; the new filters are saved; axe-clean', async function () {
    this.timeout(30_000);
    const { el, calls } = await openForm();
    button(el, 'New segment')!.click();
    await el.updateComplete;
    const region = line(el)!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.getAttribute('aria-atomic')).to.equal('true');
    await waitFor(() => line(el)!.textContent!.trim() === '100 members, 50 with consent', 'the count of everyone');
    expect(previews(calls)[0]!.body).to.deep.equal({ filter: {} });

    await type(el, '#sg-name', 'Regular newsletter readers');
    await type(el, '#sg-credits', '2');
    await type(el, '#sg-utm', 'news');
    await type(el, '#sg-utm', 'newsletter');
    await type(el, '#sg-tags', 'vip, yoga ,, vip');
    await type(el, '#sg-before', '2026-06-01');
    expect(line(el)!.textContent!.trim()).to.equal('100 members, 50 with consent', 'the last count stays while typing');
    await waitFor(() => line(el)!.textContent!.trim() === '60 members, 10 with consent', 'the new count');
    expect(previews(calls).length).to.equal(2, 'one count for the burst of changes; none for the name');
    expect(previews(calls)[1]!.body.filter).to.deep.equal({ min_credits: 2, utm_source: 'newsletter', tags: ['vip', 'yoga'], last_booking_before: new Date('2026-06-01T00:00:00').toISOString() });
    expect(line(el)!.getAttribute('aria-busy')).to.equal('false');
    for (const [id, label] of [['sg-before', 'Last booking before'], ['sg-credits', 'Credits at least'], ['sg-utm', 'Came from (utm_source)'], ['sg-tags', 'Has one of these tags']]) {
      expect(root(el).querySelector(`label[for="${id}"]`)!.textContent).to.equal(label);
    }
    await expectAccessible(el);
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => root(el).textContent!.includes('Regular newsletter readers'), 'saved');
    const saved = calls.find((c) => c.method === 'POST' && c.path === '/v1/admin/segments')!.body;
    expect(saved).to.deep.equal({ name: 'Regular newsletter readers', filter: previews(calls)[1]!.body.filter });
    expect(line(el)).to.equal(null, 'the form is closed');
  });

  it('an older count arriving after a newer one is dropped; the line is busy meanwhile', async function () {
    this.timeout(30_000);
    const { el, calls } = await openForm('en', { slowFirst: true });
    button(el, 'New segment')!.click();
    await waitFor(() => line(el)?.textContent!.trim() === '100 members, 50 with consent', 'the first count');
    await type(el, '#sg-credits', '1');
    await waitFor(() => previews(calls).length === 2, 'the slow count asked');
    await waitFor(() => line(el)!.getAttribute('aria-busy') === 'true', 'busy');
    await type(el, '#sg-utm', 'x');
    await waitFor(() => line(el)!.textContent!.trim() === '80 members, 30 with consent', 'the newer count');
    // The older answer arrives; a moment for its body to be read and any update to render.
    await waitFor(() => slowAnswered, 'the older answer');
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(line(el)!.textContent!.trim()).to.equal('80 members, 30 with consent', 'not replaced by the older answer');
  });

  it('editing shows the saved count at once and fills the new fields from the filter', async function () {
    this.timeout(30_000);
    const { el, calls } = await openForm('en');
    root(el).querySelector<HTMLButtonElement>('button[aria-label="Edit: Regulars"]')!.click();
    await el.updateComplete;
    expect(line(el)!.textContent!.trim()).to.equal('12 members, 5 with consent');
    expect(root(el).querySelector<HTMLInputElement>('#sg-credits')!.value).to.equal('2');
    expect(root(el).querySelector<HTMLInputElement>('#sg-utm')!.value).to.equal('newsletter');
    expect(root(el).querySelector<HTMLInputElement>('#sg-tags')!.value).to.equal('vip, yoga');
    expect(root(el).querySelector<HTMLInputElement>('#sg-before')!.value).to.equal('2026-06-01');
    await type(el, '#sg-tags', '');
    await waitFor(() => line(el)!.textContent!.trim() === '70 members, 20 with consent', 'recounted');
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitFor(() => calls.some((c) => c.method === 'PATCH'), 'saved');
    expect(calls.find((c) => c.method === 'PATCH')!.body.filter).to.deep.equal({ min_credits: 2, utm_source: 'newsletter', last_booking_before: segment.filter.last_booking_before });
  });

  for (const [lang, labels] of [
    ['de', ['Letzte Buchung vor', 'Mindestens Guthaben', 'Kam über (utm_source)', 'Hat einen dieser Tags', '100 Mitglieder, 50 mit Einwilligung']],
    ['fr', ['Dernière réservation avant', 'Crédits au moins', 'Venu·e par (utm_source)', 'A l’une de ces étiquettes', '100 membres, 50 avec consentement']],
    ['it', ['Ultima prenotazione prima del', 'Crediti almeno', 'Arrivato/a da (utm_source)', 'Ha una di queste etichette', '100 membri, 50 con consenso']],
  ] as const) {
    it(`in ${lang}: the new fields and the count in its words`, async function () {
      this.timeout(30_000);
      const { el } = await openForm(lang);
      [...root(el).querySelectorAll<HTMLButtonElement>('p > button')][0]!.click();
      await el.updateComplete;
      expect(['sg-before', 'sg-credits', 'sg-utm', 'sg-tags'].map((id) => root(el).querySelector(`label[for="${id}"]`)!.textContent)).to.deep.equal(labels.slice(0, 4));
      await waitFor(() => line(el)!.textContent!.trim() === labels[4], 'the count');
      await expectAccessible(el);
    });
  }
});

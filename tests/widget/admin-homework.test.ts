/**
 * The booking view of the console lists the customer's homework (GET /v1/admin/bookings/:id/artifacts):
 * read-only, each file a download link through the admin API (which signs a fresh link), with its
 * milestone, size and date; an empty list and a refused list say so. axe-clean; English and German.
 * The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/entries/tandem-admin.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

const session = { status: 'signed_in', staff: { id: 's1', name: 'Mara', email: 'mara@studioflow.example', role: 'instructor', timezone: 'Europe/Zurich' },
  studio: { id: 'o1', name: 'Studio Flow', timezone: 'Europe/Zurich', currency: 'CHF', default_locale: 'de' }, csrf_token: 'csrf-1', expires_at: '2026-12-07T20:00:00Z' };
const row = { id: 'b1', status: 'confirmed', booking_status: 'confirmed', program: { id: 'p1', slug: 'split', title: 'SPLIT' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
  instructor: { id: 'i1', name: 'Mara Keller' }, next_session: null, sessions_count: 6, total_price: { amount: 54000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
const detail = { ...row, variant: { id: 'v1', name: 'Six' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
  hold_expires_at: null, cancelled_at: null, cancellation_reason: null, intake: { answers: [], health_withheld: false }, sessions: [], sessions_to_schedule: 0, order: null,
  progress: [{ milestone_id: 'm1', name: 'Front split video', due_day_offset: 14, completed_at: null, artifact_url: null, notes_md: null },
    { milestone_id: 'm2', name: 'Stretch diary', due_day_offset: 28, completed_at: null, artifact_url: null, notes_md: null }],
  events: [] };
const file = (id: string, milestone: string, filename: string, size: number, at: string) => ({ id, milestone_id: milestone, filename, content_type: 'application/pdf', kind: 'pdf',
  size_bytes: size, uploaded_at: at, download_url: `http://files.example/v1/files/signed-${id}`, download_expires_at: '2026-12-07T10:05:00.000Z' });

function stubApi(artifacts: (status: number) => [number, unknown]): string[] {
  const asked: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    asked.push(key);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    if (key === 'GET /v1/admin/session') return json(200, session);
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [row], counts: { reserved: 0, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail);
    if (key === 'GET /v1/admin/bookings/b1/artifacts') { const [status, body] = artifacts(200); return json(status, body); }
    return json(404, { code: 'not_found', title: 'Not found' });
  };
  return asked;
}

const root = (el: TandemAdmin) => el.shadowRoot!;
const homework = (el: TandemAdmin) => root(el).querySelector('tandem-admin-homework')?.shadowRoot ?? null;

async function openBooking(lang: 'en' | 'de' | 'fr' | 'it'): Promise<TandemAdmin> {
  const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
  await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
  [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Lea Brunner'))!.click();
  await waitFor(() => homework(el)?.querySelector('h3'), 'the homework section');
  return el;
}

describe('<tandem-admin> booking homework', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('lists the uploaded files with their milestone, size and a download link through the admin API (English)', async function () {
    this.timeout(60_000); // loads axe
    const asked = stubApi(() => [200, { artifacts: [
      file('a1', 'm1', 'split-week2.pdf', 2_400_000, '2026-12-05T08:30:00.000Z'),
      file('a2', 'm2', 'diary.pdf', 51_200, '2026-12-06T17:00:00.000Z'),
    ], max_bytes: 20 * 1024 * 1024 }]);
    const el = await openBooking('en');
    const h = homework(el)!;
    const links = await waitFor(() => { const a = [...h.querySelectorAll('a')]; return a.length === 2 && a; }, 'two files');
    expect(h.querySelector('h3')!.textContent).to.equal('Homework');
    expect(links.map((a) => a.textContent)).to.deep.equal(['split-week2.pdf', 'diary.pdf']);
    expect(links.map((a) => new URL(a.href).pathname + new URL(a.href).search)).to.deep.equal([
      '/v1/admin/bookings/b1/artifacts/a1?download=1', '/v1/admin/bookings/b1/artifacts/a2?download=1']);
    expect(links[0]!.getAttribute('download')).to.equal('split-week2.pdf');
    expect(links[0]!.getAttribute('aria-label')).to.equal('Download split-week2.pdf');
    const items = [...h.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items[0]).to.match(/^split-week2\.pdf \(2\.3 MB\) · Front split video · uploaded 5 Dec 2026/);
    expect(items[1]).to.match(/^diary\.pdf \(50 kB\) · Stretch diary · uploaded 6 Dec 2026/);
    expect(asked).to.include('GET /v1/admin/bookings/b1/artifacts');
    // Read-only: nothing to remove or upload.
    expect(h.querySelectorAll('button, input')).to.have.length(0);
    await expectAccessible(el);
  });

  it('says when nothing was uploaded, and shows a refused list as an error (German)', async () => {
    stubApi(() => [200, { artifacts: [], max_bytes: 20 * 1024 * 1024 }]);
    let el = await openBooking('de');
    await waitFor(() => homework(el)!.textContent!.includes('Keine Hausaufgaben hochgeladen.'), 'the empty list');
    expect(homework(el)!.querySelector('h3')!.textContent).to.equal('Hausaufgaben');

    stubApi(() => [404, { code: 'not_found', title: 'Not found', detail: 'No such booking.' }]);
    el = await openBooking('de');
    const alert = await waitFor(() => homework(el)!.querySelector('[role="alert"]'), 'the error');
    expect(alert.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Die Hausaufgaben konnten nicht geladen werden: No such booking.');
    expect(homework(el)!.querySelectorAll('a')).to.have.length(0);
  });

  it('French and Italian: the heading, the size and the date in the language', async () => {
    stubApi(() => [200, { artifacts: [file('a1', 'm1', 'split-week2.pdf', 2_400_000, '2026-12-05T08:30:00.000Z')], max_bytes: 20 * 1024 * 1024 }]);
    for (const [lang, heading, item] of [['fr', 'Devoirs', /^split-week2\.pdf \(2,3 MB\) · Front split video · déposé le 5 déc\. 2026/], ['it', 'Compiti', /^split-week2\.pdf \(2\.3 MB\) · Front split video · caricato il 5 dic 2026/]] as const) {
      const el = await openBooking(lang);
      const h = homework(el)!;
      await waitFor(() => h.querySelector('a'), `the file (${lang})`);
      expect(h.querySelector('h3')!.textContent).to.equal(heading);
      expect(h.querySelector('li')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(item);
    }
  });
});

/**
 * The console's availability view in Chromium: the week as a table (open hours, a session, a
 * class, time off and a closure on their days, in the instructor's zone), weekly hours edited by
 * keyboard and a refusal for a booked session answered with "keep anyway" (sent again with
 * force), time off entered in the instructor's zone; axe-clean; German and English. The admin API
 * is a stub on window.fetch that records what the view sent.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/availability/availability-view.ts';
import type { TandemAdminAvailability } from '../../widget/elements/tandem-admin/availability/availability-view.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };

const week = {
  instructor: { id: 'i1', name: 'Noemi Frei', timezone: 'Europe/Zurich' },
  instructors: [{ id: 'i1', name: 'Noemi Frei' }, { id: 'i2', name: 'Mara Keller' }],
  from: '2026-12-07', to: '2026-12-13',
  weekly: [{ id: 'w1', weekday: 1, start: '10:00', end: '17:00', location_id: null, valid_from: null, valid_until: null },
    { id: 'w3', weekday: 3, start: '10:00', end: '17:00', location_id: null, valid_from: null, valid_until: null }],
  overrides: [],
  open: [{ starts_at: '2026-12-07T09:00:00.000Z', ends_at: '2026-12-07T16:00:00.000Z' }, { starts_at: '2026-12-09T09:00:00.000Z', ends_at: '2026-12-09T16:00:00.000Z' }],
  time_off: [{ id: 't1', starts_at: '2026-12-07T13:00:00.000Z', ends_at: '2026-12-07T14:00:00.000Z', note: 'Zahnarzt' }],
  classes: [{ id: 'c1', instructor_id: 'i1', title: 'Yin', starts_at: '2026-12-09T14:00:00.000Z', ends_at: '2026-12-09T15:00:00.000Z', resource_id: null, feed_id: null }],
  sessions: [{ id: 's1', booking_id: 'b1', starts_at: '2026-12-09T09:00:00.000Z', ends_at: '2026-12-09T10:15:00.000Z', status: 'scheduled', program: 'Reiki', customer: 'Ana Muster' }],
  closures: [{ id: 'x1', starts_on: '2026-12-11', ends_on: '2026-12-11', name: 'Studiofest', timezone: 'Europe/Zurich' }],
  locations: [{ id: 'l1', name: 'Langstrasse' }],
};
const stranded = { id: 's1', booking_id: 'b1', instructor_id: 'i1', starts_at: '2026-12-09T09:00:00.000Z', ends_at: '2026-12-09T10:15:00.000Z', program: 'Reiki', customer: 'Ana Muster' };

function stubApi(): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) }, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    if (method === 'GET' && url.pathname === '/v1/admin/availability') return json(200, week);
    if (method === 'GET' && url.pathname === '/v1/admin/calendar-feeds') return json(200, { feeds: [] });
    if (method === 'GET' && url.pathname === '/v1/admin/closures') {
      return json(200, { closures: [{ id: 'x0', starts_on: '2020-01-01', ends_on: '2020-01-01', name: 'Long ago', timezone: 'Europe/Zurich' },
        week.closures[0], { id: 'x2', starts_on: '2099-08-01', ends_on: '2099-08-01', name: 'Bundesfeier', timezone: 'Europe/Zurich' }] });
    }
    if (method === 'GET' && url.pathname === '/v1/admin/rooms') return json(200, { locations: [] });
    if (method === 'PUT' && url.pathname === '/v1/admin/availability/i1/weekly') {
      if (!body?.force) return json(409, { type: 'x', title: 'Booked sessions would be left outside the hours', status: 409, code: 'sessions_in_the_way', detail: '1 booked session…', sessions: [stranded] });
      return json(200, { ok: true, stranded: [stranded], ids: ['w1'] });
    }
    if (method === 'POST' && url.pathname === '/v1/admin/availability/i1/time-off') return json(201, { ok: true, stranded: [], ids: ['t2'] });
    return json(404, { code: 'not_found', title: 'Not found', status: 404, type: 'x' });
  };
  return calls;
}

const root = (el: Element) => el.shadowRoot!;
const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

async function mount(lang: string, role = 'owner'): Promise<{ el: TandemAdminAvailability; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminAvailability>(html`<tandem-admin-availability lang=${lang} staff-role=${role} .client=${client}></tandem-admin-availability>`);
  await waitFor(() => root(el).querySelector('table.week'), 'the week');
  return { el, calls };
}

describe('<tandem-admin-availability>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('shows the week in German: open hours, the session, the class, time off and the closure on their days', async () => {
    const { el } = await mount('de');
    const heads = [...root(el).querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(heads[0]).to.match(/^Montag 7\. Dez/);
    expect(heads).to.have.length(7);
    const cells = [...root(el).querySelectorAll('tbody td')].map((td) => (td.querySelectorAll('li').length ? [...td.querySelectorAll('li')].map((li) => li.textContent!.trim()).join(' | ') : td.textContent!.trim()));
    expect(cells[0]).to.equal('Verfügbar 10:00–17:00 | Abwesend 14:00–15:00 · Zahnarzt');
    expect(cells[2]).to.equal('Verfügbar 10:00–17:00 | Sitzung 10:00–11:15 · Reiki · Ana Muster | Kurs 15:00–16:00 · Yin');
    expect(cells[4]).to.equal('Studio geschlossen · Studiofest');
    expect(cells[1]).to.equal('Nichts');
    expect(root(el).textContent).to.contain('Zeiten in Europe/Zurich');
    expect(root(el).querySelector('#cl-name'), 'owners close the studio').to.exist;
    // The closures ahead are read after the week: wait for that answer, not only the week's.
    await waitFor(() => root(el).querySelector('button[aria-label$=": Bundesfeier"]'), 'the closures ahead');
    const listed = [...root(el).querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(listed.filter((t) => t.includes('Bundesfeier')), 'a closure beyond this week is listed with its remove button').to.deep.equal(['2099-08-01–2099-08-01 · Bundesfeier Entfernen']);
    expect(listed.some((t) => t.includes('Long ago')), 'past closures are not').to.equal(false);
    await expectAccessible(el);
  });

  it('removing Wednesday\'s hours by keyboard is refused for the booked session; "keep anyway" sends it again with force', async () => {
    const { el, calls } = await mount('en');
    const remove = [...root(el).querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Remove: Wednesday 10:00–17:00')!;
    remove.focus();
    remove.click();
    const form = root(el).querySelector<HTMLInputElement>('#wh-0-start')!.form!;
    form.requestSubmit();
    await waitFor(() => buttonWith(el, 'Keep the change anyway'), 'the refusal with its sessions');
    expect(root(el).querySelector('#conflict-title')!.textContent).to.equal('These booked sessions would be left outside the hours:');
    expect(root(el).textContent).to.contain('Reiki · Ana Muster');
    await expectAccessible(el);
    const first = calls.find((c) => c.method === 'PUT')!;
    expect(first.body).to.deep.equal({ hours: [{ weekday: 1, start: '10:00', end: '17:00' }] });
    expect(first.headers['Tandem-CSRF']).to.equal('csrf-1');
    buttonWith(el, 'Keep the change anyway')!.click();
    await waitFor(() => root(el).textContent!.includes('Kept. These sessions are now outside the hours'), 'the kept change with its sessions');
    const forced = calls.filter((c) => c.method === 'PUT')[1]!;
    expect(forced.body).to.deep.equal({ hours: [{ weekday: 1, start: '10:00', end: '17:00' }], force: true });
    expect(forced.headers['Idempotency-Key']).to.not.equal(first.headers['Idempotency-Key']);
  });

  it('time off is entered in the instructor\'s zone (Zurich, UTC+1 in December); an instructor sees no closure form', async () => {
    const { el, calls } = await mount('en', 'instructor');
    expect(root(el).querySelector('#cl-name')).to.equal(null);
    const start = root(el).querySelector<HTMLInputElement>('#to-start')!;
    start.focus();
    start.value = '2026-12-10T09:00';
    root(el).querySelector<HTMLInputElement>('#to-end')!.value = '2026-12-10T12:30';
    root(el).querySelector<HTMLInputElement>('#to-note')!.value = 'Course';
    start.form!.requestSubmit();
    const post = await waitFor(() => calls.find((c) => c.method === 'POST'), 'the time off');
    expect(post.path).to.equal('/v1/admin/availability/i1/time-off');
    expect(post.body).to.deep.equal({ starts_at: '2026-12-10T08:00:00.000Z', ends_at: '2026-12-10T11:30:00.000Z', note: 'Course' });
    await waitFor(() => root(el).textContent!.includes('Saved.'), 'saved');
    await expectAccessible(el);
  });
});

/**
 * The availability view's classes, calendar feeds and rooms in Chromium: the lists in German,
 * French and Italian; an owner schedules a class by keyboard (times read in the instructor's
 * zone, the room chosen), a class over booked sessions is refused with them and no "anyway";
 * a feed address the API refuses is shown beside its field; "read now" and removal; an
 * instructor gets no class or room form. axe-clean. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import '../../widget/elements/tandem-admin/availability/availability-view.ts';
import type { TandemAdminAvailability } from '../../widget/elements/tandem-admin/availability/availability-view.ts';
import type { TandemAdminAvailabilityBlocks } from '../../widget/elements/tandem-admin/availability/availability-blocks.ts';
import { AdminApi } from '../../widget/elements/tandem-admin/core/api.ts';

type Call = { method: string; path: string; body: unknown };

const week = {
  instructor: { id: 'i1', name: 'Noemi Frei', timezone: 'Europe/Zurich' },
  instructors: [{ id: 'i1', name: 'Noemi Frei' }],
  from: '2026-12-07', to: '2026-12-13',
  weekly: [], overrides: [], open: [], time_off: [], sessions: [], closures: [],
  classes: [
    { id: 'c1', instructor_id: 'i1', title: 'Yin', starts_at: '2026-12-09T14:00:00.000Z', ends_at: '2026-12-09T15:00:00.000Z', resource_id: 'r1', feed_id: null },
    { id: 'c2', instructor_id: 'i1', title: 'Elsewhere', starts_at: '2026-12-10T09:00:00.000Z', ends_at: '2026-12-10T10:00:00.000Z', resource_id: null, feed_id: 'f1' },
  ],
  locations: [{ id: 'l1', name: 'Langstrasse' }],
};
const feeds = { feeds: [
  { id: 'f1', instructor_id: 'i1', url: 'https://cal.example/noemi.ics', label: 'Other studio', last_synced_at: '2026-12-07T06:00:00.000Z', last_error: null, events_imported: 3 },
  { id: 'f2', instructor_id: 'i2', url: 'https://cal.example/mara.ics', label: 'Mara elsewhere', last_synced_at: null, last_error: null, events_imported: 0 },
] };
const rooms = { locations: [{ id: 'l1', name: 'Langstrasse', timezone: 'Europe/Zurich', rooms: [{ id: 'r1', name: 'Lotus room' }, { id: 'r2', name: 'Studio A' }] }] };
const session = { id: 's1', booking_id: 'b1', instructor_id: 'i1', starts_at: '2026-12-11T09:00:00.000Z', ends_at: '2026-12-11T10:15:00.000Z', program: 'Reiki', customer: 'Ana Muster' };

function stubApi(): Call[] {
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) as Record<string, unknown> : undefined;
    calls.push({ method, path: url.pathname, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    const problem = (status: number, code: string, extra: object = {}) => json(status, { type: 'x', title: code, status, code, ...extra });
    if (method === 'GET' && url.pathname === '/v1/admin/availability') return json(200, week);
    if (method === 'GET' && url.pathname === '/v1/admin/calendar-feeds') return json(200, feeds);
    if (method === 'GET' && url.pathname === '/v1/admin/rooms') return json(200, rooms);
    if (method === 'POST' && url.pathname === '/v1/admin/classes') {
      if (body?.title === 'Over Reiki') return problem(409, 'sessions_in_the_way', { sessions: [session] });
      return json(201, { ok: true, stranded: [], ids: ['c3'] });
    }
    if (method === 'POST' && url.pathname === '/v1/admin/calendar-feeds') {
      return problem(400, 'validation_failed', { title: 'The request is not valid', errors: [{ field: 'url', message: 'must be on a public address' }] });
    }
    if (method === 'POST' && url.pathname === '/v1/admin/calendar-feeds/f1/sync') return json(202, { id: 'f1', queued: true });
    if (method === 'DELETE' && url.pathname === '/v1/admin/calendar-feeds/f1') return json(200, { id: 'f1', removed: true });
    return problem(404, 'not_found');
  };
  return calls;
}

async function mount(lang: string, role = 'owner'): Promise<{ el: TandemAdminAvailability; blocks: TandemAdminAvailabilityBlocks; calls: Call[] }> {
  const calls = stubApi();
  const client = new AdminApi();
  client.csrf = 'csrf-1';
  const el = await fixture<TandemAdminAvailability>(html`<tandem-admin-availability lang=${lang} staff-role=${role} .client=${client}></tandem-admin-availability>`);
  const blocks = await waitFor(() => el.shadowRoot!.querySelector('tandem-admin-availability-blocks'), 'the classes, feeds and rooms');
  await waitFor(() => blocks.shadowRoot!.textContent!.includes('Lotus room'), 'the rooms');
  return { el, blocks, calls };
}

const inner = (b: TandemAdminAvailabilityBlocks) => b.shadowRoot!;
const field = <T extends HTMLElement = HTMLInputElement>(b: TandemAdminAvailabilityBlocks, id: string) => inner(b).querySelector<T>(`#${id}`)!;

/** Focuses a field and types into it, as a keyboard user would. */
async function type(b: TandemAdminAvailabilityBlocks, id: string, text: string): Promise<void> {
  field(b, id).focus();
  await sendKeys({ type: text });
}

describe('<tandem-admin-availability-blocks>', () => {
  const realFetch = window.fetch;
  afterEach(() => { window.fetch = realFetch; });

  it('lists the week\'s classes, the instructor\'s feeds and the rooms in German, French and Italian', async () => {
    const { blocks } = await mount('de');
    const text = inner(blocks).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Gruppenkurse');
    expect(text).to.match(/Yin · Lotus room/);
    expect(text).to.contain('aus einem Kalender-Abo');
    expect(text).to.contain('Other studio');
    expect(text).to.contain('3 Termine importiert');
    expect(text, 'another instructor\'s feed is not listed').to.not.contain('Mara elsewhere');
    expect(text).to.contain('Langstrasse: Lotus room, Studio A');
    expect(inner(blocks).querySelector('[aria-label="Entfernen: Elsewhere"]'), 'an imported class goes with its feed only').to.equal(null);
    await expectAccessible(blocks);
    for (const [lang, heading] of [['fr', 'Cours collectifs'], ['it', 'Corsi di gruppo']] as const) {
      const other = await mount(lang);
      expect([...inner(other.blocks).querySelectorAll('h3')].map((h) => h.textContent)).to.include(heading);
      await expectAccessible(other.blocks);
    }
  });

  it('an owner schedules a class by keyboard in the instructor\'s zone; one over booked sessions is refused with them', async () => {
    const { el, blocks, calls } = await mount('en');
    await type(blocks, 'cls-title', 'Over Reiki');
    field(blocks, 'cls-start').value = '2026-12-11T09:30';
    field(blocks, 'cls-end').value = '2026-12-11T11:00';
    field<HTMLSelectElement>(blocks, 'cls-room').value = 'r2';
    field(blocks, 'cls-title').focus();
    await sendKeys({ press: 'Enter' });
    const refused = await waitFor(() => inner(blocks).querySelector('[role="alert"].error'), 'the sessions in the way');
    expect(refused.textContent).to.contain('The class meets these booked sessions');
    expect(refused.textContent).to.contain('Reiki · Ana Muster');
    expect([...inner(blocks).querySelectorAll('button')].some((b) => /anyway/i.test(b.textContent!)), 'no "anyway" for a class').to.equal(false);
    await expectAccessible(blocks);
    const first = calls.find((c) => c.method === 'POST')!;
    expect(first.body).to.deep.equal({ instructor_id: 'i1', title: 'Over Reiki', starts_at: '2026-12-11T08:30:00.000Z', ends_at: '2026-12-11T10:00:00.000Z', capacity: 12, resource_id: 'r2' });

    field(blocks, 'cls-title').value = '';
    await type(blocks, 'cls-title', 'Yang');
    field(blocks, 'cls-title').focus();
    const weekReads = calls.filter((c) => c.path === '/v1/admin/availability').length;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => inner(blocks).textContent!.includes('Saved.'), 'saved');
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).to.include({ title: 'Yang' });
    await waitFor(() => calls.filter((c) => c.path === '/v1/admin/availability').length > weekReads, 'the week read again');
    expect(inner(blocks).querySelector('[role="alert"].error')).to.equal(null);
    expect(el.shadowRoot!.querySelector('table.week')).to.exist;
  });

  it('a refused feed address is shown beside its field; "read now" and removal reach the API', async () => {
    const { blocks, calls } = await mount('en');
    await type(blocks, 'feed-url', 'https://10.0.0.1/x.ics');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => inner(blocks).querySelector('#feed-url-error'), 'the field\'s message');
    expect(field(blocks, 'feed-url').getAttribute('aria-invalid')).to.equal('true');
    expect(field(blocks, 'feed-url').getAttribute('aria-describedby')).to.equal('feed-url-error');
    expect(inner(blocks).querySelector('#feed-url-error')!.textContent).to.equal('must be on a public address');
    expect(calls.find((c) => c.path === '/v1/admin/calendar-feeds' && c.method === 'POST')!.body).to.deep.equal({ instructor_id: 'i1', url: 'https://10.0.0.1/x.ics', label: '' });
    await expectAccessible(blocks);

    const read = inner(blocks).querySelector<HTMLButtonElement>('[aria-label="Read now: Other studio"]')!;
    read.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => inner(blocks).textContent!.includes('The feed will be read in a moment.'), 'queued');
    inner(blocks).querySelector<HTMLButtonElement>('[aria-label="Remove the feed: Other studio"]')!.click();
    await waitFor(() => calls.some((c) => c.method === 'DELETE' && c.path === '/v1/admin/calendar-feeds/f1'), 'the removal');
  });

  it('an instructor keeps their feeds but gets no class or room form', async () => {
    const { blocks } = await mount('en', 'instructor');
    expect(field(blocks, 'feed-url')).to.exist;
    expect(inner(blocks).querySelector('#cls-title')).to.equal(null);
    expect(inner(blocks).querySelector('#room-name')).to.equal(null);
    expect(inner(blocks).querySelector('[aria-label^="Remove: Yin"]')).to.equal(null);
    await expectAccessible(blocks);
  });
});

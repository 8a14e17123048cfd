/**
 * Each online session's meeting link in the booking detail (Chromium): a hybrid booking's session
 * rows have a link field filled with the session's address; staff save another (PUT …/meeting-url
 * with the CSRF token and an Idempotency-Key), see the API's field message beside the field for a
 * non-web address, and remove it with an empty field (null); German words; an in-person booking
 * has no such column; axe-clean. The admin API is a stub on window.fetch.
 */
import { fixture, html } from '@open-wc/testing';
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';
import { json, problem, restoreFetchAfterEach, root, stubAdminApi, type Call } from './helpers/admin-console.ts';

const sessionRow = (id: string, seq: number, day: string, url: string | null) => ({ id, seq, starts_at: `2026-12-${day}T09:00:00.000Z`, ends_at: `2026-12-${day}T10:00:00.000Z`, timezone: 'Europe/Zurich',
  status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: null, meeting_url: url });
function detail(mode: string) {
  return {
    id: 'b1', status: 'confirmed', booking_status: 'confirmed', program: { id: 'p1', slug: 'evolve', title: 'EVOLVE' }, delivery_mode: mode,
    customer: { id: 'c1', name: 'Ana Muster', email: 'ana@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' }, instructor: { id: 'i1', name: 'Noemi Frei' },
    next_session: null, sessions_count: 2, total_price: { amount: 48000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z',
    variant: { id: 'v1', name: 'Four sessions' }, hold_expires_at: null, cancelled_at: null, cancellation_reason: null, notes_private_md: null,
    intake: { answers: [], health_withheld: false },
    sessions: mode === 'in_person' ? [sessionRow('se1', 1, '09', null)] : [sessionRow('se1', 1, '09', 'https://meet.studioflow.example/evolve'), sessionRow('se2', 2, '16', 'https://meet.studioflow.example/evolve')],
    sessions_to_schedule: 0, order: null, progress: [], events: [],
  };
}

function stubApi(mode: string): Call[] {
  const booking = detail(mode);
  return stubAdminApi(({ key, headers, body }) => {
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [booking], counts: { reserved: 0, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, booking);
    const put = /^PUT \/v1\/admin\/bookings\/b1\/sessions\/(se\d)\/meeting-url$/.exec(key);
    if (put) {
      const given = body!.meeting_url;
      if (typeof given === 'string' && !/^https?:\/\//.test(given)) {
        const de = headers['Accept-Language'] === 'de';
        return problem(400, { code: 'validation_failed', title: 'Invalid', errors: [{ field: 'meeting_url', message: de ? 'muss eine http- oder https-Adresse sein' : 'must be an http or https address' }] });
      }
      const s = booking.sessions.find((x) => x.id === put[1])!;
      s.meeting_url = given as string | null;
      return json(200, { session: s });
    }
    return undefined;
  });
}

async function openBooking(lang: string, mode: string): Promise<{ el: TandemAdmin; calls: Call[] }> {
  const calls = stubApi(mode);
  const el = await fixture<TandemAdmin>(html`<tandem-admin lang=${lang}></tandem-admin>`);
  await waitFor(() => root(el).querySelector('.board'), 'the pipeline');
  await el.openBooking('b1');
  await waitFor(() => root(el).querySelector('tandem-admin-booking-actions'), 'the booking');
  return { el, calls };
}

const fields = (el: TandemAdmin) => [...root(el).querySelectorAll('tandem-admin-meeting-url')];
function submit(field: Element, value: string): void {
  const input = root(field).querySelector<HTMLInputElement>('input')!;
  input.value = value;
  input.form!.requestSubmit();
}

describe('a session\'s meeting link in the booking detail', () => {
  restoreFetchAfterEach();

  it('shows each online session\'s link, saves another for one session, shows the field\'s problem, removes it (English)', async function () {
    this.timeout(30_000);
    const { el, calls } = await openBooking('en', 'hybrid');
    expect([...root(el).querySelectorAll('th')].map((h) => h.textContent!.trim())).to.include('Meeting link');
    const [first, second] = fields(el);
    await waitFor(() => root(second!).querySelector('input'), 'the field');
    expect(root(second!).querySelector('label')!.textContent).to.equal('Meeting link of session 2');
    expect(root(second!).querySelector<HTMLInputElement>('input')!.value).to.equal('https://meet.studioflow.example/evolve');
    await expectAccessible(el);

    submit(second!, 'javascript:alert(1)');
    const error = await waitFor(() => root(second!).querySelector('#meeting-se2-error'), 'the field message');
    expect(error.textContent).to.equal('must be an http or https address');
    expect(root(second!).querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');

    submit(second!, 'https://meet.example/room-2');
    await waitFor(() => root(second!).querySelector('.notice'), 'saved');
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.path).to.equal('/v1/admin/bookings/b1/sessions/se2/meeting-url');
    expect(put.body).to.deep.equal({ meeting_url: 'https://meet.example/room-2' });
    expect(put.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(put.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    expect(root(second!).querySelector('.notice')!.textContent).to.equal('Meeting link saved.');
    expect(root(first!).querySelector<HTMLInputElement>('input')!.value).to.equal('https://meet.studioflow.example/evolve', 'the other session keeps its own');

    submit(first!, '  ');
    await waitFor(() => root(first!).querySelector('.notice'), 'removed');
    expect(calls.filter((c) => c.method === 'PUT').at(-1)!.body).to.deep.equal({ meeting_url: null });
    expect(root(first!).querySelector('.notice')!.textContent).to.equal('Meeting link removed.');
    await expectAccessible(el);
  });

  it('speaks German, the API\'s message too', async () => {
    const { el } = await openBooking('de', 'online');
    const [first] = fields(el);
    await waitFor(() => root(first!).querySelector('input'), 'the field');
    expect(root(first!).querySelector('label')!.textContent).to.equal('Meeting-Link von Sitzung 1');
    submit(first!, 'ftp://files.example');
    const error = await waitFor(() => root(first!).querySelector('#meeting-se1-error'), 'the field message');
    expect(error.textContent).to.equal('muss eine http- oder https-Adresse sein');
  });

  it('has no link column for an in-person booking', async () => {
    const { el } = await openBooking('en', 'in_person');
    expect(fields(el)).to.have.length(0);
    expect([...root(el).querySelectorAll('th')].map((h) => h.textContent!.trim())).to.not.include('Meeting link');
  });
});

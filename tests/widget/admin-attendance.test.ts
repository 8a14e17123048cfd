/**
 * Attendance in the console, in Chromium: "Check in" and "No-show" are offered only where the admin
 * API takes them (shared/attendance.ts): on a paid booking (confirmed or in progress, never a
 * reserved one awaiting its payment), check-in from an hour before the session starts, a no-show
 * from its start until the attendance grace period is over. Moving the session stays offered.
 * Session times are set from the browser's clock, as the console reads it.
 */
import { expect, waitFor } from './helpers/dom.ts';
import { button, json, openBooking, restoreFetchAfterEach, root, stubAdminApi } from './helpers/admin-console.ts';
import type { TandemAdmin } from '../../widget/elements/tandem-admin/tandem-admin.ts';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Lea Brunner's one-session booking, stored as `bookingStatus`, its session starting `startsIn` from now (an hour long). */
function booking(bookingStatus: string, startsIn: number, staffStatus = 'scheduled') {
  const start = Date.now() + startsIn;
  const status = bookingStatus === 'reserved' ? 'reserved' : staffStatus === 'awaiting_attendance' ? 'awaiting_attendance' : bookingStatus;
  const row = { id: 'b1', status, booking_status: bookingStatus, program: { id: 'p1', slug: 'reiki', title: 'Reiki 1:1' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
    instructor: { id: 'i1', name: 'Mara Keller' }, next_session: null, sessions_count: 1, total_price: { amount: 14000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
  const detail = { ...row, variant: { id: 'v1', name: 'Single' }, delivery_mode: 'in_person',
    customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
    hold_expires_at: bookingStatus === 'reserved' ? iso(Date.now() + 48 * 60 * MIN) : null, cancelled_at: null, cancellation_reason: null, notes_private_md: null,
    intake: { answers: [], health_withheld: false },
    sessions: [{ id: 'se1', seq: 1, starts_at: iso(start), ends_at: iso(start + 60 * MIN), timezone: 'Europe/Zurich', status: 'scheduled', revision: 0,
      check_in_at: null, staff_status: staffStatus, notes_private_md: null, meeting_url: null }],
    sessions_to_schedule: 0, order: null, progress: [], events: [] };
  return { row, detail };
}

function stubApi(b: ReturnType<typeof booking>) {
  return stubAdminApi(({ key }) => {
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [b.row], counts: { reserved: 0, confirmed: 0, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0, [b.row.status]: 1 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, b.detail);
    return undefined;
  });
}

const actions = (el: TandemAdmin) => root(el).querySelector('tandem-admin-booking-actions')?.shadowRoot ?? null;

/** The console opened on the booking: which of "Check in #1" and "No-show #1" its actions offer ("Move #1" is always there). */
async function offered(bookingStatus: string, startsIn: number, staffStatus?: string): Promise<string[]> {
  const { el } = await openBooking('en', stubApi(booking(bookingStatus, startsIn, staffStatus)), (e) => button(actions(e), 'Move #1'), 'the session\'s actions');
  return ['Check in #1', 'No-show #1'].filter((text) => button(actions(el), text));
}

describe('<tandem-admin> attendance', () => {
  restoreFetchAfterEach();

  it('offers neither check-in nor no-show on a reserved booking, even while its session runs', async function () {
    this.timeout(30_000);
    expect(await offered('reserved', -10 * MIN)).to.deep.equal([]);
    expect(await offered('reserved', 30 * MIN)).to.deep.equal([]);
  });

  it('on a paid booking: check-in from an hour before the start, a no-show from the start until the grace period is over', async () => {
    expect(await offered('confirmed', 3 * 60 * MIN), 'three hours ahead').to.deep.equal([]);
    expect(await offered('confirmed', 30 * MIN), 'half an hour ahead').to.deep.equal(['Check in #1']);
    expect(await offered('in_progress', -10 * MIN), 'running').to.deep.equal(['Check in #1', 'No-show #1']);
    expect(await offered('in_progress', -90 * MIN, 'awaiting_attendance'), 'ended, attendance still open').to.deep.equal(['Check in #1', 'No-show #1']);
    // Past the grace period, before the lifecycle job completed it: the API would complete it and refuse a no-show.
    expect(await offered('in_progress', -30 * 60 * MIN), 'the grace period is over').to.deep.equal(['Check in #1']);
  });

  it('offers them again once the booking is paid (German)', async () => {
    const { el } = await openBooking('de', stubApi(booking('confirmed', -5 * MIN)), (e) => button(actions(e), 'Einchecken #1'), 'the check-in');
    await waitFor(() => button(actions(el), 'Nicht erschienen #1'), 'the no-show');
  });
});

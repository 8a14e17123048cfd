/**
 * <tandem-portal> offers to move the series ("a week later", "a week earlier", "a new first date")
 * only for a booking of several sessions, as the portal API does (POST …/reschedule-series refuses
 * a booking of one session with 409 invalid_state): a one-session booking offers its session's own
 * move alone, even where an answer calls the series movable. In Chromium against a fake portal API (msw).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMocks, worker } from './helpers/mock-api.ts';
import { waitFor } from './helpers/dom.ts';
import type { TandemPortal } from '../../widget/elements/tandem-portal/tandem-portal.ts';
import '../../widget/entries/tandem-portal.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const TOKEN = 'M'.repeat(43);
const session = (seq: number, starts: string) => ({
  id: `2222222${seq}-2222-4222-8222-222222222222`, seq, starts_at: starts, ends_at: new Date(Date.parse(starts) + 3_600_000).toISOString(), timezone: 'Europe/Zurich',
  state: 'scheduled', revision: 0, change_deadline: new Date(Date.parse(starts) - 86_400_000).toISOString(), actions: { reschedule: true, cancel: true }, meeting_url: null,
});
/** A paid Reiki booking of `count` weekly sessions, every one ahead and free to move. */
const booking = (count: number, seriesMovable: boolean) => ({
  id: ID, status: 'confirmed', program: { slug: 'reiki', title: 'Reiki 1:1' }, variant: { name: count === 1 ? 'Single session' : `${count} sessions` },
  instructor: { id: '33333333-3333-4333-8333-333333333333', name: 'Noemi Keller' },
  next_session: null, sessions_to_schedule: 0, sessions_count: count, total_price: { amount: 14000 * count, currency: 'CHF' },
  sessions: Array.from({ length: count }, (_, i) => session(i + 1, new Date(Date.parse('2030-03-06T07:00:00.000Z') + i * 7 * 86_400_000).toISOString())),
  milestones: [], money: null,
  policy: { free_cancel_hours: 24, late_cancel_fee_bp: 5000, no_show_fee_bp: 10000 },
  actions: { schedule_sessions: false, reschedule_series: seriesMovable, cancel: true, message: true, update_card: false, pay_balance: false, pay_balance_once: false },
});

const SERIES = ['Move all remaining one week later', 'One week earlier', 'Move the series to a new first date'];
const root = (el: TandemPortal) => el.shadowRoot!;
const buttons = (el: TandemPortal) => [...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim());

async function open(answer: ReturnType<typeof booking>): Promise<TandemPortal> {
  worker.resetHandlers(
    http.get('*/v1/portal/bookings', () => HttpResponse.json({ bookings: [answer] })),
    http.get(`*/v1/portal/bookings/${ID}`, () => HttpResponse.json(answer)),
    http.get(`*/v1/portal/bookings/${ID}/messages`, () => HttpResponse.json({ messages: [] })),
    http.get(`*/v1/portal/bookings/${ID}/artifacts`, () => HttpResponse.json({ artifacts: [], max_bytes: 20 * 1024 * 1024 })),
  );
  const el = await fixture<TandemPortal>(html`<tandem-portal token=${TOKEN} lang="en"></tandem-portal>`);
  await waitFor(() => buttons(el).includes('Move'), 'the session\'s own move');
  return el;
}

describe('<tandem-portal> moving the series', () => {
  before(async () => { await startMocks(); });
  after(() => worker.stop());

  it('a booking of one session offers its session\'s move, never the series\' (a week later or earlier, a new first date)', async () => {
    for (const seriesMovable of [true, false]) {
      const el = await open(booking(1, seriesMovable));
      expect(buttons(el).filter((b) => SERIES.includes(b)), `reschedule_series: ${seriesMovable}`).to.deep.equal([]);
      await expect(el).to.be.accessible();
    }
  });

  it('a booking of several sessions offers the series moves', async () => {
    const el = await open(booking(4, true));
    expect(buttons(el).filter((b) => SERIES.includes(b))).to.have.members(SERIES);
  });
});

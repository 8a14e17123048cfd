/**
 * Lea Brunner's paid two-session SPLIT booking (CHF 180, by card), as the console's booking record
 * reads it, with the refund quote the refund dialog asks for: shared by the record's refund and
 * note tests. One booking per test file: a refund posted stays on its order for the file's later tests.
 */
import { json, type AdminRequest } from './admin-console.ts';

export function splitBooking(detailExtra: Record<string, unknown> = {}) {
  const row = { id: 'b1', status: 'confirmed', booking_status: 'confirmed', program: { id: 'p1', slug: 'split', title: 'SPLIT' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch' },
    instructor: { id: 'i1', name: 'Luca Brunner' }, next_session: null, sessions_count: 2, total_price: { amount: 18000, currency: 'CHF' }, source: {}, created_at: '2026-12-01T08:00:00.000Z' };
  const order = { id: 'o1', status: 'paid', currency: 'CHF', subtotal: 18000, discount_total: 0, discount: null, vat_total: 0, rounding_adjustment: 0, total: 18000, amount_paid: 18000, amount_due: 0,
    lines: [], booking_id: 'b1', customer: null, created_at: '2026-12-01T08:00:00.000Z', payments: [{ id: 'pay1', amount: 18000, currency: 'CHF', method: 'card', status: 'succeeded' }],
    installments: [], refunds: [] as unknown[], invoices: [], credit_notes: [], refunded: 0, refunds_pending: 0, credited: 0, balance_due: 0 };
  const sessions = [
    { id: 'se1', seq: 1, starts_at: '2026-12-08T06:00:00.000Z', ends_at: '2026-12-08T07:00:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: null },
    { id: 'se2', seq: 2, starts_at: '2026-12-15T06:00:00.000Z', ends_at: '2026-12-15T07:00:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0, check_in_at: null, staff_status: 'scheduled', notes_private_md: null },
  ];
  const detail = () => ({ ...row, variant: { id: 'v1', name: 'Two' }, customer: { id: 'c1', name: 'Lea Brunner', email: 'lea@example.ch', phone: null, language: 'de', timezone: 'Europe/Zurich' },
    hold_expires_at: null, cancelled_at: null, cancellation_reason: null, ...detailExtra, intake: { answers: [], health_withheld: false }, sessions, sessions_to_schedule: 0, order, progress: [], events: [] });

  /** The pipeline, the record, its quote (over CHF 180 a field error in German) and the refund itself. */
  function answer({ key, url, body }: AdminRequest): Response | undefined {
    if (key === 'GET /v1/admin/bookings') return json(200, { bookings: [row], counts: { reserved: 0, confirmed: 1, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 0 }, next_cursor: null });
    if (key === 'GET /v1/admin/bookings/b1') return json(200, detail());
    if (key === 'GET /v1/admin/bookings/b1/artifacts') return json(200, { artifacts: [], max_bytes: 1 });
    if (key === 'GET /v1/admin/bookings/b1/messages') return json(200, { messages: [] });
    if (key === 'GET /v1/admin/bookings/b1/refunds/quote') {
      const q = url.searchParams;
      if (q.get('mode') === 'partial' && Number(q.get('amount')) > 18000) {
        return json(422, { code: 'refund_exceeds_refundable', title: 'More than was paid and not yet refunded', detail: '18000 CHF can still be refunded.',
          errors: [{ field: 'amount', message: 'darf höchstens 18000 sein, was bezahlt und noch nicht erstattet ist' }] }, 'application/problem+json');
      }
      const ids = (q.get('session_ids') ?? '').split(',').filter(Boolean);
      const lines = sessions.filter((s) => ids.includes(s.id)).map((s) => ({ session_id: s.id, seq: s.seq, starts_at: s.starts_at, value: 9000, refunded_before: 0, refund: 9000 }));
      return json(200, { booking_id: 'b1', mode: q.get('mode'), currency: 'CHF', paid: 18000, refunded: 0, refundable: 18000, amount: lines.reduce((a, l) => a + l.refund, 0) || 18000, lines, quote_id: 'quote-1', expires_at: '2026-12-05T08:10:00.000Z' });
    }
    if (key === 'POST /v1/admin/bookings/b1/refunds') {
      order.refunds = [{ id: 'r1', kind: 'provider', status: 'pending', amount: 9000, credits: 0, currency: 'CHF', payment_id: 'pay1', booking_id: 'b1', reason: `staff refund: ${String(body!.reason)}`, transfer_reference: null, completed_at: null, created_at: '2026-12-05T08:00:00.000Z' }];
      return json(201, { booking_id: 'b1', mode: body!.mode, amount: 9000, currency: 'CHF', reason: body!.reason, lines: [], refunds: [{ id: 'r1', amount: 9000, status: 'pending', provider: 'test' }], credit_note: null, refundable: 9000 });
    }
    return undefined;
  }

  return { row, order, sessions, detail, answer };
}

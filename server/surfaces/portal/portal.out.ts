/** The portal's answers, shaped from the bookings and billing modules' views. */
import type { PortalBookingDetail, PortalBookingSummary, PortalMoney, PortalSession } from '../../../schema/api/portal.ts';
import type { CustomerBookingDetail, CustomerBookingSummary, SessionView } from '../../modules/bookings/index.ts';
import { mayReschedule, rescheduleDeadline, rescheduleNoticeHours, type ReschedulePolicy } from '../../modules/bookings/index.ts';
import { creditNoteLabel, invoiceLabel, type InvoiceSnapshot, type StaffOrderView } from '../../modules/billing/index.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import { isSeries } from '../../../shared/cadence.ts';

export function invoicePdfUrl(publicOrigin: string, invoiceId: string): string {
  return `${publicOrigin}/v1/portal/invoices/${invoiceId}.pdf`;
}

export function creditNotePdfUrl(publicOrigin: string, creditNoteId: string): string {
  return `${publicOrigin}/v1/portal/credit-notes/${creditNoteId}.pdf`;
}

const live = (status: string) => status !== 'cancelled' && status !== 'completed';

export function bookingSummaryOut(b: CustomerBookingSummary): PortalBookingSummary {
  return {
    id: b.id, status: b.status, program: b.program, variant: b.variant, instructor: { id: b.instructor.id, name: b.instructor.name ?? '' },
    next_session: b.nextSession ? {
      id: b.nextSession.id, seq: b.nextSession.seq, starts_at: b.nextSession.startsAt.toISOString(), ends_at: b.nextSession.endsAt.toISOString(), timezone: b.nextSession.timezone,
    } : null,
    sessions_to_schedule: b.sessionsToSchedule,
    sessions_count: b.sessionsCount,
  };
}

function sessionState(s: SessionView): PortalSession['state'] {
  if (s.status === 'completed') return 'attended';
  if (s.status === 'no_show') return 'no_show';
  if (s.status === 'cancelled') return 'cancelled';
  return s.startsAt ? 'scheduled' : 'to_schedule';
}

function sessionOut(s: SessionView, policy: ReschedulePolicy, bookingLive: boolean, now: number): PortalSession {
  const state = sessionState(s);
  const ahead = state === 'scheduled' && s.startsAt !== null && s.startsAt.getTime() > now;
  // The one rule every move path asks: the notice, and how often a session may be moved.
  const movable = ahead && bookingLive && mayReschedule(s.startsAt!.getTime(), s.reschedules ?? 0, policy, now).ok;
  return {
    id: s.id, seq: s.seq, starts_at: s.startsAt?.toISOString() ?? null, ends_at: s.endsAt?.toISOString() ?? null, timezone: s.timezone,
    state, revision: s.revision,
    change_deadline: s.startsAt && state === 'scheduled' ? new Date(rescheduleDeadline(s.startsAt.getTime(), rescheduleNoticeHours(policy))).toISOString() : null,
    // A session ahead can always be cancelled (late: the quote says what it costs); moving it only before the deadline.
    actions: { reschedule: movable, cancel: ahead && bookingLive },
    meeting_url: state === 'scheduled' && bookingLive ? s.meetingUrl ?? null : null,
  };
}

function moneyOut(o: StaffOrderView | undefined, publicOrigin: string): PortalMoney {
  if (!o) return null;
  const m = (amount: number) => ({ amount, currency: o.order.currency });
  const open = o.detail.installments.filter((i) => i.status === 'scheduled' || i.status === 'failed');
  const next = open.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  return {
    order_id: o.order.id, status: o.order.status, total: m(o.order.total), paid: m(o.order.amountPaid), refunded: m(o.refunded), balance_due: m(Math.max(0, o.balanceDue)),
    payments: o.payments.map((p) => ({ id: p.id, method: p.method, status: p.status, amount: { amount: p.amount, currency: p.currency }, created_at: p.createdAt.toISOString() })),
    plan: o.detail.plan ? {
      installments: o.detail.installments.map((i) => ({ seq: i.seq, due_at: i.dueAt.toISOString(), amount: { amount: i.amount, currency: i.currency }, status: i.status })),
      next_installment: next ? { seq: next.seq, due_at: next.dueAt.toISOString(), amount: { amount: next.amount, currency: next.currency } } : null,
      card_saved: o.detail.plan.stripePaymentMethodId !== null,
    } : null,
    invoices: o.invoices.map((i) => ({
      id: i.id, number: invoiceLabel(i.snapshot as unknown as InvoiceSnapshot), issued_at: i.issuedAt.toISOString(), total: m(o.order.total), pdf_url: invoicePdfUrl(publicOrigin, i.id),
    })),
    credit_notes: o.creditNotes.map(({ note }) => ({
      id: note.id, number: creditNoteLabel(note), issued_at: note.issuedAt.toISOString(), total: { amount: note.total, currency: note.currency }, pdf_url: creditNotePdfUrl(publicOrigin, note.id),
    })),
    bank_refunds: o.refunds.filter((r) => r.kind === 'bank_transfer' && r.status !== 'failed').map((r) => ({
      id: r.id, amount: { amount: r.amount, currency: r.currency }, status: r.status,
      account: r.iban && r.accountHolder ? { holder: r.accountHolder, iban_last4: r.iban.slice(-4), given_at: (r.accountGivenAt ?? r.createdAt).toISOString() } : null,
      give_account: r.status === 'pending',
    })),
  };
}

/** A reserved booking the studio made for the customer with a payment link, still held: the customer may pay it. */
export function payableByLink(b: { status: string; source: Record<string, string>; holdExpiresAt: Date | null }, now: Date): boolean {
  return b.status === 'reserved' && b.source.payment === 'link' && b.holdExpiresAt !== null && b.holdExpiresAt.getTime() > now.getTime();
}

export function bookingDetailOut(summary: CustomerBookingSummary, d: CustomerBookingDetail, order: StaffOrderView | undefined, publicOrigin: string, now: Date): PortalBookingDetail {
  const bookingLive = live(d.booking.status) && d.booking.status !== 'reserved';
  const payNow = payableByLink(d.booking, now);
  const money = moneyOut(order, publicOrigin);
  const orderLive = money !== null && money.status !== 'cancelled' && money.status !== 'refunded';
  const sessions = d.view.sessions.map((s) => sessionOut(s, d.policies, bookingLive, now.getTime()));
  return {
    ...bookingSummaryOut(summary),
    total_price: { amount: d.view.totalPrice, currency: d.view.currency },
    sessions,
    milestones: d.milestones.map((m) => ({
      id: m.id, order: m.orderIdx, name: m.name, description_html: renderMarkdown(m.descriptionMd),
      due_at: m.dueAt?.toISOString() ?? null, completed_at: m.completedAt?.toISOString() ?? null, notes_html: m.notesMd ? renderMarkdown(m.notesMd) : null,
    })),
    money,
    policy: { free_cancel_hours: d.policies.free_cancel_hours ?? 0, late_cancel_fee_bp: d.policies.late_cancel_fee_bp, no_show_fee_bp: d.policies.no_show_fee_bp },
    actions: {
      schedule_sessions: bookingLive && summary.sessionsToSchedule > 0,
      reschedule_series: bookingLive && isSeries(summary.sessionsCount) && sessions.some((s) => s.actions.reschedule),
      cancel: bookingLive,
      message: d.booking.status !== 'reserved',
      update_card: d.booking.status !== 'reserved' && orderLive && money.plan !== null,
      // Owed and chargeable: a saved card (a fee left owed on a cancelled booking included).
      pay_balance: d.booking.status !== 'reserved' && money !== null && money.balance_due.amount > 0 && money.plan?.card_saved === true,
      // Owed on a live order: paid once in the browser, with or without a saved card.
      pay_balance_once: d.booking.status !== 'reserved' && orderLive && money !== null && money.balance_due.amount > 0,
      ...(payNow ? { pay_now: true } : {}),
    },
    ...(payNow ? { pay_until: d.booking.holdExpiresAt!.toISOString() } : {}),
  };
}

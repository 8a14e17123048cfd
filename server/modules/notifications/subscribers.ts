/**
 * What the notifications module does when something happens elsewhere: each domain event
 * that means a mail queues it in the same transaction (the mail job sends it after commit).
 * The modules that record these events know nothing of mail.
 */
import { onEvent } from '../../platform/events/record.ts';
import { bookingById } from '../bookings/index.ts';
import { queueCancellationMail, queueNoShowMail, queueRefundGivenMail, queueSeriesMovedMail, queueSessionMovedMail, type RefundGivenPayload, type SettledPayload } from './change-mails.ts';
import { planBookNextAfterSession, planNudges, planReviewRequest } from './nudges.mutations.ts';
import { schedulePaymentReminder } from './hold-mails.jobs.ts';
import { queueStaffNotice, type StaffNoticeJob } from './staff-notices.jobs.ts';
import { queueConfirmationMail, queueFeeDeclinedMails, queueInstallmentMails, queueLatePaymentMails, queueOverpaidMails, queueQrBillMail } from './booking-mails.mutations.ts';
import { queueHomeworkMail } from './homework-mails.mutations.ts';
import { queueReferralRewardMail, type RewardGrantedPayload } from './referral-mails.mutations.ts';
import { queuePaymentLinkMail } from './payment-link-mails.mutations.ts';

const booking = async (tx: Parameters<Parameters<typeof onEvent>[1]>[0], orgId: string, id: string) => {
  const row = await bookingById(tx, orgId, id);
  if (!row) throw new Error(`booking ${id} vanished`);
  return row;
};

/** The invoice number as printed (`invoice_label`; events recorded before it carry the sequence number only). */
const printed = (p: { invoice_number: number; invoice_label?: string | undefined }): string => p.invoice_label ?? String(p.invoice_number);

onEvent<{ invoice_id: string; invoice_number: number; invoice_label?: string }>('booking.confirmed', (tx, e, ctx) =>
  queueConfirmationMail(tx, ctx, e.orgId, e.subjectId!, { id: e.payload.invoice_id, number: printed(e.payload) }));

onEvent<{ invoice_id: string; invoice_label: string }>('booking.confirmation_resent', (tx, e, ctx) =>
  queueConfirmationMail(tx, ctx, e.orgId, e.subjectId!, { id: e.payload.invoice_id, number: e.payload.invoice_label }, e.id));

type InvoiceIssued = { order_id: string; invoice_id: string; invoice_number: number; invoice_label?: string; qr_bill: boolean; method?: 'qr_bill' | 'bank_transfer'; proven?: boolean; hold_until: string; paid_now?: boolean };
onEvent<InvoiceIssued>('invoice.issued', async (tx, e, ctx) => {
  const method = e.payload.method ?? (e.payload.qr_bill ? 'qr_bill' : null);
  // The invoice itself only to a proven address (booking-mails.mutations.ts queueQrBillMail says why).
  // Paid with it (a transfer staff recorded as they booked): the confirmation says so, nobody is asked to pay.
  if (method && e.payload.paid_now !== true) {
    await queueQrBillMail(tx, ctx, e.orgId, e.subjectId!, e.payload.order_id, { id: e.payload.invoice_id, number: printed(e.payload) }, new Date(e.payload.hold_until), method, e.payload.proven === true);
    await schedulePaymentReminder(tx, e.orgId, e.subjectId!, e.payload.order_id, new Date(e.payload.hold_until), ctx.now, e.payload.proven === true);
  }
});

// Staff booked for the customer and asked them to pay by link: the link, to pay before the hold ends.
onEvent<{ hold_until: string }>('booking.payment_link_sent', (tx, e, ctx) =>
  queuePaymentLinkMail(tx, ctx, e.orgId, e.subjectId!, new Date(e.payload.hold_until)));

onEvent<{ session_id: string; previous_start: string }>('session.rescheduled', async (tx, e, ctx) =>
  queueSessionMovedMail(tx, ctx, e.orgId, await booking(tx, e.orgId, e.subjectId!), e.payload.session_id, new Date(e.payload.previous_start)));

type MovedSeries = { sessions: { session_id: string; previous_start: string; starts_at: string }[] };
onEvent<MovedSeries>('series.rescheduled', async (tx, e, ctx) =>
  queueSeriesMovedMail(tx, ctx, e.orgId, await booking(tx, e.orgId, e.subjectId!), e.payload.sessions.map((s) => s.session_id)));

type CancelledSession = { id: string; seq: number; starts_at: string; ends_at: string; revision: number };
type Settled = SettledPayload & { by: 'customer' | 'staff'; fault: 'policy' | 'studio'; previous_status: string; sessions: CancelledSession[] };
// The cancellation mails wait for the settlement (recorded after the booking.cancelled event, in the same transaction): they tell its figures.
onEvent<Settled>('booking.settled', async (tx, e, ctx) => {
  // The mail depends on what the booking was before (a confirmed one sent a calendar file).
  const before = { ...await booking(tx, e.orgId, e.subjectId!), status: e.payload.previous_status as never };
  await queueCancellationMail(tx, ctx, e.orgId, before, e.payload.sessions.map((s) => ({ id: s.id, seq: s.seq, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), revision: s.revision })), e.payload);
});

onEvent<SettledPayload & { session_id: string }>('session.no_show_settled', async (tx, e, ctx) =>
  queueNoShowMail(tx, ctx, e.orgId, await booking(tx, e.orgId, e.subjectId!), e.payload.session_id, e.payload));

// Staff refunded money while the booking goes on: the customer hears of it (its mail job sends it after commit).
onEvent<RefundGivenPayload>('booking.refunded', async (tx, e, ctx) =>
  queueRefundGivenMail(tx, ctx, e.orgId, await booking(tx, e.orgId, e.subjectId!), e.payload));

onEvent<{ order_id: string; amount_paid: number; currency: string; refunded?: boolean }>('payment.after_cancellation', (tx, e) =>
  queueLatePaymentMails(tx, e.orgId, e.subjectId!, e.payload.order_id, e.payload.amount_paid, e.payload.currency, e.payload.refunded === true));

type Overpaid = { payment_id: string; refund_id?: string; amount: number; excess: number; currency: string; reference?: string; refund_kind?: 'bank_transfer' | 'provider' };
onEvent<Overpaid>('payment.overpaid', async (tx, e, ctx) => {
  if (e.subjectId) {
    await queueOverpaidMails(tx, ctx, e.orgId, e.subjectId, {
      paymentId: e.payload.payment_id, refundId: e.payload.refund_id, amount: e.payload.amount, excess: e.payload.excess, currency: e.payload.currency,
      reference: e.payload.reference ?? '', refundKind: e.payload.refund_kind,
    });
  }
});

onEvent<{ payment_id: string; amount: number; currency: string; reason: string }>('fee.failed', async (tx, e, ctx) => {
  if (e.subjectId) await queueFeeDeclinedMails(tx, ctx, e.orgId, e.subjectId, { paymentId: e.payload.payment_id, amount: e.payload.amount, currency: e.payload.currency, reason: e.payload.reason });
});

type Failure = { installment_id: string; amount: number; currency: string; due_at: string; reason: string; attempts: number; next_attempt_at: string | null };
for (const type of ['installment.failed', 'installment.overdue']) {
  onEvent<Failure>(type, (tx, e, ctx) => queueInstallmentMails(tx, ctx, e.orgId, e.subjectId!, {
    installmentId: e.payload.installment_id, amount: e.payload.amount, currency: e.payload.currency, dueAt: new Date(e.payload.due_at), reason: e.payload.reason,
    attempts: e.payload.attempts, nextAttemptAt: e.payload.next_attempt_at ? new Date(e.payload.next_attempt_at) : null, overdue: type === 'installment.overdue',
  }));
}

// Reminders and nudges (nudges.mutations.ts): planned when a booking is confirmed, a session moved
// or scheduled later; "book your next session" after each delivered session of a pack.
onEvent('booking.confirmed', (tx, e, ctx) => planNudges(tx, ctx, e.orgId, e.subjectId!));
onEvent<{ session_id: string }>('session.rescheduled', (tx, e, ctx) => planNudges(tx, ctx, e.orgId, e.subjectId!, { sessionIds: [e.payload.session_id] }));
onEvent<MovedSeries>('series.rescheduled', (tx, e, ctx) =>
  planNudges(tx, ctx, e.orgId, e.subjectId!, { sessionIds: e.payload.sessions.map((s) => s.session_id) }));
onEvent<{ sessions: { session_id: string }[] }>('session.scheduled', (tx, e, ctx) =>
  planNudges(tx, ctx, e.orgId, e.subjectId!, { sessionIds: e.payload.sessions.map((s) => s.session_id) }));
onEvent<{ session_id: string }>('session.completed', (tx, e, ctx) => planBookNextAfterSession(tx, ctx, e.orgId, e.subjectId!, e.payload.session_id));

// The studio's people, by their mail preferences (staff-notices.jobs.ts): a job after commit per event.
const notice = (topic: StaffNoticeJob['topic']) => (tx: Parameters<Parameters<typeof onEvent>[1]>[0], e: { id: string; orgId: string; subjectId?: string | null | undefined }) =>
  e.subjectId ? queueStaffNotice(tx, { orgId: e.orgId, eventId: e.id, bookingId: e.subjectId, topic }) : Promise.resolve();
onEvent('booking.confirmed', notice('new_booking'));
onEvent('booking.settled', notice('cancellation'));
onEvent('session.rescheduled', notice('reschedule'));
onEvent('series.rescheduled', notice('reschedule'));
onEvent('installment.failed', notice('payment_failure'));
onEvent('booking.completed', (tx, e, ctx) => planReviewRequest(tx, ctx, e.orgId, e.subjectId!));
// The booking's instructor hears of uploaded homework (one mail per file, sent after commit).
onEvent<{ artifact_id: string; milestone: string; filename: string }>('homework.uploaded', async (tx, e, ctx) =>
  queueHomeworkMail(tx, ctx, await booking(tx, e.orgId, e.subjectId!), { artifactId: e.payload.artifact_id, milestone: e.payload.milestone, filename: e.payload.filename }));

onEvent<RewardGrantedPayload>('referral.reward_granted', (tx, e) => queueReferralRewardMail(tx, e.orgId, e.subjectId!, e.payload));

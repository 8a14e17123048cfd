/**
 * The portal API (/v1/portal/*), typed: the customer's own bookings, with an identity token
 * (from an e-mail code) or a manage link's token as the bearer. All throw `ApiError`.
 */
import { ApiClient } from './client.ts';
import type { PortalReferralOut } from '../../../schema/api/admin-referrals.ts';
import type { BalancePaymentOut, CancellationQuote, CardSetupOut, PayBalanceOut, PaymentLinkCheckoutOut, PortalBookingDetail, PortalBookingSummary, RefundAccountBody, RefundAccountOut } from '../../../schema/api/portal.ts';

export type { BalancePaymentOut, CancellationQuote, CardSetupOut, PayBalanceOut, PaymentLinkCheckoutOut, PortalBookingDetail, PortalBookingSummary, RefundAccountBody, RefundAccountOut };

const key = () => crypto.randomUUID();
const base = (id: string) => `/v1/portal/bookings/${encodeURIComponent(id)}`;

export function portalClient(origin: string, token: string): ApiClient {
  return new ApiClient(origin, token);
}

export async function listBookings(api: ApiClient, signal?: AbortSignal): Promise<PortalBookingSummary[]> {
  return (await api.get<{ bookings: PortalBookingSummary[] }>('/v1/portal/bookings', { signal })).bookings;
}

export function getBooking(api: ApiClient, id: string, signal?: AbortSignal): Promise<PortalBookingDetail> {
  return api.get<PortalBookingDetail>(base(id), { signal });
}

export function scheduleSessions(api: ApiClient, id: string, starts: string[]): Promise<PortalBookingDetail> {
  return api.post<PortalBookingDetail>(`${base(id)}/sessions`, { starts }, { headers: { 'Idempotency-Key': key() } });
}

export function rescheduleSession(api: ApiClient, id: string, sessionId: string, startsAt: string): Promise<PortalBookingDetail> {
  return api.post<PortalBookingDetail>(`${base(id)}/sessions/${encodeURIComponent(sessionId)}/reschedule`, { starts_at: startsAt }, { headers: { 'Idempotency-Key': key() } });
}

/** Every remaining session `shift` weeks later (a number), or the first one at a new start (an instant), keeping the cadence. */
export function rescheduleSeries(api: ApiClient, id: string, shift: number | string): Promise<PortalBookingDetail> {
  const body = typeof shift === 'number' ? { shift_weeks: shift } : { starts_at: shift };
  return api.post<PortalBookingDetail>(`${base(id)}/reschedule-series`, body, { headers: { 'Idempotency-Key': key() } });
}

/** "Update card": the SetupIntent's secret for the Payment Element (or the test processor's). */
export function startCardUpdate(api: ApiClient, id: string): Promise<CardSetupOut> {
  return api.post<CardSetupOut>(`${base(id)}/card`, {}, { headers: { 'Idempotency-Key': key() } });
}

/** Test processor only: the customer saves the test card. */
export function confirmTestCard(api: ApiClient, id: string): Promise<PortalBookingDetail> {
  return api.post<PortalBookingDetail>(`${base(id)}/card/test-confirm`, {}, { headers: { 'Idempotency-Key': key() } });
}

/** "Pay open balance": charged to the saved card after the answer. */
/** "Pay now by card": a PaymentIntent for the open balance, confirmed in the Payment Element. */
export function startBalancePayment(api: ApiClient, id: string): Promise<BalancePaymentOut> {
  return api.post<BalancePaymentOut>(`${base(id)}/pay-balance/payment`, {}, { headers: { 'Idempotency-Key': key() } });
}

export function payBalance(api: ApiClient, id: string): Promise<PayBalanceOut> {
  return api.post<PayBalanceOut>(`${base(id)}/pay-balance`, {}, { headers: { 'Idempotency-Key': key() } });
}

/** "Pay now" on a booking the studio made with a payment link: the widget's checkout, by card; its secret for the Payment Element. */
export function startPaymentLinkCheckout(api: ApiClient, id: string): Promise<PaymentLinkCheckoutOut> {
  return api.post<PaymentLinkCheckoutOut>(`${base(id)}/payment-link/checkout`, { method: 'card' }, { headers: { 'Idempotency-Key': key() } });
}

/** Test processor only: the customer pays the payment-link checkout. */
export function payTestPaymentLink(api: ApiClient, id: string): Promise<PortalBookingDetail> {
  return api.post<PortalBookingDetail>(`${base(id)}/payment-link/test-payment`, { outcome: 'succeed' }, { headers: { 'Idempotency-Key': key() } });
}

/** One scheduled session's .ics file (add to calendar). */
export function sessionIcsUrl(origin: string, id: string, sessionId: string): string {
  return `${origin}${base(id)}/sessions/${encodeURIComponent(sessionId)}/ics`;
}

export function cancellationQuote(api: ApiClient, id: string, sessionId?: string): Promise<CancellationQuote> {
  return api.get<CancellationQuote>(`${base(id)}/cancellation`, { query: { session_id: sessionId } });
}

export function cancel(api: ApiClient, id: string, quoteId: string, sessionId?: string): Promise<{ booking: PortalBookingDetail }> {
  return api.post<{ booking: PortalBookingDetail }>(`${base(id)}/cancel`, { quote_id: quoteId, ...(sessionId ? { session_id: sessionId } : {}) }, { headers: { 'Idempotency-Key': key() } });
}

export function signOut(api: ApiClient): Promise<unknown> {
  return api.post('/v1/portal/sign-out', {});
}

/** A document (invoice, credit note) fetched with the bearer and handed to the browser as a download. */
export async function download(api: ApiClient, url: string, filename: string): Promise<void> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${api.key}` }, credentials: 'omit' });
  if (!res.ok) throw new Error(`download failed: ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export type PortalMessages = { messages: { id: string; from: 'customer' | 'staff' | 'system'; body_html: string; created_at: string }[] };

export function listMessages(api: ApiClient, id: string): Promise<PortalMessages> {
  return api.get<PortalMessages>(`${base(id)}/messages`);
}

export function postMessage(api: ApiClient, id: string, body: string): Promise<PortalMessages> {
  return api.post<PortalMessages>(`${base(id)}/messages`, { body }, { headers: { 'Idempotency-Key': key() } });
}

/** A calendar subscription URL for all the customer's sessions (a new one revokes the earlier). */
export function calendarLink(api: ApiClient): Promise<{ url: string }> {
  return api.post<{ url: string }>('/v1/portal/calendar-link', {}, { headers: { 'Idempotency-Key': key() } });
}

export type { PortalReferralOut };

/** The customer's referral code and link (null before a confirmed booking) and the rewards it earned. */
export function getReferral(api: ApiClient, signal?: AbortSignal): Promise<PortalReferralOut> {
  return api.get<PortalReferralOut>('/v1/portal/referral', { signal });
}

/** Where a bank refund of the booking goes: the account holder and the IBAN (400 per field when the IBAN's check digits fail). */
export function giveRefundAccount(api: ApiClient, id: string, refundId: string, body: RefundAccountBody): Promise<RefundAccountOut> {
  return api.post<RefundAccountOut>(`${base(id)}/refunds/${encodeURIComponent(refundId)}/account`, body, { headers: { 'Idempotency-Key': key() } });
}

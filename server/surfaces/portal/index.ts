/** The portal API (/v1/portal/*): a customer's own bookings, under their own policies. */
import { Hono } from 'hono';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { portalAuth } from './portal-auth.ts';
import { portalRateLimit } from '../../platform/http/rate-limit.ts';
import { withEnglishDetail } from './portal-errors.ts';
import { listBookingsRoute } from './list-bookings.ts';
import { referralRoute } from './referral.ts';
import { getBookingRoute } from './get-booking.ts';
import { scheduleSessionsRoute } from './schedule-sessions.ts';
import { rescheduleSessionRoute } from './reschedule-session.ts';
import { rescheduleSeriesRoute } from './reschedule-series.ts';
import { cancellationQuoteRoute } from './get-cancellation.ts';
import { cancelBookingRoute } from './cancel-booking.ts';
import { documentRoutes } from './documents.ts';
import { signOutRoute } from './sign-out.ts';
import { messageRoutes } from './messages.ts';
import { calendarLinkRoute, sessionIcsRoute } from './calendar.ts';
import { cardRoutes } from './card.ts';
import { refundAccountRoute } from './refund-account.ts';
import { payBalanceRoute } from './pay-balance.ts';
import { paymentLinkRoutes } from './payment-link.ts';
import { homeworkRoutes } from './homework.ts';
import type { FileStorage } from '../../platform/adapters/storage/storage.ts';

export function portalRoutes(deps: AppDeps & { storage: FileStorage }) {
  const portal = new Hono<PortalEnv>()
    .use('*', portalAuth(deps))
    // Token buckets per customer (reads, changes): 429 rate_limited with Retry-After.
    .use('*', portalRateLimit(deps))
    .route('/', listBookingsRoute(deps))
    .route('/', referralRoute(deps))
    .route('/', getBookingRoute(deps))
    .route('/', scheduleSessionsRoute(deps))
    .route('/', rescheduleSessionRoute(deps))
    .route('/', rescheduleSeriesRoute(deps))
    .route('/', cancellationQuoteRoute(deps))
    .route('/', cancelBookingRoute(deps))
    .route('/', documentRoutes(deps))
    .route('/', messageRoutes(deps))
    .route('/', calendarLinkRoute(deps))
    .route('/', sessionIcsRoute(deps))
    .route('/', cardRoutes(deps))
    .route('/', payBalanceRoute(deps))
    .route('/', paymentLinkRoutes(deps))
    .route('/', refundAccountRoute(deps))
    .route('/', homeworkRoutes(deps))
    .route('/', signOutRoute(deps));
  // Every refusal says in a sentence (English, as the embed API) what is wrong; the app's handler answers it.
  portal.onError((error) => { throw withEnglishDetail(error); });
  return portal;
}

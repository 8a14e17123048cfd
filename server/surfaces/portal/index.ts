/** The portal API (/v1/portal/*): a customer's own bookings, under their own policies. */
import { Hono } from 'hono';
import type { AppDeps, PortalEnv } from '../../deps.ts';
import { portalAuth } from './portal-auth.ts';
import { listBookingsRoute } from './list-bookings.ts';
import { getBookingRoute } from './get-booking.ts';
import { scheduleSessionsRoute } from './schedule-sessions.ts';
import { rescheduleSessionRoute } from './reschedule-session.ts';
import { rescheduleSeriesRoute } from './reschedule-series.ts';
import { cancellationQuoteRoute } from './get-cancellation.ts';
import { cancelBookingRoute } from './cancel-booking.ts';
import { documentRoutes } from './documents.ts';
import { signOutRoute } from './sign-out.ts';
import { messageRoutes } from './messages.ts';
import { calendarLinkRoute } from './calendar.ts';

export function portalRoutes(deps: AppDeps) {
  return new Hono<PortalEnv>()
    .use('*', portalAuth(deps))
    .route('/', listBookingsRoute(deps))
    .route('/', getBookingRoute(deps))
    .route('/', scheduleSessionsRoute(deps))
    .route('/', rescheduleSessionRoute(deps))
    .route('/', rescheduleSeriesRoute(deps))
    .route('/', cancellationQuoteRoute(deps))
    .route('/', cancelBookingRoute(deps))
    .route('/', documentRoutes(deps))
    .route('/', messageRoutes(deps))
    .route('/', calendarLinkRoute(deps))
    .route('/', signOutRoute(deps));
}

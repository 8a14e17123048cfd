import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import { openAPIRouteHandler } from 'hono-openapi';
import type { AdminEnv, AppDeps, AppEnv } from './deps.ts';
import { AppError, problem } from './platform/errors.ts';
import { embedAuth } from './platform/http/embed-auth.ts';
import { serverTiming } from './platform/http/server-timing.ts';
import { embedRateLimit } from './platform/http/rate-limit.ts';
import { adminAuth } from './platform/http/admin-auth.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { compressJson } from './platform/http/compress.ts';
import { bodyLimit } from './platform/http/body-limit.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './platform/http/database-outage.ts';
import { logError } from './platform/http/safe-log.ts';
import { healthRoute } from './surfaces/meta/health.ts';
import { widgetAssetsRoute } from './surfaces/meta/widget-assets.ts';
import { listProgramsRoute } from './surfaces/embed/list-programs.ts';
import { getProgramRoute } from './surfaces/embed/get-program.ts';
import { getSlotsRoute } from './surfaces/embed/get-slots.ts';
import { getSeriesRoute } from './surfaces/embed/get-series.ts';
import { releaseBookingRoute } from './surfaces/embed/release-booking.ts';
import { recordEventsRoute } from './surfaces/embed/record-events.ts';
import { adminFunnelRoutes } from './surfaces/admin/funnel.ts';
import { createBookingRoute } from './surfaces/embed/create-booking.ts';
import { getBookingRoute } from './surfaces/embed/get-booking.ts';
import { addSessionsRoute } from './surfaces/embed/add-sessions.ts';
import { rescheduleSessionRoute } from './surfaces/embed/reschedule-session.ts';
import { checkoutRoute } from './surfaces/embed/checkout.ts';
import { quoteCheckoutRoute } from './surfaces/embed/quote-checkout.ts';
import { identityRoutes } from './surfaces/embed/identity.ts';
import { testPaymentsRoute } from './surfaces/embed/test-payments.ts';
import { getInvoicePdfByLinkRoute, getInvoicePdfRoute } from './surfaces/embed/get-invoice-pdf.ts';
import { stripeHookRoute } from './surfaces/hooks/stripe.ts';
import { recordPaymentRoute } from './surfaces/admin/record-payment.ts';
import { adminRescheduleSessionRoute } from './surfaces/admin/reschedule-session.ts';
import { adminCancelBookingRoute } from './surfaces/admin/cancel-booking.ts';
import { adminBookingMessageRoutes } from './surfaces/admin/booking-messages.ts';
import { adminBookingConfirmationRoute } from './surfaces/admin/booking-confirmation.ts';
import { adminBookingProgressRoute } from './surfaces/admin/booking-progress.ts';
import { adminBookingCreditsRoute } from './surfaces/admin/booking-credits.ts';
import { adminBookingRefundsRoute } from './surfaces/admin/booking-refunds.ts';
import { adminBookingNoteRoute } from './surfaces/admin/booking-note.ts';
import { adminStudioRetentionRoute } from './surfaces/admin/studio-retention.ts';
import { adminSessionNoteRoute } from './surfaces/admin/session-note.ts';
import { adminSessionMeetingUrlRoute } from './surfaces/admin/session-meeting-url.ts';
import { adminCancellationQuoteRoute } from './surfaces/admin/get-cancellation.ts';
import { adminSessionAttendanceRoutes } from './surfaces/admin/session-attendance.ts';
import { adminOrderRoutes } from './surfaces/admin/orders.ts';
import { adminRefundTransferRoute } from './surfaces/admin/refund-transfers.ts';
import { adminDocumentRoutes } from './surfaces/admin/documents.ts';
import { adminGetProgramNudgesRoute } from './surfaces/admin/get-program-nudges.ts';
import { adminUpdateProgramNudgesRoute } from './surfaces/admin/update-program-nudges.ts';
import { adminSignInRoutes } from './surfaces/admin/sign-in.ts';
import { adminSessionRoutes } from './surfaces/admin/session.ts';
import { adminPayrollRoutes } from './surfaces/admin/payroll/routes.ts';
import { adminListBookingsRoutes } from './surfaces/admin/list-bookings.ts';
import { adminGetBookingRoute } from './surfaces/admin/get-booking.ts';
import { adminReportRoutes } from './surfaces/admin/reports/routes.ts';
import { adminProgramRoutes } from './surfaces/admin/programs.ts';
import { adminCategoryRoutes } from './surfaces/admin/categories.ts';
import { adminBookingActionRoutes } from './surfaces/admin/booking-actions.ts';
import { adminCreateWebhookRoute } from './surfaces/admin/create-webhook.ts';
import { adminListWebhooksRoute } from './surfaces/admin/list-webhooks.ts';
import { adminListWebhookDeliveriesRoute } from './surfaces/admin/list-webhook-deliveries.ts';
import { adminRotateWebhookSecretRoute } from './surfaces/admin/rotate-webhook-secret.ts';
import { adminEnableWebhookRoute } from './surfaces/admin/enable-webhook.ts';
import { adminDeleteWebhookRoute } from './surfaces/admin/delete-webhook.ts';
import { adminRedeliverWebhookRoute } from './surfaces/admin/redeliver-webhook.ts';
import { adminReviewRoutes } from './surfaces/admin/reviews.ts';
import { reviewPageRoutes } from './surfaces/portal/review-page.ts';
import { consentPageRoutes } from './surfaces/portal/consent-pages.ts';
import { marketingConsentWordingRoute } from './surfaces/embed/marketing-consent.ts';
import { adminMarketingConsentRoutes } from './surfaces/admin/marketing-consents.ts';
import { adminReferralRoutes } from './surfaces/admin/referrals.ts';
import { adminMarketingCampaignRoutes } from './surfaces/admin/marketing-campaigns.ts';
import { adminAutomationRoutes } from './surfaces/admin/automations.ts';
import { adminSegmentPreviewRoute } from './surfaces/admin/segment-preview.ts';
import { adminAutomationRetryRoute } from './surfaces/admin/automation-retry.ts';
import { adminMarketingEditRoutes } from './surfaces/admin/marketing-campaign-edits.ts';
import { adminMarketingConsentActionRoutes } from './surfaces/admin/marketing-consent-actions.ts';
import { adminListMailRoute } from './surfaces/admin/list-mail.ts';
import { webhooksDocumentation } from './surfaces/openapi-webhooks.ts';
import { adminConsolePageRoute } from './surfaces/admin/console-page.ts';
import { adminStaffRoutes } from './surfaces/admin/staff.ts';
import { adminStaffSettingsRoutes } from './surfaces/admin/staff-settings.ts';
import { adminSettingsKeyRoutes } from './surfaces/admin/settings-keys.ts';
import { adminDomainRoutes } from './surfaces/admin/settings-domain.ts';
import { adminSignUpRoutes } from './surfaces/admin/sign-up.ts';
import { adminOnboardingRoutes } from './surfaces/admin/onboarding.ts';
import { adminStripeConnectRoutes } from './surfaces/admin/stripe-connect.ts';
import { adminCustomerRoutes } from './surfaces/admin/customers.ts';
import { adminCustomerTagRoutes } from './surfaces/admin/customer-tags.ts';
import { adminAvailabilityRoutes } from './surfaces/admin/availability.ts';
import { devOutboxRoute } from './surfaces/dev/outbox.ts';
import { getStudioPageRoute } from './surfaces/pages/get-studio-page.ts';
import { getProgramPageRoute } from './surfaces/pages/get-program-page.ts';
import { shareImageRoute } from './surfaces/pages/share-image.ts';
import { studioShareImageRoute } from './surfaces/pages/studio-share-image.ts';
import { sitemapRoutes } from './surfaces/pages/sitemaps.ts';
import { customDomainPath } from './surfaces/pages/studio.ts';
import { DomainDirectory } from './surfaces/pages/domain-directory.ts';
import { nodeDnsResolver } from './platform/adapters/dns/resolver.ts';
import { portalRoutes } from './surfaces/portal/index.ts';
import { managePageRoutes } from './surfaces/portal/manage-page.ts';
import { calendarFeedRoute } from './surfaces/portal/calendar.ts';
import { UPLOAD_PATH } from './surfaces/portal/homework.ts';
import { adminBookingArtifactRoutes } from './surfaces/admin/booking-artifacts.ts';
import { getArtifactRoute } from './surfaces/files/get-artifact.ts';
import { getProgramImageRoute } from './surfaces/files/get-program-image.ts';
import { adminProgramImageRoutes, IMAGE_UPLOAD_PATH } from './surfaces/admin/program-images.ts';
import { localStorage } from './platform/adapters/storage/local-storage.ts';
// Each module's event subscribers (mail for bookings and payments) register when loaded.
import './modules/notifications/index.ts';
// Outgoing webhooks: every recorded event that is a public one becomes deliveries in its transaction.
import './modules/webhooks/index.ts';
// Payroll's subscribers: a delivered session, a completed booking or a refund adds the booking's earnings job.
import './modules/payroll/index.ts';
// Marketing's subscribers: a confirmed booking is its widget visit's `paid` step in the funnel.
import './modules/marketing/index.ts';

/** Composes middleware and routers. No logic lives here. */
export function createApp(appDeps: AppDeps) {
  // The domains studios verified in the console: routing by Host and canonical addresses read them synchronously.
  const domains = new DomainDirectory(appDeps.db);
  const deps = {
    ...appDeps, config: { ...appDeps.config, studioDomains: domains },
    storage: appDeps.storage ?? localStorage(join(tmpdir(), 'tandem-uploads')), dns: appDeps.dns ?? nodeDnsResolver(),
  };
  // JSON bodies are small; the homework upload takes a file and sets its own limit (surfaces/portal/homework.ts).
  const jsonBodyLimit = bodyLimit({ maxSize: 256 * 1024, onError: () => { throw new AppError('payload_too_large'); } });
  const embed = new Hono<AppEnv>()
    // Server-Timing (db, total) on the routes that time their transactions: the program, its slots, a new booking.
    .use('*', serverTiming())
    .use('*', embedAuth(deps))
    // Token buckets per publishable key + client address (reads, holds, other writes): 429 rate_limited.
    .use('*', embedRateLimit(deps))
    .route('/', listProgramsRoute(deps))
    .route('/', marketingConsentWordingRoute(deps))
    .route('/', getProgramRoute(deps))
    .route('/', getSlotsRoute(deps))
    .route('/', getSeriesRoute(deps))
    .route('/', createBookingRoute(deps))
    .route('/', getBookingRoute(deps))
    .route('/', addSessionsRoute(deps))
    .route('/', rescheduleSessionRoute(deps))
    .route('/', quoteCheckoutRoute(deps))
    .route('/', checkoutRoute(deps))
    .route('/', identityRoutes(deps))
    .route('/', testPaymentsRoute(deps))
    .route('/', releaseBookingRoute(deps))
    .route('/', recordEventsRoute(deps))
    .route('/', getInvoicePdfRoute(deps));

  const admin = new Hono<AdminEnv>()
    .use('*', adminAuth(deps))
    .route('/', adminSessionRoutes(deps))
    .route('/', adminListBookingsRoutes(deps))
    .route('/', adminGetBookingRoute(deps))
    .route('/', adminBookingActionRoutes(deps))
    .route('/', adminCategoryRoutes(deps))
    .route('/', adminProgramRoutes(deps))
    .route('/', adminProgramImageRoutes(deps))
    .route('/', adminStaffRoutes(deps))
    .route('/', adminStaffSettingsRoutes(deps))
    .route('/', adminSettingsKeyRoutes(deps))
    .route('/', adminDomainRoutes(deps, domains))
    .route('/', adminOnboardingRoutes(deps))
    .route('/', adminStripeConnectRoutes(deps))
    .route('/', adminCustomerRoutes(deps))
    .route('/', adminCustomerTagRoutes(deps))
    .route('/', adminAvailabilityRoutes(deps))
    .route('/', recordPaymentRoute(deps))
    .route('/', adminRescheduleSessionRoute(deps))
    .route('/', adminCancelBookingRoute(deps))
    .route('/', adminBookingMessageRoutes(deps))
    .route('/', adminBookingConfirmationRoute(deps))
    .route('/', adminBookingProgressRoute(deps))
    .route('/', adminBookingCreditsRoute(deps))
    .route('/', adminBookingRefundsRoute(deps))
    .route('/', adminBookingNoteRoute(deps))
    .route('/', adminStudioRetentionRoute(deps))
    .route('/', adminSessionNoteRoute(deps))
    .route('/', adminSessionMeetingUrlRoute(deps))
    .route('/', adminBookingArtifactRoutes(deps))
    .route('/', adminCancellationQuoteRoute(deps))
    .route('/', adminSessionAttendanceRoutes(deps))
    .route('/', adminOrderRoutes(deps))
    .route('/', adminRefundTransferRoute(deps))
    .route('/', adminDocumentRoutes(deps))
    .route('/', adminGetProgramNudgesRoute(deps))
    .route('/', adminUpdateProgramNudgesRoute(deps))
    .route('/', adminFunnelRoutes(deps))
    .route('/', adminPayrollRoutes(deps))
    .route('/', adminReportRoutes(deps))
    .route('/', adminCreateWebhookRoute(deps))
    .route('/', adminListWebhooksRoute(deps))
    .route('/', adminListWebhookDeliveriesRoute(deps))
    .route('/', adminRotateWebhookSecretRoute(deps))
    .route('/', adminEnableWebhookRoute(deps))
    .route('/', adminDeleteWebhookRoute(deps))
    .route('/', adminRedeliverWebhookRoute(deps))
    .route('/', adminListMailRoute(deps))
    .route('/', adminReviewRoutes(deps))
    .route('/', adminMarketingConsentRoutes(deps))
    .route('/', adminReferralRoutes(deps))
    .route('/', adminMarketingCampaignRoutes(deps))
    .route('/', adminSegmentPreviewRoute(deps))
    .route('/', adminAutomationRoutes(deps))
    .route('/', adminAutomationRetryRoute(deps))
    .route('/', adminMarketingEditRoutes(deps))
    .route('/', adminMarketingConsentActionRoutes(deps));

  // A studio's own domain routes to its hosted pages (TANDEM_CUSTOM_DOMAINS); every other host as it comes.
  const app = new Hono<AppEnv>({ getPath: (req) => customDomainPath(deps.config, req.headers.get('host'), getPath(req)) })
    // Outermost, so that every answer (errors and 404s included) carries them.
    .use('*', securityHeaders({ publicOrigin: deps.config.publicOrigin }))
    // X-Request-Id: the caller's when it is a plain token of at most 128 characters, else a new UUID; named in error logs.
    .use('*', requestId({ limitLength: 128 }))
    // JSON answers brotli- or gzip-compressed for clients that accept it (a month of slots: 70 KB → 2 KB).
    .use('/v1/*', compressJson())
    // The uploads (homework, program images) set their own limits.
    .use('/v1/*', (c, next) => ((c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path)) || (c.req.method === 'PUT' && IMAGE_UPLOAD_PATH.test(c.req.path)) ? next() : jsonBodyLimit(c, next)))
    .route('/', healthRoute(deps))
    .route('/', widgetAssetsRoute(deps))
    // The invoice's opaque link (/v1/embed/invoices/<token>.pdf) needs no key, so it is matched before the embed router's key check.
    .route('/', getInvoicePdfByLinkRoute(deps))
    .route('/v1/embed', embed)
    // Signing in needs no credentials, so it is matched before the admin API's authentication.
    .route('/', adminSignInRoutes(deps))
    .route('/', adminSignUpRoutes(deps))
    // The console page itself: HTML for anyone; everything it shows comes through the admin API.
    .route('/', adminConsolePageRoute(deps))
    .route('/v1/admin', admin)
    // The hosted pages: server-rendered HTML for search engines and shared links, the widget taking over.
    // The sitemaps, robots.txt and the studio's share image first: `/p/:studio/sitemap.xml` is not a program.
    .route('/', sitemapRoutes(deps))
    .route('/', studioShareImageRoute(deps))
    .route('/', getStudioPageRoute(deps))
    .route('/', getProgramPageRoute(deps))
    .route('/', shareImageRoute(deps))
    // The calendar feed carries its token in the URL (calendar apps send no headers): matched before the portal's bearer check.
    .route('/', calendarFeedRoute(deps))
    // A homework file's signed link is its credential (five minutes): matched before the portal's bearer check.
    .route('/', getArtifactRoute(deps))
    // A program's uploaded images are public (its page, the widget): no credentials.
    .route('/', getProgramImageRoute(deps))
    .route('/v1/portal', portalRoutes(deps))
    // The manage link in every booking mail: a page that loads <tandem-portal>, or offers a new link.
    .route('/', managePageRoutes(deps))
    // The review request's link: a page with the form, answered by a POST to itself.
    .route('/', reviewPageRoutes(deps))
    // Marketing consent's links: the double opt-in's confirmation and the unsubscribe page (also RFC 8058's one-click POST).
    .route('/', consentPageRoutes(deps))
    .route('/', stripeHookRoute(deps))
    .route('/', devOutboxRoute(deps));

  app.get('/v1/openapi.json', openAPIRouteHandler(app, {
    documentation: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: '1', description: 'Embed, portal and admin APIs of Tandem. Errors are application/problem+json (RFC 9457) with a stable `code`.' },
      webhooks: webhooksDocumentation() as never,
      components: {
        securitySchemes: {
          publishableKey: { type: 'http', scheme: 'bearer', description: 'pk_… key, usable from the org\'s allowed origins' },
          secretKey: { type: 'http', scheme: 'bearer', description: 'sk_… key, server side only' },
          staffSession: { type: 'apiKey', in: 'cookie', name: 'tandem_staff', description: 'The console\'s session (POST /v1/admin/sign-in/verify); requests that change something also send `Tandem-CSRF`' },
          portalToken: { type: 'http', scheme: 'bearer', description: 'a customer\'s identity token (it_…, from an e-mail code) or a manage link\'s token' },
        },
      },
    },
  }));

  app.notFound((c) => problem(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    if (error instanceof AppError) return problem(c, error);
    if (error instanceof HTTPException) {
      if (error.status === 400) return problem(c, new AppError('malformed_json', error.message));
      if (error.status === 413) return problem(c, new AppError('payload_too_large'));
    }
    // Logs name the request and the error's codes only: messages carry query parameters (personal data).
    const where = { request_id: c.get('requestId'), method: c.req.method, route: c.req.routePath };
    if (isDatabaseUnavailable(error)) {
      logError('database_unavailable', where, error);
      const res = problem(c, new AppError('database_unavailable'));
      res.headers.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return res;
    }
    logError('internal_error', where, error);
    return problem(c, new AppError('internal_error'));
  });
  // Hono routes by path before any middleware runs: the verified domains are read first when the request may need them
  // (another host, or a hosted page naming its canonical address), at most every half minute.
  const own = new URL(deps.config.publicOrigin).host;
  const dispatch = app.fetch;
  app.fetch = async (request: Request, ...rest: Parameters<typeof dispatch> extends [unknown, ...infer R] ? R : never) => {
    const host = request.headers.get('host');
    const path = new URL(request.url).pathname;
    if ((host && host !== own && !host.startsWith('localhost') && !host.startsWith('127.0.0.1')) || path.startsWith('/p/') || path === '/sitemap.xml') await domains.fresh();
    return dispatch(request, ...rest);
  };
  return app;
}

export type App = ReturnType<typeof createApp>;

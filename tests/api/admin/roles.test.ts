/**
 * Every admin route as every caller: the studio's owner and manager, instructor A (who conducts
 * the booking), instructor B (who does not), another studio's manager, a customer's identity
 * token, and no credentials. Staff sign in the way the console does (session cookie + CSRF
 * token). A route missing from this matrix fails the first test, so none ships without it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW, NORD } from '../../../demo/seed/index.ts';
import { signIn } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
export type Caller = 'owner' | 'manager' | 'instructorA' | 'instructorB' | 'otherManager' | 'customer' | 'none';
const CALLERS: Caller[] = ['owner', 'manager', 'instructorA', 'instructorB', 'otherManager', 'customer', 'none'];

/** What a caller gets: an exact status, or `allowed` (past authorization: anything but 401, 403 and 404). */
type Outcome = number | 'allowed';

interface Fixture {
  bookingId: string; sessionId: string; orderId: string; invoiceId: string; customerId: string;
  /** A webhook endpoint of Studio Flow with one delivery; one more endpoint per caller to remove. */
  webhookId: string; deliveryId: string; webhooksToRemove: string[];
  /** An answered review with consent to publish. */
  reviewId: string;
  /** A milestone of the booking's program (Reiki gets one for this matrix). */
  milestoneId: string;
  /** A segment of Studio Flow and a campaign to it. */
  segmentId: string; campaignId: string;
  /** An automation of Studio Flow; one more per caller to remove. */
  automationId: string; automationsToRemove: string[];
  /** A failed run of that automation (one action that failed) to retry. */
  failedRunId: string;
  /** A second scheduled campaign to cancel; a confirmed consent to withdraw and a pending one to confirm again (two customers). */
  campaignToCancel: string; confirmedConsentId: string; pendingConsentId: string;
}

interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as registered (`/v1/admin/bookings/:id`). */
  route: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Record<Caller, Outcome>;
  /** Sign in afresh for this request (sign-out ends the session). */
  fresh?: boolean;
}

const everyStaff = (status: Outcome): Record<Caller, Outcome> => ({ owner: status, manager: status, instructorA: status, instructorB: status, otherManager: status, customer: 401, none: 401 });
/** The studio's money: owners and managers; instructors and other studios see nothing there. */
const studioMoney = (status: Outcome): Record<Caller, Outcome> => ({ owner: status, manager: status, instructorA: 404, instructorB: 404, otherManager: 404, customer: 401, none: 401 });
/** The booking's people: the studio and the instructor who conducts it. */
const bookingPeople = (status: Outcome): Record<Caller, Outcome> => ({ owner: status, manager: status, instructorA: status, instructorB: 404, otherManager: 404, customer: 401, none: 401 });

export const ROUTES: RouteSpec[] = [
  { method: 'GET', route: '/v1/admin/session', path: () => '/v1/admin/session', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/bookings', path: () => '/v1/admin/bookings', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/bookings.csv', path: () => '/v1/admin/bookings.csv', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/bookings/:id', path: (f) => `/v1/admin/bookings/${f.bookingId}`, expect: bookingPeople(200) },
  { method: 'GET', route: '/v1/admin/orders', path: () => '/v1/admin/orders?reference=1', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/orders/:id', path: (f) => `/v1/admin/orders/${f.orderId}`, expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/invoices/:file', path: (f) => `/v1/admin/invoices/${f.invoiceId}.pdf`, expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/credit-notes/:file', path: () => `/v1/admin/credit-notes/${randomUUID()}.pdf`, expect: { ...studioMoney(404) } },
  { method: 'GET', route: '/v1/admin/bookings/:id/cancellation', path: (f) => `/v1/admin/bookings/${f.bookingId}/cancellation`, expect: bookingPeople(200) },
  { method: 'POST', route: '/v1/admin/orders/:id/payments', path: (f) => `/v1/admin/orders/${f.orderId}/payments`,
    body: () => ({ amount: 100, method: 'bank_transfer', reference: 'roles' }), expect: studioMoney('allowed') },
  { method: 'POST', route: '/v1/admin/refunds/:id/transfers', path: () => `/v1/admin/refunds/${randomUUID()}/transfers`,
    body: () => ({ amount: 100, reference: 'roles' }), expect: studioMoney(404) },
  { method: 'POST', route: '/v1/admin/bookings/:id/sessions/:sessionId/reschedule', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions/${f.sessionId}/reschedule`,
    body: () => ({ starts_at: '2026-12-09T13:00:00.000Z' }), expect: bookingPeople('allowed') },
  { method: 'POST', route: '/v1/admin/bookings/:id/sessions/:sessionId/check-in', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions/${f.sessionId}/check-in`, expect: bookingPeople('allowed') },
  { method: 'POST', route: '/v1/admin/bookings/:id/sessions/:sessionId/no-show', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions/${f.sessionId}/no-show`, expect: bookingPeople('allowed') },
  { method: 'POST', route: '/v1/admin/bookings/:id/cancel', path: (f) => `/v1/admin/bookings/${f.bookingId}/cancel`,
    body: () => ({ quote_id: 'not-the-current-quote' }), expect: bookingPeople('allowed') },
  // Homework files (tests/api/portal/homework.test.ts downloads them): the booking's people.
  { method: 'GET', route: '/v1/admin/bookings/:id/artifacts', path: (f) => `/v1/admin/bookings/${f.bookingId}/artifacts`, expect: bookingPeople(200) },
  { method: 'GET', route: '/v1/admin/bookings/:id/artifacts/:artifactId', path: (f) => `/v1/admin/bookings/${f.bookingId}/artifacts/${randomUUID()}`, expect: bookingPeople(404) },
  { method: 'GET', route: '/v1/admin/bookings/:id/messages', path: (f) => `/v1/admin/bookings/${f.bookingId}/messages`, expect: bookingPeople(200) },
  { method: 'POST', route: '/v1/admin/bookings/:id/messages', path: (f) => `/v1/admin/bookings/${f.bookingId}/messages`, body: () => ({ body: 'See you on Wednesday.' }), expect: bookingPeople(201) },
  // Logging a milestone (tests/api/admin/booking-progress.test.ts): the booking's people.
  { method: 'PUT', route: '/v1/admin/bookings/:id/progress/:milestoneId', path: (f) => `/v1/admin/bookings/${f.bookingId}/progress/${f.milestoneId}`, body: () => ({ completed: true }), expect: bookingPeople(200) },
  // Credits granted or deducted (tests/api/admin/booking-credits.test.ts): owners and managers; instructors 403.
  { method: 'POST', route: '/v1/admin/bookings/:id/credits', path: (f) => `/v1/admin/bookings/${f.bookingId}/credits`, body: () => ({ delta: 1, reason: 'roles' }),
    expect: { ...bookingPeople(201), instructorA: 403, instructorB: 403 } },
  // Refunds outside a cancellation (tests/api/admin/booking-refunds.test.ts): owners and managers; instructors 403.
  { method: 'GET', route: '/v1/admin/bookings/:id/refunds/quote', path: (f) => `/v1/admin/bookings/${f.bookingId}/refunds/quote?mode=partial&amount=100`,
    expect: { ...bookingPeople(200), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/bookings/:id/refunds', path: (f) => `/v1/admin/bookings/${f.bookingId}/refunds`, body: () => ({ mode: 'partial', amount: 100, reason: 'roles' }),
    expect: { ...bookingPeople(201), instructorA: 403, instructorB: 403 } },
  // Health answers' retention (tests/api/admin/health-retention.test.ts): owners and managers; instructors 403.
  { method: 'GET', route: '/v1/admin/studio/retention', path: () => '/v1/admin/studio/retention', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'PUT', route: '/v1/admin/studio/retention', path: () => '/v1/admin/studio/retention', body: () => ({ health_months: 24 }), expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  // A session's private note (tests/api/admin/session-note.test.ts): the booking's people.
  { method: 'PUT', route: '/v1/admin/bookings/:id/note', path: (f) => `/v1/admin/bookings/${f.bookingId}/note`, body: () => ({ notes_md: 'roles' }), expect: bookingPeople(200) },
  { method: 'PUT', route: '/v1/admin/bookings/:id/sessions/:sessionId/note', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions/${f.sessionId}/note`, body: () => ({ notes_md: 'roles' }), expect: bookingPeople(200) },
  { method: 'PUT', route: '/v1/admin/bookings/:id/sessions/:sessionId/meeting-url', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions/${f.sessionId}/meeting-url`, body: () => ({ meeting_url: 'https://meet.example/roles' }), expect: bookingPeople(200) },
  // Sending the confirmation again (tests/api/admin/booking-confirmation.test.ts): the booking's people; the fixture's booking is confirmed.
  { method: 'POST', route: '/v1/admin/bookings/:id/confirmation', path: (f) => `/v1/admin/bookings/${f.bookingId}/confirmation`, expect: bookingPeople(202) },
  { method: 'GET', route: '/v1/admin/programs/:slug/nudges', path: () => '/v1/admin/programs/reiki/nudges', expect: { ...everyStaff(200), otherManager: 404 } },
  { method: 'PUT', route: '/v1/admin/programs/:slug/nudges', path: () => '/v1/admin/programs/reiki/nudges', body: () => ({ book_next: true }), expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/programs', path: () => '/v1/admin/programs', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/programs', path: () => '/v1/admin/programs', body: () => ({ title: 'Roles', slug: `roles-${randomUUID().slice(0, 8)}` }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/programs/:id', path: () => `/v1/admin/programs/${FLOW.reiki}`, expect: { ...everyStaff(200), otherManager: 404 } },
  { method: 'PATCH', route: '/v1/admin/programs/:id', path: () => `/v1/admin/programs/${FLOW.reiki}`, body: () => ({ step: 'basics', tags: ['reiki'] }), expect: { ...studioMoney(200), instructorA: 403, instructorB: 403 } },
  // Program images (tests/api/admin/program-images.test.ts): owners and managers get past authorization (a JSON body is no image: 422).
  { method: 'PUT', route: '/v1/admin/programs/:id/images/:role', path: () => `/v1/admin/programs/${FLOW.reiki}/images/banner`, body: () => ({ not: 'an image' }),
    expect: { ...studioMoney(422), instructorA: 403, instructorB: 403 } },
  { method: 'DELETE', route: '/v1/admin/programs/:id/images/:role', path: () => `/v1/admin/programs/${FLOW.reiki}/images/thumbnail`, expect: { ...studioMoney(200), instructorA: 403, instructorB: 403 } },
  // Rotating the private link: Reiki is public, so the studio's owners and managers get past authorization to 409.
  { method: 'POST', route: '/v1/admin/programs/:id/rotate-link', path: () => `/v1/admin/programs/${FLOW.reiki}/rotate-link`, expect: { ...studioMoney(409), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/programs/:id/publish', path: () => `/v1/admin/programs/${FLOW.reiki}/publish`, expect: { ...studioMoney(200), instructorA: 403, instructorB: 403 } },
  // The wizard's category list and preview; booking on a customer's behalf, scheduling and moving the series (tests/api/admin/program-wizard.test.ts, booking-actions.test.ts).
  { method: 'GET', route: '/v1/admin/categories', path: () => '/v1/admin/categories', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/categories', path: () => '/v1/admin/categories', body: () => ({ key: `c-${randomUUID().slice(0, 8)}`, labels: { en: 'Roles' } }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403 } },
  // Renaming and deleting categories (tests/api/admin/categories.test.ts): owners and managers; another studio's manager changes its own list
  // (Atelier Nord has no Reiki program, so its `reiki` goes; Studio Flow's Reiki keeps its own: 409 category_in_use).
  { method: 'PATCH', route: '/v1/admin/categories/:key', path: () => '/v1/admin/categories/coaching', body: () => ({ labels: { en: 'Coaching', de: 'Coaching' } }),
    expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'DELETE', route: '/v1/admin/categories/:key', path: () => '/v1/admin/categories/reiki', expect: { ...everyStaff(409), instructorA: 403, instructorB: 403, otherManager: 200 } },
  { method: 'POST', route: '/v1/admin/programs/preview', path: () => '/v1/admin/programs/preview', body: () => ({ markdown: '*hi*' }), expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/bookings', path: () => '/v1/admin/bookings',
    body: () => ({ program: 'reiki', variant: randomUUID(), customer: { name: 'Roles', email: 'roles@example.ch', locale: 'de' }, sessions: { mode: 'explicit', starts: ['2026-12-16T09:00:00.000Z'] }, payment: { mode: 'invoice' } }),
    expect: { ...bookingPeople('allowed'), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/bookings/:id/sessions', path: (f) => `/v1/admin/bookings/${f.bookingId}/sessions`, body: () => ({ starts: ['2026-12-16T09:00:00.000Z'] }), expect: bookingPeople('allowed') },
  { method: 'POST', route: '/v1/admin/bookings/:id/reschedule-series', path: (f) => `/v1/admin/bookings/${f.bookingId}/reschedule-series`, body: () => ({ starts_at: '2026-12-09T09:00:00.000Z' }), expect: bookingPeople('allowed') },
  // Finance reports (their own tests in tests/api/reports): owners and managers; an instructor is refused.
  ...['outstanding.csv', 'refunds.csv?from=2026-01-01&to=2026-12-31', 'revenue.csv?from=2026-01-01&to=2026-12-31', 'vat?year=2026&quarter=4', 'vat.csv?year=2026&quarter=4', 'cash.csv?from=2026-01-01&to=2026-12-31'].map((report): RouteSpec => ({
    method: 'GET', route: `/v1/admin/reports/${report.split('?')[0]}`, path: () => `/v1/admin/reports/${report}`, expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 },
  })),
  { method: 'GET', route: '/v1/admin/staff', path: () => '/v1/admin/staff', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/staff', path: () => '/v1/admin/staff', body: () => ({ name: 'New Person', email: `new-${randomUUID().slice(0, 8)}@example.ch`, role: 'instructor' }),
    expect: { ...everyStaff(403), owner: 201 } },
  // Settings (tests/api/admin/settings.test.ts): keys and origins are read by owners and managers and changed by owners; roles by owners;
  // mail preferences are one's own, or anyone's for owners and managers.
  { method: 'GET', route: '/v1/admin/keys', path: () => '/v1/admin/keys', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/keys', path: () => '/v1/admin/keys', body: () => ({ kind: 'publishable', label: 'roles' }), expect: { ...everyStaff(403), owner: 201 } },
  { method: 'POST', route: '/v1/admin/keys/:id/revoke', path: () => `/v1/admin/keys/${randomUUID()}/revoke`, expect: { ...everyStaff(403), owner: 404 } },
  { method: 'GET', route: '/v1/admin/origins', path: () => '/v1/admin/origins', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/origins', path: () => '/v1/admin/origins', body: () => ({ origin: `https://${randomUUID().slice(0, 8)}.example` }), expect: { ...everyStaff(403), owner: 201 } },
  { method: 'DELETE', route: '/v1/admin/origins/:id', path: () => `/v1/admin/origins/${randomUUID()}`, expect: { ...everyStaff(403), owner: 404 } },
  // The studio's own domain (tests/api/admin/custom-domain.test.ts): owners only. Checked before one is named (404), so no DNS is asked.
  { method: 'GET', route: '/v1/admin/settings/domain', path: () => '/v1/admin/settings/domain', expect: { ...everyStaff(403), owner: 200 } },
  { method: 'POST', route: '/v1/admin/settings/domain/verify', path: () => '/v1/admin/settings/domain/verify', expect: { ...everyStaff(403), owner: 404 } },
  { method: 'PUT', route: '/v1/admin/settings/domain', path: () => '/v1/admin/settings/domain', body: () => ({ host: `roles-${randomUUID().slice(0, 8)}.example.org` }), expect: { ...everyStaff(403), owner: 200 } },
  { method: 'DELETE', route: '/v1/admin/settings/domain', path: () => '/v1/admin/settings/domain', expect: { ...everyStaff(403), owner: 200 } },
  // Stripe Connect: the owner's (this app has no Stripe keys: the owner reads "not configured" and cannot start).
  { method: 'GET', route: '/v1/admin/settings/stripe', path: () => '/v1/admin/settings/stripe', expect: { ...everyStaff(403), owner: 200 } },
  { method: 'POST', route: '/v1/admin/settings/stripe/onboarding', path: () => '/v1/admin/settings/stripe/onboarding', expect: { ...everyStaff(403), owner: 409 } },
  { method: 'PATCH', route: '/v1/admin/staff/:id', path: () => `/v1/admin/staff/${FLOW.mara}`, body: () => ({ role: 'instructor' }), expect: { ...everyStaff(403), owner: 200 } },
  { method: 'GET', route: '/v1/admin/staff/:id/mail-preferences', path: () => `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, expect: { ...bookingPeople(200), instructorB: 403 } },
  { method: 'PUT', route: '/v1/admin/staff/:id/mail-preferences', path: () => `/v1/admin/staff/${FLOW.noemi}/mail-preferences`, body: () => ({ message: true }), expect: { ...bookingPeople(200), instructorB: 403 } },
  // The setup checklist and the studio profile (tests/api/admin/sign-up.test.ts): owners and managers.
  { method: 'GET', route: '/v1/admin/onboarding', path: () => '/v1/admin/onboarding', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'PUT', route: '/v1/admin/studio/profile', path: () => '/v1/admin/studio/profile',
    body: () => ({ legal_name: 'Roles GmbH', street: 'Langstrasse', building_number: '120', postal_code: '8004', city: 'Zürich', country: 'CH', vat_number: null, iban: 'CH9300762011623852957' }),
    expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  // Customers (tests/api/admin/customers.test.ts): everyone reads through their policies (instructor A conducts the booking's customer);
  // owners and managers export and erase (the customer's booking is confirmed, so erasing is refused with 409).
  { method: 'GET', route: '/v1/admin/customers', path: () => '/v1/admin/customers', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/customers/:id', path: (f) => `/v1/admin/customers/${f.customerId}`, expect: bookingPeople(200) },
  { method: 'GET', route: '/v1/admin/customers/:id/export', path: (f) => `/v1/admin/customers/${f.customerId}/export`, expect: { ...bookingPeople(200), instructorA: 403, instructorB: 403 } },
  // Tags (tests/api/marketing/customer-tags.test.ts): owners and managers.
  { method: 'POST', route: '/v1/admin/customers/:id/tags', path: (f) => `/v1/admin/customers/${f.customerId}/tags`, body: () => ({ tag: 'roles' }), expect: { ...studioMoney(200), instructorA: 403, instructorB: 403 } },
  { method: 'DELETE', route: '/v1/admin/customers/:id/tags/:tag', path: (f) => `/v1/admin/customers/${f.customerId}/tags/roles`, expect: { ...studioMoney(200), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/customers/:id/erase', path: (f) => `/v1/admin/customers/${f.customerId}/erase`, expect: { ...bookingPeople(409), instructorA: 403, instructorB: 403 } },
  // Payroll (its own rules in tests/api/payroll): instructors read their own figures and change nothing.
  { method: 'GET', route: '/v1/admin/payroll/periods', path: () => '/v1/admin/payroll/periods', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/payroll/periods/:id', path: () => `/v1/admin/payroll/periods/${randomUUID()}`, expect: everyStaff(404) },
  { method: 'GET', route: '/v1/admin/payroll/periods/:id/export.csv', path: () => `/v1/admin/payroll/periods/${randomUUID()}/export.csv`, expect: everyStaff(404) },
  { method: 'GET', route: '/v1/admin/payroll/periods/:id/statements/:file', path: (f) => `/v1/admin/payroll/periods/${randomUUID()}/statements/${f.bookingId}.pdf`, expect: everyStaff(404) },
  { method: 'POST', route: '/v1/admin/payroll/periods/:id/close', path: () => `/v1/admin/payroll/periods/${randomUUID()}/close`, expect: everyStaff(404) },
  { method: 'POST', route: '/v1/admin/payroll/periods/:id/paid', path: () => `/v1/admin/payroll/periods/${randomUUID()}/paid`, body: () => ({ paid_on: '2026-12-31', reference: 'roles' }), expect: everyStaff(404) },
  { method: 'GET', route: '/v1/admin/payroll/rules', path: () => '/v1/admin/payroll/rules', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/payroll/rules', path: () => '/v1/admin/payroll/rules', body: () => ({ staff_id: FLOW.noemi, kind: 'per_session', value: 1000, valid_from: '2027-01-01' }),
    expect: { ...everyStaff(403), owner: 201, manager: 201, otherManager: 400 } },
  { method: 'DELETE', route: '/v1/admin/payroll/rules/:id', path: () => `/v1/admin/payroll/rules/${randomUUID()}`, expect: { ...everyStaff(404), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/payroll/settings', path: () => '/v1/admin/payroll/settings', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/payroll/settings', path: () => '/v1/admin/payroll/settings', body: () => ({ period: 'monthly', no_show_share_bp: 0, late_cancel_share_bp: 0 }), expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  // The conversion funnel: the studio's owners and managers (another studio's manager gets their own studio's); instructors 403.
  { method: 'GET', route: '/v1/admin/funnel', path: () => '/v1/admin/funnel?from=2026-11-01&to=2026-12-31', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/funnel.csv', path: () => '/v1/admin/funnel.csv?from=2026-11-01&to=2026-12-31&by=source', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/webhooks', path: () => '/v1/admin/webhooks', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/mail', path: () => '/v1/admin/mail?status=sent', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/webhooks', path: () => '/v1/admin/webhooks', body: () => ({ url: 'https://hooks.example/in', events: ['booking.confirmed'] }),
    expect: { ...studioMoney(201), otherManager: 201 } },
  { method: 'GET', route: '/v1/admin/webhooks/:id/deliveries', path: (f) => `/v1/admin/webhooks/${f.webhookId}/deliveries`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/webhooks/:id/rotate-secret', path: (f) => `/v1/admin/webhooks/${f.webhookId}/rotate-secret`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/webhooks/:id/enable', path: (f) => `/v1/admin/webhooks/${f.webhookId}/enable`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver', path: (f) => `/v1/admin/webhooks/${f.webhookId}/deliveries/${f.deliveryId}/redeliver`, expect: studioMoney(202) },
  { method: 'DELETE', route: '/v1/admin/webhooks/:id', path: (f) => `/v1/admin/webhooks/${f.webhooksToRemove.shift()}`, expect: studioMoney(200) },
  // Availability (its own rules in tests/api/admin/availability.test.ts): instructors their own (Noemi is A), closures, classes and rooms the studio's.
  { method: 'GET', route: '/v1/admin/availability', path: () => `/v1/admin/availability?instructor=${FLOW.noemi}`, expect: bookingPeople(200) },
  { method: 'PUT', route: '/v1/admin/availability/:instructorId/weekly', path: () => `/v1/admin/availability/${FLOW.noemi}/weekly`,
    body: () => ({ hours: [1, 3, 5].map((weekday) => ({ weekday, start: '10:00', end: '17:00' })).concat([{ weekday: 6, start: '09:00', end: '13:00' }]) }), expect: bookingPeople(200) },
  { method: 'POST', route: '/v1/admin/availability/:instructorId/overrides', path: () => `/v1/admin/availability/${FLOW.noemi}/overrides`,
    body: () => ({ date: '2027-01-15', kind: 'extra', intervals: [{ start: '18:00', end: '19:00' }] }), expect: bookingPeople(201) },
  { method: 'DELETE', route: '/v1/admin/availability/:instructorId/overrides/:date', path: () => `/v1/admin/availability/${FLOW.noemi}/overrides/2027-01-15`, expect: bookingPeople(200) },
  { method: 'POST', route: '/v1/admin/availability/:instructorId/time-off', path: () => `/v1/admin/availability/${FLOW.noemi}/time-off`,
    body: () => ({ starts_at: '2027-01-20T08:00:00Z', ends_at: '2027-01-20T09:00:00Z' }), expect: bookingPeople(201) },
  { method: 'DELETE', route: '/v1/admin/availability/:instructorId/time-off/:id', path: () => `/v1/admin/availability/${FLOW.noemi}/time-off/${randomUUID()}`, expect: everyStaff(404) },
  { method: 'GET', route: '/v1/admin/closures', path: () => '/v1/admin/closures', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/closures', path: () => '/v1/admin/closures', body: () => ({ starts_on: '2027-01-25', ends_on: '2027-01-25', name: 'Roles' }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403 } },
  { method: 'DELETE', route: '/v1/admin/closures/:id', path: () => `/v1/admin/closures/${randomUUID()}`, expect: { ...everyStaff(404), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/classes', path: () => '/v1/admin/classes',
    body: () => ({ instructor_id: FLOW.noemi, title: 'Roles class', starts_at: '2027-01-22T08:00:00Z', ends_at: '2027-01-22T09:00:00Z' }),
    expect: { ...everyStaff(201), manager: 409, instructorA: 403, instructorB: 403, otherManager: 400 } },
  { method: 'DELETE', route: '/v1/admin/classes/:id', path: () => `/v1/admin/classes/${randomUUID()}`, expect: { ...everyStaff(404), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/calendar-feeds', path: () => '/v1/admin/calendar-feeds', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/calendar-feeds', path: () => '/v1/admin/calendar-feeds', body: () => ({ instructor_id: FLOW.noemi, url: `https://calendar.example/${randomUUID()}.ics` }),
    expect: { ...bookingPeople(201), instructorB: 400, otherManager: 400 } },
  { method: 'POST', route: '/v1/admin/calendar-feeds/:id/sync', path: () => `/v1/admin/calendar-feeds/${randomUUID()}/sync`, expect: everyStaff(404) },
  { method: 'DELETE', route: '/v1/admin/calendar-feeds/:id', path: () => `/v1/admin/calendar-feeds/${randomUUID()}`, expect: everyStaff(404) },
  { method: 'GET', route: '/v1/admin/rooms', path: () => '/v1/admin/rooms', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/rooms', path: () => '/v1/admin/rooms', body: () => ({ location_id: FLOW.studio, name: `Room ${randomUUID().slice(0, 4)}` }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403, otherManager: 400 } },
  { method: 'GET', route: '/v1/admin/reviews', path: () => '/v1/admin/reviews?status=pending', expect: everyStaff(200) },
  { method: 'POST', route: '/v1/admin/reviews/:id/approve', path: (f) => `/v1/admin/reviews/${f.reviewId}/approve`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/reviews/:id/reject', path: (f) => `/v1/admin/reviews/${f.reviewId}/reject`, expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/marketing/consents', path: (f) => `/v1/admin/marketing/consents?customer_id=${f.customerId}`, expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/referrals', path: () => '/v1/admin/referrals?limit=5', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/referrals/reward', path: () => '/v1/admin/referrals/reward', expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'PUT', route: '/v1/admin/referrals/reward', path: () => '/v1/admin/referrals/reward', body: () => ({ kind: 'credits', credits: 1 }), expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'POST', route: '/v1/admin/segments', path: () => '/v1/admin/segments', body: () => ({ name: 'Roles', filter: { languages: ['de'] } }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/segments', path: () => '/v1/admin/segments', expect: everyStaff(200) },
  // A filter counted before it is saved (tests/api/marketing/segment-preview.test.ts): another studio's manager counts their own customers.
  { method: 'POST', route: '/v1/admin/segments/preview', path: () => '/v1/admin/segments/preview', body: () => ({ filter: { languages: ['de'] } }),
    expect: { ...everyStaff(200), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/segments/:id/members', path: (f) => `/v1/admin/segments/${f.segmentId}/members`, expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/segments/:id/members.csv', path: (f) => `/v1/admin/segments/${f.segmentId}/members.csv`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/campaigns', path: () => '/v1/admin/campaigns',
    body: (f) => ({ name: 'Roles', segment_id: f.segmentId, subject: { en: 'Hi' }, body_md: { en: 'Hello' }, send_at: '2027-06-01T09:00:00.000Z' }),
    expect: { ...studioMoney(201), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/campaigns/:id', path: (f) => `/v1/admin/campaigns/${f.campaignId}`, expect: studioMoney(200) },
  { method: 'PATCH', route: '/v1/admin/segments/:id', path: (f) => `/v1/admin/segments/${f.segmentId}`, body: () => ({ name: 'Roles again' }), expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/campaigns', path: () => '/v1/admin/campaigns', expect: everyStaff(200) },
  { method: 'PATCH', route: '/v1/admin/campaigns/:id', path: (f) => `/v1/admin/campaigns/${f.campaignId}`, body: () => ({ name: 'Roles again' }), expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/campaigns/:id/cancel', path: (f) => `/v1/admin/campaigns/${f.campaignToCancel}/cancel`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/marketing/consents/:id/withdraw', path: (f) => `/v1/admin/marketing/consents/${f.confirmedConsentId}/withdraw`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/marketing/consents/:id/resend', path: (f) => `/v1/admin/marketing/consents/${f.pendingConsentId}/resend`, expect: studioMoney(202) },
  { method: 'POST', route: '/v1/admin/campaigns/:id/test', path: (f) => `/v1/admin/campaigns/${f.campaignId}/test`, body: () => ({ email: 'roles.test@example.ch' }), expect: studioMoney(202) },
  { method: 'POST', route: '/v1/admin/automations', path: () => '/v1/admin/automations',
    body: () => ({ name: 'Roles', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'roles' }] }),
    expect: { ...everyStaff(201), instructorA: 403, instructorB: 403 } },
  { method: 'GET', route: '/v1/admin/automations', path: () => '/v1/admin/automations', expect: everyStaff(200) },
  { method: 'GET', route: '/v1/admin/automations/:id', path: (f) => `/v1/admin/automations/${f.automationId}`, expect: studioMoney(200) },
  { method: 'PATCH', route: '/v1/admin/automations/:id', path: (f) => `/v1/admin/automations/${f.automationId}`, body: () => ({ name: 'Roles again' }), expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/automations/:id/disable', path: (f) => `/v1/admin/automations/${f.automationId}/disable`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/automations/:id/enable', path: (f) => `/v1/admin/automations/${f.automationId}/enable`, expect: studioMoney(200) },
  { method: 'GET', route: '/v1/admin/automations/:id/runs', path: (f) => `/v1/admin/automations/${f.automationId}/runs`, expect: studioMoney(200) },
  // A failed run retried (tests/api/marketing/automation-retry.test.ts): the owner retries it (200), the manager finds it running (409).
  { method: 'POST', route: '/v1/admin/automations/:id/runs/:runId/retry', path: (f) => `/v1/admin/automations/${f.automationId}/runs/${f.failedRunId}/retry`, expect: studioMoney('allowed') },
  { method: 'DELETE', route: '/v1/admin/automations/:id', path: (f) => `/v1/admin/automations/${f.automationsToRemove.shift()}`, expect: studioMoney(200) },
  { method: 'POST', route: '/v1/admin/session/sign-out', path: () => '/v1/admin/session/sign-out', fresh: true, expect: everyStaff(204) },
];

describe('admin routes × callers', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));
  let f: Fixture;
  const emails: Partial<Record<Caller, { email: string; orgId: string }>> = {};
  const headers: Partial<Record<Caller, Record<string, string>>> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const v = await demoVariants(app);
    // Reiki is Noemi's: she is instructor A; Mara, who does not conduct it, is instructor B.
    const paid = await cardPaid(app, v.reiki![0]!, '2026-12-09T09:00:00.000Z');
    const [inv] = await query(db.db, sql`select id from invoices where order_id = ${paid.orderId}`);
    const hooks = await query(db.db, sql`insert into webhook_endpoints (org_id, url, events, secret)
      select ${FLOW.org}, 'https://hooks.example/' || n, '{booking.confirmed}', 'whsec_' || encode(decode(md5(n::text || random()::text) || md5(random()::text), 'hex'), 'base64') from generate_series(0, ${CALLERS.length}) n returning id`);
    const [delivery] = await query(db.db, sql`insert into webhook_deliveries (org_id, endpoint_id, event_id, event_type, message_id, payload, occurred_at, status)
      values (${FLOW.org}, ${hooks[0]!.id}, gen_random_uuid(), 'booking.confirmed', 'msg_roles', '{}', now(), 'succeeded') returning id`);
    const [review] = await query(db.db, sql`insert into program_reviews (org_id, booking_id, program_id, customer_id, token_hash, requested_at, rating, text, consent_to_publish, display_name, submitted_at)
      select org_id, id, program_id, customer_id, 'roles', now(), 5, 'Lovely', true, 'Ana M.', now() from program_bookings where id = ${paid.booking.id} returning id`);
    const [milestone] = await query(db.db, sql`insert into program_milestones (org_id, program_id, order_idx, name, description_md) values (${FLOW.org}, ${FLOW.reiki}, 1, 'Roles', 'Roles') returning id`);
    const [segment] = await query(db.db, sql`insert into segments (org_id, name, filter) values (${FLOW.org}, 'Roles', '{"languages":["de"]}') returning id`);
    const [campaign] = await query(db.db, sql`insert into campaigns (org_id, segment_id, name, subject, body_md, send_at) values (${FLOW.org}, ${segment!.id}, 'Roles', '{"en":"Hi"}', '{"en":"Hello"}', '2027-06-01T09:00:00Z') returning id`);
    const automations = await query(db.db, sql`insert into automations (org_id, name, trigger, trigger_event, actions)
      select ${FLOW.org}, 'Roles ' || n, '{"kind":"event","event":"booking.confirmed"}', 'booking.confirmed', '[{"type":"add_tag","tag":"roles"}]' from generate_series(0, ${CALLERS.length}) n returning id`);
    const [failedRun] = await query(db.db, sql`insert into automation_runs (org_id, automation_id, trigger_key, context, status, due_at, started_at, finished_at)
      values (${FLOW.org}, ${automations[0]!.id}, 'roles', '{}', 'failed', now(), now(), now()) returning id`);
    await query(db.db, sql`insert into automation_run_actions (org_id, run_id, position, type, spec, status, attempts, last_error, finished_at)
      values (${FLOW.org}, ${failedRun!.id}, 0, 'add_tag', '{"type":"add_tag","tag":"roles"}', 'failed', 6, 'roles', now())`);
    const [cancelMe] = await query(db.db, sql`insert into campaigns (org_id, segment_id, name, subject, body_md, send_at) values (${FLOW.org}, ${segment!.id}, 'Cancel', '{"en":"Hi"}', '{"en":"Hello"}', '2027-06-01T09:00:00Z') returning id`);
    const consentFor = async (status: 'confirmed' | 'pending', offset: number) => String((await query(db.db, sql`insert into marketing_consents
      (org_id, customer_id, email, status, source, locale, wording, wording_version, requested_at, request_ip_hash, confirm_token_hash, unsubscribe_token_hash, confirmed_at)
      select org_id, id, email, ${status}, 'checkout', 'en', 'Yes, send me news.', '1', ${clock.now().toISOString()}::timestamptz, 'unknown', md5(random()::text), md5(random()::text), ${status === 'confirmed' ? clock.now().toISOString() : null}::timestamptz
      from customers where org_id = ${FLOW.org} order by created_at, id offset ${offset} limit 1 returning id`))[0]!.id);
    const [confirmedConsentId, pendingConsentId] = [await consentFor('confirmed', 0), await consentFor('pending', 1)];
    f = {
      failedRunId: String(failedRun!.id),
      automationId: String(automations[0]!.id), automationsToRemove: automations.slice(1).map((a) => String(a.id)),
      campaignToCancel: String(cancelMe!.id), confirmedConsentId, pendingConsentId,
      milestoneId: String(milestone!.id),
      segmentId: String(segment!.id), campaignId: String(campaign!.id),
      customerId: String((await query(db.db, sql`select customer_id from program_bookings where id = ${paid.booking.id}`))[0]!.customer_id),
      reviewId: String(review!.id),
      bookingId: paid.booking.id, sessionId: paid.booking.sessions[0]!.id, orderId: paid.orderId, invoiceId: String(inv!.id),
      webhookId: String(hooks[0]!.id), deliveryId: String(delivery!.id), webhooksToRemove: hooks.slice(1).map((h) => String(h.id)),
    };
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values
      (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich'),
      (${NORD.org}, 'manager', 'Nils Manager', 'nils@ateliernord.example', 'Europe/Berlin')`);
    Object.assign(emails, {
      owner: { email: 'sandra@studioflow.example', orgId: FLOW.org }, manager: { email: 'mia@studioflow.example', orgId: FLOW.org },
      instructorA: { email: 'noemi@studioflow.example', orgId: FLOW.org }, instructorB: { email: 'mara@studioflow.example', orgId: FLOW.org },
      otherManager: { email: 'nils@ateliernord.example', orgId: NORD.org },
    });
    for (const caller of CALLERS) headers[caller] = await credentials(caller);
  });
  after(async () => db.close());

  async function credentials(caller: Caller): Promise<Record<string, string>> {
    if (caller === 'none') return {};
    if (caller === 'customer') {
      const proof = await proveIdentity(app, db.db, `roles-${randomUUID().slice(0, 8)}@example.ch`);
      return { ...proof, Authorization: `Bearer ${proof['Tandem-Identity']}` };
    }
    const who = emails[caller]!;
    return (await signIn(app, db.db, who.email, who.orgId)).headers;
  }

  test('every admin route is in the matrix', () => {
    const registered = app.routes.filter((r) => r.path.startsWith('/v1/admin/') && r.method !== 'ALL' && !r.path.startsWith('/v1/admin/sign-in/') && !r.path.startsWith('/v1/admin/sign-up'))
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual([...new Set(registered)].sort(), ROUTES.map((r) => `${r.method} ${r.route}`).sort());
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.route}`, async () => {
      for (const caller of CALLERS) {
        const h = route.fresh && caller !== 'customer' && caller !== 'none' ? await credentials(caller) : headers[caller]!;
        const res = await app.request(route.path(f), {
          method: route.method,
          headers: { ...h, ...(route.method === 'GET' ? {} : { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }) },
          ...(route.method === 'GET' ? {} : { body: JSON.stringify(route.body?.(f) ?? {}) }),
        });
        const expected = route.expect[caller];
        const text = await res.text();
        if (expected === 'allowed') assert.ok(![401, 403, 404].includes(res.status), `${caller}: expected past authorization, got ${res.status} ${text}`);
        else assert.equal(res.status, expected, `${route.method} ${route.route} as ${caller}: ${text.slice(0, 300)}`);
        if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json', `${caller}: ${text}`);
      }
    });
  }
});

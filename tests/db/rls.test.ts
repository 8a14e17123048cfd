import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../schema/db/index.ts';
import { rangeOf } from '../../schema/db/columns.ts';
import { withCaller, type Caller as RequestCaller } from '../../server/platform/db/identity.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { PG, pgErrorCode } from '../../server/platform/db/pg-errors.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { freshDatabase } from '../support/database.ts';
import { buildFixture, keyExpression, type Fixture, type OrgIds, type Tag } from '../support/tenancy-fixture.ts';

/**
 * The tenancy matrix: every table × every caller × select/insert/update/delete.
 * Selects have no `where` at all: what comes back is exactly what the policies allow.
 * `system` is the server itself within org one (withSystem: jobs, verified webhooks, and what a
 * request does after asSystem); it runs through the same policies as everyone else.
 */
type Caller = 'anonymous' | 'customerA' | 'customerB' | 'instructorA' | 'instructorB' | 'manager' | 'owner' | 'system' | 'otherManager';
const callers: Caller[] = ['anonymous', 'customerA', 'customerB', 'instructorA', 'instructorB', 'manager', 'owner', 'system', 'otherManager'];

/** A request's caller, or the server itself within one org. */
type Who = RequestCaller | { orgId: string; role: 'system' };

function contextOf(caller: Caller, f: Fixture): Who {
  const o = f.one;
  switch (caller) {
    case 'anonymous': return { orgId: o.org, role: 'anonymous' };
    case 'customerA': return { orgId: o.org, role: 'customer', customerId: o.customerA };
    case 'customerB': return { orgId: o.org, role: 'customer', customerId: o.customerB };
    case 'instructorA': return { orgId: o.org, role: 'instructor', userId: o.instructorA };
    case 'instructorB': return { orgId: o.org, role: 'instructor', userId: o.instructorB };
    case 'manager': return { orgId: o.org, role: 'manager', userId: o.manager };
    case 'owner': return { orgId: o.org, role: 'owner', userId: o.owner };
    case 'system': return { orgId: o.org, role: 'system' };
    case 'otherManager': return { orgId: f.two.org, role: 'manager', userId: f.two.manager };
  }
}

const ALL = 'all' as const;
type Reads = Partial<Record<Exclude<Caller, 'otherManager'>, Tag[] | typeof ALL>>;
type Op = 'insert' | 'update' | 'delete';

interface TableSpec {
  table: PgTable;
  /** Tags of org one each caller sees; missing callers see nothing. The other org's manager always sees exactly 'other'. */
  read: Reads;
  /** Callers allowed each write on org one's target row. */
  write: Record<Op, Caller[]>;
  /** The row whose update/delete is attempted (default: tagged 'A', else the first). */
  target?: Tag;
  /** False where even a manager lists nothing (idempotency keys). */
  managersList?: false;
  /** A new row for org one, as `caller` would write it. */
  newRow: (o: OrgIds, caller: Caller) => Record<string, unknown>;
}

/** Whoever acts for the whole org reads all of it: its manager, its owner, the server. */
const orgWideReads: Reads = { manager: ALL, owner: ALL, system: ALL };
const staffReads: Reads = { instructorA: ALL, instructorB: ALL, ...orgWideReads };
const ownBooking: Reads = { customerA: ['A'], customerB: ['B'], instructorA: ['A'], instructorB: ['B'], ...orgWideReads };
const ownMoney: Reads = { customerA: ['A'], customerB: ['B'], ...orgWideReads };
const ownInstructor: Reads = { instructorA: ['A'], instructorB: ['B'], ...orgWideReads };
const programFollowers: Reads = { anonymous: ['public'], customerA: ['public'], customerB: ['public', 'hidden'], ...staffReads };
/** Writes open to the manager, the owner and the server itself (bookings, payments, jobs). */
const orgWide = (...more: Caller[]): Caller[] => ['manager', 'owner', 'system', ...more];
/** Writes that are the studio's people's decision, never the server's own: keys, origins, staff, the org. */
const managerOrOwner = (...more: Caller[]): Caller[] => ['manager', 'owner', ...more];
const byOrgWide = { insert: orgWide(), update: orgWide(), delete: orgWide() };
const when = new Date('2031-01-06T09:00:00Z');
const plusHours = (h: number) => new Date(when.getTime() + h * 3_600_000);

const specs: TableSpec[] = [
  { table: t.orgs, read: { anonymous: ['org'], customerA: ['org'], customerB: ['org'], instructorA: ['org'], instructorB: ['org'], manager: ['org'], owner: ['org'], system: ['org'] },
    write: { insert: [], update: managerOrOwner(), delete: [] }, target: 'org',
    newRow: () => ({ slug: `x-${randomUUID()}`, name: 'x', timezone: 'UTC', currency: 'CHF' }) },
  // The origins a publishable key works from: the studio's setting, never written by the server itself.
  { table: t.orgDomains, read: orgWideReads, write: { insert: managerOrOwner(), update: managerOrOwner(), delete: managerOrOwner() }, target: 'org', newRow: (o) => ({ orgId: o.org, origin: `https://${randomUUID()}.example` }) },
  // Deleting a key is the owner's alone (a manager revokes); the server never writes keys.
  { table: t.apiKeys, read: orgWideReads, write: { insert: managerOrOwner(), update: managerOrOwner(), delete: ['owner'] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, kind: 'secret', prefix: 'sk_x', keyHash: randomUUID() }) },
  { table: t.staff, read: { anonymous: ['A', 'B'], customerA: ['A', 'B'], customerB: ['A', 'B'], ...staffReads },
    write: { insert: managerOrOwner(), update: managerOrOwner('instructorA'), delete: ['owner'] },
    newRow: (o) => ({ orgId: o.org, role: 'instructor', name: 'New', email: `${randomUUID()}@x`, timezone: 'UTC' }) },
  { table: t.customers, read: { customerA: ['A'], customerB: ['B'], instructorA: ['A'], instructorB: ['B'], ...orgWideReads },
    write: { insert: orgWide(), update: orgWide('customerA'), delete: managerOrOwner() },
    newRow: (o) => ({ orgId: o.org, name: 'New', email: `${randomUUID()}@x` }) },
  { table: t.locations, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads }, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, name: 'New', timezone: 'UTC' }) },
  { table: t.resources, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads }, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, locationId: o.location, name: 'New' }) },
  { table: t.programs, read: programFollowers, write: byOrgWide, target: 'public',
    newRow: (o) => ({ orgId: o.org, slug: `p-${randomUUID()}`, title: 'P', category: 'reiki', deliveryMode: 'online', sessionLengthMin: 30 }) },
  // The studio's category list: shown with its programs to anyone of the studio; the studio's people and the server write it.
  { table: t.programCategories, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads }, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, key: `k-${randomUUID().slice(0, 8)}`, labels: { en: 'K' } }) },
  { table: t.programInstructors, read: programFollowers, write: byOrgWide, target: 'public',
    newRow: (o) => ({ orgId: o.org, programId: o.programLink, staffId: o.instructorA }) },
  { table: t.programVariants, read: programFollowers, write: byOrgWide, target: 'public',
    newRow: (o) => ({ orgId: o.org, programId: o.programPublic, name: 'V', currency: 'CHF', price: 100, vatRateBp: 0 }) },
  { table: t.programIntakeForms, read: programFollowers, write: byOrgWide, target: 'public',
    newRow: (o) => ({ orgId: o.org, programId: o.programLink, formSchemaJson: {} }) },
  { table: t.programMilestones, read: programFollowers, write: byOrgWide, target: 'public',
    newRow: (o) => ({ orgId: o.org, programId: o.programPublic, orderIdx: 9, name: 'M' }) },
  { table: t.availabilityRules, read: ownInstructor, write: { insert: orgWide('instructorA'), update: orgWide('instructorA'), delete: orgWide('instructorA') },
    newRow: (o) => ({ orgId: o.org, instructorId: o.instructorA, weekday: 2, startTime: '09:00', endTime: '10:00', timezone: 'UTC' }) },
  // Closed days are no secret (the booking path reads them as its caller); the studio's people and the server write them.
  { table: t.studioClosures, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads }, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, startsOn: '2031-05-01', endsOn: '2031-05-01', name: 'May Day', timezone: 'UTC' }) },
  // An instructor's outside calendar: theirs alone, and the studio's.
  { table: t.calendarFeeds, read: ownInstructor, write: { insert: orgWide('instructorA'), update: orgWide('instructorA'), delete: orgWide('instructorA') },
    newRow: (o) => ({ orgId: o.org, instructorId: o.instructorA, url: `https://calendar.example/${randomUUID()}.ics` }) },
  { table: t.classOccurrences, read: staffReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, instructorId: o.instructorA, title: 'C', startsAt: plusHours(0), endsAt: plusHours(1), timezone: 'UTC' }) },
  { table: t.scheduleBlocks, read: ownInstructor, write: { insert: orgWide('instructorA'), update: orgWide('instructorA'), delete: orgWide('instructorA') },
    newRow: (o) => ({ orgId: o.org, kind: 'time_off', instructorId: o.instructorA, timezone: 'UTC', during: sql`${rangeOf(plusHours(2), plusHours(3))}` }) },
  { table: t.programBookings, read: ownBooking, write: { insert: orgWide(), update: orgWide('instructorA'), delete: managerOrOwner() },
    newRow: (o) => ({ orgId: o.org, programId: o.programPublic, variantId: o.variantPublic, customerId: o.customerA, instructorId: o.instructorA, status: 'confirmed', currency: 'CHF', totalPrice: 1, sessionsCount: 1, clientTokenHash: 'x' }) },
  { table: t.programSessions, read: ownBooking, write: { insert: orgWide('instructorA'), update: orgWide('instructorA'), delete: orgWide() },
    newRow: (o) => ({ orgId: o.org, bookingId: o.bookingA, seq: 2, timezone: 'UTC' }) },
  { table: t.programProgress, read: ownBooking, write: { insert: orgWide('instructorA'), update: orgWide('instructorA'), delete: orgWide('instructorA') },
    newRow: (o) => ({ orgId: o.org, bookingId: o.bookingA, milestoneId: o.milestoneHidden }) },
  // Homework: the customer, the booking's instructor and the studio see it; the customer uploads and removes their own.
  { table: t.bookingArtifacts, read: ownBooking, write: { insert: orgWide('customerA'), update: orgWide(), delete: orgWide('customerA') },
    newRow: (o) => ({ orgId: o.org, bookingId: o.bookingA, milestoneId: o.milestonePublic, customerId: o.customerA, storageKey: `${o.org}/${o.bookingA}/${randomUUID()}`, filename: 'x.pdf', contentType: 'application/pdf', extension: 'pdf', sizeBytes: 1, sha256: 'x' }) },
  { table: t.orders, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, customerId: o.customerA, currency: 'CHF', subtotal: 1, vatTotal: 0, total: 1 }) },
  { table: t.orderItems, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, orderId: o.orderA, description: 'x', unitPrice: 1, amount: 1, vatRateBp: 0, vatAmount: 0, currency: 'CHF' }) },
  { table: t.payments, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, orderId: o.orderA, method: 'test', amount: 1, currency: 'CHF', provider: 'test', providerRef: randomUUID() }) },
  { table: t.paymentPlans, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, orderId: o.orderB, currency: 'CHF', total: 1, deposit: 0, planJson: {} }) },
  { table: t.installments, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, planId: o.planA, orderId: o.orderA, seq: 2, dueAt: plusHours(5), amount: 1, currency: 'CHF' }) },
  { table: t.refunds, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, orderId: o.orderA, amount: 1, currency: 'CHF', reason: 'x' }) },
  { table: t.invoices, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, orderId: randomUUID(), number: 99 }) },
  { table: t.invoiceCounters, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, lastNumber: 0 }) },
  // Issued once, never changed: the customer reads their own, the studio and the server all; only the server (or the studio) issues.
  { table: t.creditNotes, read: ownMoney, write: { insert: orgWide(), update: [], delete: [] },
    newRow: (o) => ({ orgId: o.org, orderId: o.orderA, number: 99, currency: 'CHF', total: 100, vatTotal: 7, reason: 'x' }) },
  { table: t.creditNoteCounters, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, lastNumber: 0 }) },
  { table: t.creditLedger, read: ownMoney, write: { insert: orgWide(), update: [], delete: [] },
    newRow: (o) => ({ orgId: o.org, customerId: o.customerA, delta: 1, balanceAfter: 0, reason: 'x' }) },
  { table: t.coupons, read: orgWideReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, code: randomUUID(), kind: 'percent', percentBp: 500 }) },
  { table: t.referralCodes, read: ownMoney, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, customerId: o.customerA, code: randomUUID() }) },
  { table: t.messageThreads, read: ownBooking, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, bookingId: randomUUID(), subject: 'x' }) },
  { table: t.messages, read: ownBooking, write: { insert: orgWide('customerA', 'instructorA'), update: orgWide(), delete: orgWide() },
    newRow: (o, caller) => ({ orgId: o.org, threadId: o.threadA, bodyMd: 'hi',
      ...(caller.startsWith('instructor') ? { senderKind: 'staff', senderId: caller === 'instructorA' ? o.instructorA : o.instructorB }
        : caller.startsWith('customer') ? { senderKind: 'customer', senderId: caller === 'customerA' ? o.customerA : o.customerB }
        : { senderKind: 'system' }) }) },
  { table: t.mailOutbox, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, dedupeKey: randomUUID(), toAddress: 'a@b.c', subject: 's', textBody: 't' }) },
  // Append-only history: the studio and the server read it; only the server (or the studio) adds; nobody edits it.
  { table: t.domainEvents, read: orgWideReads, write: { insert: orgWide(), update: [], delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, type: 'booking.confirmed', subjectId: randomUUID() }) },
  // The conversion funnel: the anonymous embed caller reports steps of programs it can see, the server a
  // booking's `paid` step when its money arrives; the studio's owner and managers and the server read them
  // (no customer or instructor); nobody edits or removes one.
  { table: t.funnelEvents, read: orgWideReads, write: { insert: ['anonymous', 'system'], update: [], delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, programId: o.programPublic, visitId: `visit-${randomUUID()}`, step: 'time_chosen' }) },
  // Outgoing webhooks: the studio's people and the server; instructors and customers never see them (secrets, customers' data).
  { table: t.webhookEndpoints, read: orgWideReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, url: 'https://hooks.example/new', events: ['booking.cancelled'], secret: 'whsec_y' }) },
  // The delivery log: written by the server (or the studio's replay), never removed but with its endpoint.
  { table: t.webhookDeliveries, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, endpointId: o.webhookEndpoint, eventId: randomUUID(), eventType: 'booking.confirmed', messageId: 'msg_y', payload: {}, occurredAt: when }) },
  { table: t.webhookAttempts, read: orgWideReads, write: { insert: orgWide(), update: [], delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, deliveryId: o.webhookDelivery, attemptedAt: when, statusCode: 500, durationMs: 1 }) },
  // A program's reminders and nudges: every staff member reads them; the studio and the server's jobs write them.
  { table: t.programNudges, read: staffReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, programId: o.programHidden }) },
  // Reviews: the studio's owners and managers and the server; a page or the widget (anonymous) only approved testimonials
  // with consent; the customer answers through the review link (as the server); nobody removes one.
  { table: t.programReviews, read: { anonymous: ['B'], ...orgWideReads }, write: { insert: orgWide(), update: orgWide(), delete: [] },
    newRow: (o) => ({ orgId: o.org, bookingId: o.bookingA, programId: o.programPublic, customerId: o.customerA, tokenHash: randomUUID(), requestedAt: when }) },
  // A referrer reads their own rewards; the studio and the server all; the server (or the studio) writes; nobody removes one.
  { table: t.referralRewards, read: ownMoney, write: { insert: orgWide(), update: orgWide(), delete: [] },
    newRow: (o) => ({ orgId: o.org, referralCodeId: randomUUID(), referrerCustomerId: o.customerA, refereeCustomerId: o.customerB, orderId: o.orderA, bookingId: o.bookingA, credits: 1, dueAt: when }) },
  // Segments and campaigns: the studio's and the server's alone; a campaign is kept (its mails and counts hang off it).
  { table: t.segments, read: orgWideReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, name: 'x', filter: {} }) },
  { table: t.campaigns, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, segmentId: randomUUID(), name: 'x', subject: { en: 'x' }, bodyMd: { en: 'x' }, sendAt: when }) },
  // Automations, their runs' log and steps: the studio's and the server's alone; the log is never removed (an automation is marked removed).
  // A studio's own domain: the owner's setting (managers and instructors never see it); the server reads it and records checks.
  { table: t.customDomains, read: { owner: ALL, system: ALL }, managersList: false, write: { insert: ['owner', 'system'], update: ['owner', 'system'], delete: ['owner', 'system'] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, host: `new-${randomUUID()}.example`, verificationToken: 't' }) },
  // Stripe Connect onboarding: the owner starts it; the owner, managers (the checklist) and the server read it; the server records
  // what Stripe says (the owner's reads too); nobody removes it.
  { table: t.stripeConnectAccounts, read: { manager: ALL, owner: ALL, system: ALL }, write: { insert: ['owner'], update: ['owner', 'system'], delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, accountId: `acct_${randomUUID()}` }) },
  { table: t.automations, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, name: 'x', trigger: { kind: 'event', event: 'booking.cancelled' }, triggerEvent: 'booking.cancelled', actions: [] }) },
  { table: t.automationRuns, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, automationId: randomUUID(), triggerKey: `event:${randomUUID()}`, context: {}, dueAt: when }) },
  { table: t.automationRunActions, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, runId: randomUUID(), position: 1, type: 'add_tag', spec: { type: 'add_tag', tag: 'x' } }) },
  { table: t.automationSegmentMembers, read: orgWideReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, automationId: randomUUID(), customerId: o.customerB, firstSeenAt: when }) },
  { table: t.customerTags, read: orgWideReads, write: byOrgWide, target: 'org',
    newRow: (o) => ({ orgId: o.org, customerId: o.customerB, tag: 'new' }) },
  // Marketing consent records: the studio and the server read them; only the server writes (the checkout, the links); nobody removes one.
  { table: t.marketingConsents, read: orgWideReads, write: { insert: ['system'], update: ['system'], delete: [] },
    newRow: (o) => ({ orgId: o.org, customerId: o.customerA, email: 'a@x', status: 'expired', source: 'checkout', locale: 'en', wording: 'w', wordingVersion: 'v1',
      requestedAt: when, requestIpHash: 'h', confirmTokenHash: randomUUID(), unsubscribeTokenHash: randomUUID() }) },
  { table: t.payrollRules, read: ownInstructor, write: byOrgWide,
    newRow: (o) => ({ orgId: o.org, staffId: o.instructorA, kind: 'per_session', value: 1, currency: 'CHF', validFrom: '2031-01-01' }) },
  // Frozen when computed: the instructor reads their own, the studio and the server all; a correction is a new
  // adjustment row (the server's or the studio's), never an edit or a removal.
  { table: t.earnings, read: ownInstructor, write: { insert: orgWide(), update: [], delete: [] },
    newRow: (o) => ({ orgId: o.org, staffId: o.instructorA, periodId: o.payrollPeriod, kind: 'booking', bookingId: o.bookingA, amount: 1, currency: 'CHF', earnedOn: '2030-03-05', earnedAt: plusHours(1) }) },
  // Periods: every staff member sees them (amounts are in earnings, under their own policy); the studio and the
  // server open and close them; nobody removes one.
  { table: t.payrollPeriods, read: staffReads, write: { insert: orgWide(), update: orgWide(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, startsOn: '2030-04-01', endsOn: '2030-04-30' }) },
  // The studio's payroll settings: its people decide, the server and instructors read.
  { table: t.payrollSettings, read: staffReads, write: { insert: managerOrOwner(), update: managerOrOwner(), delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, periodKind: 'monthly', currency: 'CHF' }) },
  // Token buckets (hashed keys, no personal data): every caller of the org takes tokens from its org's buckets
  // (the anonymous embed above all); only the studio or the server removes them; another org's stay invisible.
  { table: t.rateLimitBuckets, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads },
    write: { insert: [...callers.filter((c) => c !== 'otherManager')], update: [...callers.filter((c) => c !== 'otherManager')], delete: orgWide() }, target: 'org',
    newRow: (o) => ({ orgId: o.org, bucket: `hold:client:${randomUUID()}`, tokens: 1, granted: true, updatedAt: when }) },
  // The schedule version's stripes: every caller of the org reads them (the slots answer asks as anonymous); only the trigger function writes them.
  { table: t.scheduleVersionStripes, read: { anonymous: ALL, customerA: ALL, customerB: ALL, ...staffReads },
    write: { insert: [], update: [], delete: [] }, target: 'org', newRow: (o) => ({ orgId: o.org, stripe: 500, version: 1 }) },
  // One-time codes and their attempt counters: the server's own business, not even the studio reads them.
  { table: t.customerLoginCodes, read: { system: ALL }, managersList: false, write: { insert: ['system'], update: ['system'], delete: ['system'] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, email: `${randomUUID()}@x`, codeHash: 'h' }) },
  // Identity sessions: the studio and the customer themselves see (and may end) them; only the server starts one.
  { table: t.customerSessions, read: ownMoney, write: { insert: ['system'], update: orgWide('customerA'), delete: managerOrOwner() },
    newRow: (o) => ({ orgId: o.org, customerId: o.customerA, tokenHash: randomUUID(), expiresAt: plusHours(12) }) },
  // Opaque link tokens (manage, invoice): capabilities, seen and written by the studio and the server only.
  { table: t.linkTokens, read: orgWideReads, write: { insert: orgWide(), update: orgWide(), delete: managerOrOwner() },
    newRow: (o) => ({ orgId: o.org, purpose: 'invoice', bookingId: o.bookingA, tokenHash: randomUUID(), expiresAt: plusHours(24) }) },
  // Staff sessions (the console's cookie): the studio's owners and managers and the server see and end them, an instructor their own; only the server starts one.
  { table: t.staffSessions, read: { instructorA: ['A'], instructorB: ['B'], ...orgWideReads }, write: { insert: ['system'], update: orgWide('instructorA'), delete: managerOrOwner() },
    newRow: (o) => ({ orgId: o.org, staffId: o.instructorA, tokenHash: randomUUID(), expiresAt: plusHours(12) }) },
  // Staff sign-in codes belong to no studio (signing in comes first): no request reads or writes them, not even the server's own
  // transactions; only the SECURITY DEFINER functions do (tests/api/admin/sign-in.test.ts).
  { table: t.staffSignInCodes, read: {}, managersList: false, write: { insert: [], update: [], delete: [] }, target: 'org',
    newRow: () => ({ emailHash: randomUUID(), codeHash: 'h' }) },
  // A studio's sign-up waiting for its code: the server's own business (tests/api/admin/sign-up.test.ts); one row per studio, so
  // an insert for the same studio reaches the primary key (past the policies) only as the server.
  { table: t.studioSignUps, read: { system: ALL }, managersList: false, write: { insert: ['system'], update: ['system'], delete: ['system'] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, ownerId: o.owner, emailHash: randomUUID(), clientHash: 'c' }) },
  // Keys are visible only to the transaction presenting them (tested below); nobody can list them.
  { table: t.idempotencyKeys, read: {}, managersList: false, write: { insert: [], update: [], delete: [] }, target: 'org',
    newRow: (o) => ({ orgId: o.org, key: randomUUID(), scope: 'POST /x', requestHash: 'h' }) },
];

class Rollback extends Error {}

/** Runs `work` as the caller and rolls everything back. Returns what `work` returned or the SQLSTATE it failed with. */
async function attempt<T>(db: Database, ctx: Who, work: (tx: Parameters<Parameters<typeof withCaller>[2]>[0]) => Promise<T>): Promise<{ value?: T; code?: string }> {
  let outcome: { value?: T; code?: string } = {};
  const inside = async (tx: Parameters<Parameters<typeof withCaller>[2]>[0]) => {
    try {
      outcome = { value: await work(tx) };
    } catch (error) {
      outcome = { code: pgErrorCode(error) ?? String(error) };
    }
    throw new Rollback();
  };
  try {
    if (ctx.role === 'system') await withSystem(db, ctx.orgId, 'tenancy matrix', inside);
    else await withCaller(db, ctx, inside);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome;
}

const RLS_DENIED = '42501';

describe('row level security matrix', async () => {
  let db: Database;
  let f: Fixture;
  let close: () => Promise<void>;
  let label = '';

  before(async () => {
    const opened = await freshDatabase();
    db = opened.db;
    close = opened.close;
    label = opened.label;
    f = await buildFixture(db);
  });
  after(async () => close());

  test('every table in the schema is covered by the matrix, with RLS enabled and forced', async () => {
    const result = rowsOf(await db.execute(sql`select relname, relrowsecurity, relforcerowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by relname`));
    const names = result.map((r) => String(r.relname));
    assert.deepEqual(names, specs.map((s) => getTableName(s.table)).sort(), `${label}: tables and matrix differ`);
    for (const r of result) assert.ok(r.relrowsecurity && r.relforcerowsecurity, `${r.relname} must have RLS enabled and forced`);
  });

  test('requests run as tandem_app, which is neither superuser nor BYPASSRLS', async () => {
    const { value } = await attempt(db, { orgId: f.one.org, role: 'manager' }, async (tx) =>
      rowsOf(await tx.execute(sql`select current_user as who, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`))[0]);
    assert.deepEqual(value, { who: 'tandem_app', rolsuper: false, rolbypassrls: false });
  });

  test('without the role switch the owner sees every org (which is why withCaller switches)', async () => {
    const all = rowsOf(await db.execute(sql`select count(distinct org_id)::int as n from program_bookings`));
    assert.equal(all[0]!.n, 2);
  });

  test('no org set: nothing at all is visible', async () => {
    const { value } = await attempt(db, { orgId: '00000000-0000-4000-8000-000000000000', role: 'manager' }, async (tx) =>
      rowsOf(await tx.execute(sql`select count(*)::int as n from program_bookings`))[0]!.n);
    assert.equal(value, 0);
  });

  for (const spec of specs) {
    const name = getTableName(spec.table);
    describe(name, () => {
      test('select without where: each caller sees exactly their rows', async () => {
        const rows = f.rows.get(name) ?? [];
        const expr = sql.raw(keyExpression[name] ?? 'id::text');
        for (const caller of callers) {
          const { value, code } = await attempt(db, contextOf(caller, f), async (tx) =>
            rowsOf(await tx.execute(sql`select ${expr} as key from ${spec.table}`)).map((r) => String(r.key)).sort());
          assert.equal(code, undefined, `${name} as ${caller}: ${code}`);
          const allowed = caller === 'otherManager' ? ['other'] : spec.read[caller] ?? [];
          const expected = rows.filter((r) => r.tag !== 'other' && (allowed === ALL || allowed.includes(r.tag))
            || (caller === 'otherManager' && r.tag === 'other' && spec.managersList !== false))
            .map((r) => r.key).sort();
          assert.deepEqual(value, expected, `${name} as ${caller} (${label})`);
        }
      });

      for (const op of ['insert', 'update', 'delete'] as const) {
        test(`${op}: only ${spec.write[op].join(', ') || 'nobody'}`, async () => {
          const targetTag = spec.target ?? 'A';
          const target = (f.rows.get(name) ?? []).find((r) => r.tag === targetTag)!;
          const expr = sql.raw(keyExpression[name] ?? 'id::text');
          for (const caller of callers) {
            const { value, code } = await attempt(db, contextOf(caller, f), async (tx) => {
              if (op === 'insert') {
                await tx.insert(spec.table).values(spec.newRow(f.one, caller) as never);
                return 1;
              }
              const set = name === 'orgs' ? sql.raw('name = name') : name === 'staff_sign_in_codes' ? sql.raw('email_hash = email_hash') : sql.raw('org_id = org_id');
              const statement = op === 'update'
                ? sql`update ${spec.table} set ${set} where ${expr} = ${target.key} returning 1`
                : sql`delete from ${spec.table} where ${expr} = ${target.key} returning 1`;
              return rowsOf(await tx.execute(statement)).length;
            });
            const denied = code === RLS_DENIED || value === 0;
            const expectAllowed = spec.write[op].includes(caller);
            // A foreign-key or unique error means the row got past the policies to the constraints.
            const allowed = value === 1 || (code !== undefined && code.startsWith('23'));
            if (expectAllowed) assert.ok(allowed, `${name}: ${caller} should ${op} (got ${code ?? value}) on ${label}`);
            else assert.ok(denied && !allowed, `${name}: ${caller} must not ${op} (got ${code ?? value}) on ${label}`);
          }
        });
      }
    });
  }

  test('an idempotency key is visible only to the transaction presenting it', async () => {
    const presented = await attempt(db, { orgId: f.one.org, role: 'anonymous', idempotencyKey: f.one.idempotencyKey }, async (tx) =>
      rowsOf(await tx.execute(sql`select key from idempotency_keys`)).map((r) => r.key));
    assert.deepEqual(presented.value, [f.one.idempotencyKey]);
    const otherOrg = await attempt(db, { orgId: f.two.org, role: 'manager', idempotencyKey: f.one.idempotencyKey }, async (tx) =>
      rowsOf(await tx.execute(sql`select key from idempotency_keys`)).length);
    assert.equal(otherOrg.value, 0);
  });

  test('a by_link program is visible to the anonymous caller presenting its token, with its variants', async () => {
    const { value } = await attempt(db, { orgId: f.one.org, role: 'anonymous', linkToken: 'token-tenant-one' }, async (tx) =>
      rowsOf(await tx.execute(sql`select p.slug, count(v.id)::int as variants from programs p left join program_variants v on v.program_id = p.id group by p.slug order by p.slug`)));
    assert.deepEqual(value, [{ slug: 'link', variants: 1 }, { slug: 'public', variants: 1 }]);
    const wrong = await attempt(db, { orgId: f.one.org, role: 'anonymous', linkToken: 'token-tenant-two' }, async (tx) =>
      rowsOf(await tx.execute(sql`select slug from programs order by slug`)).map((r) => r.slug));
    assert.deepEqual(wrong.value, ['public']);
  });

  test('an owner or manager who delivers a program the caller can see is bookable; one who delivers none is not; another org never', async () => {
    const one = f.one, two = f.two;
    const visible = async (who: Who) => (await attempt(db, who, async (tx) =>
      rowsOf(await tx.execute(sql`select id::text as id from staff order by id`)).map((r) => String(r.id)))).value ?? [];
    const publicCallers: Who[] = [contextOf('anonymous', f), contextOf('customerA', f), contextOf('customerB', f)];
    const instructors = [one.instructorA, one.instructorB];
    for (const who of publicCallers) assert.deepEqual(await visible(who), [...instructors].sort(), `${who.role}: only instructors before`);
    // With the owner handle (the fixture's own way), undone below: org one's owner delivers the public program,
    // its manager only the hidden one; org two's owner and manager deliver org two's public program.
    const links = [
      { orgId: one.org, programId: one.programPublic, staffId: one.owner },
      { orgId: one.org, programId: one.programHidden, staffId: one.manager },
      { orgId: two.org, programId: two.programPublic, staffId: two.owner },
      { orgId: two.org, programId: two.programPublic, staffId: two.manager },
    ];
    await db.insert(t.programInstructors).values(links);
    try {
      for (const who of publicCallers) {
        const seen = await visible(who);
        // A customer sees a hidden program only through their own booking of it, and then its people too.
        const seesHidden = (await attempt(db, who, async (tx) =>
          rowsOf(await tx.execute(sql`select 1 from programs where id = ${one.programHidden}`)).length)).value === 1;
        assert.equal(seesHidden, 'customerId' in who && who.customerId === one.customerB, 'customer B booked the hidden program');
        const expected = [...instructors, one.owner, ...(seesHidden ? [one.manager] : [])].sort();
        assert.deepEqual(seen, expected, `${who.role} (${label}): the owner who delivers the public program; the manager only with the hidden program`);
        for (const other of [two.owner, two.manager, two.instructorA, two.instructorB]) assert.ok(!seen.includes(other), `${who.role}: another org's staff never`);
      }
      // The owner who delivers none (org one's, from org two's side) stays invisible; org two's own are visible there.
      const fromTwo = await visible({ orgId: two.org, role: 'anonymous' });
      assert.deepEqual(fromTwo, [two.instructorA, two.instructorB, two.owner, two.manager].sort());
      // A deactivated owner is not bookable, even while delivering.
      await db.execute(sql`update staff set is_active = false where id = ${one.owner}`);
      try {
        assert.deepEqual(await visible(contextOf('anonymous', f)), [...instructors].sort());
      } finally {
        await db.execute(sql`update staff set is_active = true where id = ${one.owner}`);
      }
    } finally {
      for (const l of links) await db.execute(sql`delete from program_instructors where program_id = ${l.programId} and staff_id = ${l.staffId}`);
    }
    for (const who of publicCallers) assert.deepEqual(await visible(who), [...instructors].sort(), `${who.role}: only instructors after`);
  });

  test('a row cannot be written into another org, even by a manager', async () => {
    const { code } = await attempt(db, { orgId: f.two.org, role: 'manager' }, (tx) =>
      tx.insert(t.coupons).values({ orgId: f.one.org, code: 'SNEAK', kind: 'percent', percentBp: 100 }));
    assert.equal(code, RLS_DENIED);
  });

  test('composite foreign keys: a row cannot point into another tenant (checked by the database, as owner)', async () => {
    // A booking of org one naming org two's customer: rejected even by the owner handle, which skips RLS.
    await assert.rejects(
      db.insert(t.programBookings).values({ orgId: f.one.org, programId: f.one.programPublic, variantId: f.one.variantPublic, customerId: f.two.customerA, instructorId: f.one.instructorA, currency: 'CHF', totalPrice: 1, sessionsCount: 1, clientTokenHash: 'x', status: 'confirmed' }),
      (error) => pgErrorCode(error) === PG.foreignKeyViolation,
    );
    await assert.rejects(
      db.insert(t.programSessions).values({ orgId: f.two.org, bookingId: f.one.bookingA, seq: 5, timezone: 'UTC' }),
      (error) => pgErrorCode(error) === PG.foreignKeyViolation,
    );
  });

  test('the credit ledger is append-only and never negative', async () => {
    const update = await attempt(db, { orgId: f.one.org, role: 'manager' }, (tx) => tx.execute(sql`update credit_ledger set delta = 100`));
    assert.equal(update.code, '42501'); // insufficient_privilege: UPDATE is revoked
    const overdraw = await attempt(db, { orgId: f.one.org, role: 'manager' }, (tx) =>
      tx.insert(t.creditLedger).values({ orgId: f.one.org, customerId: f.one.customerA, delta: -6, balanceAfter: 0, reason: 'too much' }));
    assert.equal(overdraw.code, PG.checkViolation);
    const spend = await attempt(db, { orgId: f.one.org, role: 'manager' }, async (tx) => {
      await tx.insert(t.creditLedger).values({ orgId: f.one.org, customerId: f.one.customerA, delta: -5, balanceAfter: 0, reason: 'all of it' });
      return rowsOf(await tx.execute(sql`select balance_after from credit_ledger where customer_id = ${f.one.customerA} order by created_at desc limit 1`))[0]!.balance_after;
    });
    assert.equal(spend.value, 0);
  });
});
